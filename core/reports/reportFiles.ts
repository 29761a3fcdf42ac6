// The sales report as files, in the operator's language: a PDF to print and file, an Excel
// workbook whose totals are sums of its own rows (so the office can check them in the spreadsheet).
import type { Workbook } from 'exceljs';
import { loadExcel } from '../heavyLibraries';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type {
  PaymentMethod,
  ReportGroup,
  ReportTotals,
  SalesReport,
} from '../../shared/api/ledgerTypes';
import { formatMoney } from '../../shared/units';
import { auditAnchorLine, renderPdf, time } from '../receipts/pdf';
import type { AuditAnchor } from '../../shared/api/types';
import { reportPage } from './reportPage';
import { receiptNumber } from '../../shared/receiptNumber';
import type { PaperWords } from '../../shared/paper/words';

/** 售电日报 2026-11-24, 售电月报 2026-11, 售电年报 2026, or 售电报表 from 至 to. */
function reportTitle(report: Pick<SalesReport, 'from' | 'to' | 'period'>, w: PaperWords): string {
  const r = w.salesReport;
  switch (report.period) {
    case 'day':
      return r.day(report.from);
    case 'month':
      return r.month(report.from.slice(0, 7));
    case 'year':
      return r.year(report.from.slice(0, 4));
    default:
      return r.range(report.from, report.to);
  }
}

/** daily-sales-2026-11-24, monthly-sales-2026-11, yearly-sales-2026, sales-FROM_TO. */
export function reportFileStem(report: Pick<SalesReport, 'from' | 'to' | 'period'>): string {
  switch (report.period) {
    case 'day':
      return `daily-sales-${report.from}`;
    case 'month':
      return `monthly-sales-${report.from.slice(0, 7)}`;
    case 'year':
      return `yearly-sales-${report.from.slice(0, 4)}`;
    default:
      return `sales-${report.from}_${report.to}`;
  }
}

function filterText(report: SalesReport, w: PaperWords): string {
  const r = w.salesReport;
  const parts = [
    report.filter.customer && r.filterCustomer(report.filter.customer),
    report.filter.meterNo && r.filterMeter(report.filter.meterNo),
    report.filter.operatorId !== undefined && r.filterOperator(report.filter.operatorId),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? r.filter(parts) : '';
}

const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });

const groupRow = (name: string, g: ReportGroup | ReportTotals, count: number, bold = false) => [
  { text: name, bold },
  right(String(count), bold),
  right(formatMoney(g.salesFen), bold),
  right(formatMoney(g.reversalsFen), bold),
  right(formatMoney(g.refundsFen), bold),
  right(formatMoney(g.netFen), bold),
  right(formatMoney(g.cardFeesFen), bold),
];

function groupTable(
  w: PaperWords,
  title: string,
  groups: ReportGroup[],
  totals: ReportTotals | null,
  name: (key: string) => string = (key) => key,
): Content {
  const c = w.salesReport.columns;
  return {
    margin: [0, 10, 0, 0],
    table: {
      headerRows: 1,
      widths: ['*', 34, 64, 56, 56, 64, 52],
      body: [
        [
          { text: title, bold: true },
          ...[c.count, c.sales, c.reversals, c.refunds, c.net, c.cardFees].map((text) =>
            right(text, true),
          ),
        ],
        ...groups.map((g) => groupRow(name(g.key), g, g.count)),
        ...(totals ? [groupRow(w.total, totals, totals.salesCount, true)] : []),
      ],
    },
    layout: 'lightHorizontalLines',
  };
}

/** A payment method's group key in the language of the page. */
const methodName = (w: PaperWords) => (key: string) =>
  w.paymentMethods[key as PaymentMethod] ?? key;

/** Lines beyond this go to the Excel file only; a PDF of a year of lines helps nobody. */
export const PDF_LINE_LIMIT = 2_000;
const TOP_CUSTOMERS = 20;

export function salesReportPdf(
  report: SalesReport,
  printedAt: string,
  anchor: AuditAnchor,
  w: PaperWords,
): Promise<Buffer> {
  const lines = report.lineCount <= PDF_LINE_LIMIT ? report.lines : null;
  const g = w.salesReport.groups;
  const filter = filterText(report, w);
  return renderPdf(
    reportPage(
      {
        officeName: report.officeName,
        title: reportTitle(report, w),
        subtitle: w.salesReport.summary(report.totals, formatMoney),
        content: [
          ...(filter ? [{ text: filter, alignment: 'center' as const }] : []),
          ...(report.period === 'day'
            ? []
            : [
                groupTable(
                  w,
                  report.series.unit === 'day' ? g.date : g.month,
                  report.series.points,
                  report.totals,
                ),
              ]),
          groupTable(w, g.paymentMethod, report.byPaymentMethod, report.totals, methodName(w)),
          groupTable(w, g.tariff, report.byTariff, report.totals),
          groupTable(w, g.area, report.byArea, report.totals),
          groupTable(w, g.operator, report.byOperator, report.totals),
          ...(report.byCustomer.length > 1
            ? [
                groupTable(
                  w,
                  report.byCustomer.length > TOP_CUSTOMERS
                    ? w.salesReport.topCustomers(TOP_CUSTOMERS)
                    : g.customer,
                  report.byCustomer.slice(0, TOP_CUSTOMERS),
                  report.byCustomer.length > TOP_CUSTOMERS ? null : report.totals,
                ),
              ]
            : []),
          ...(lines
            ? linesPdf(lines, w)
            : [
                {
                  text: w.salesReport.linesNotPrinted(report.lineCount, PDF_LINE_LIMIT),
                  margin: [0, 14, 0, 0] as [number, number, number, number],
                },
              ]),
          auditAnchorLine(anchor, printedAt, w),
        ],
      },
      w,
    ),
    `${report.officeName} ${reportTitle(report, w)}`,
  );
}

/** A small table of lines under a bold heading. */
function lineTable(
  heading: string,
  widths: (number | '*')[],
  headers: TableCell[],
  body: TableCell[][],
): Content[] {
  return [
    { text: heading, bold: true, margin: [0, 14, 0, 4] },
    {
      table: { headerRows: 1, widths, body: [headers, ...body] },
      layout: 'lightHorizontalLines',
      fontSize: 8,
    },
  ];
}

const head = (text: string, alignment?: 'right'): TableCell => ({
  text,
  bold: true,
  ...(alignment && { alignment }),
});
const money = (fen: number): TableCell => ({ text: formatMoney(fen), alignment: 'right' });

function linesPdf(lines: NonNullable<SalesReport['lines']>, w: PaperWords): Content[] {
  const c = w.salesReport.lineColumns;
  const sections = w.salesReport.sections;
  return [
    ...lineTable(
      sections.sales,
      [52, 88, '*', 62, 56, 36, 40],
      [
        head(c.receiptNo),
        head(c.time),
        head(c.customerName),
        head(c.meterNo),
        head(c.amount, 'right'),
        head(c.payment),
        head(c.cashier),
      ],
      lines.sales.map((r) => [
        receiptNumber(r.receiptNo) + (r.status === 'reversed' ? w.salesReport.reversedMark : ''),
        time(r.createdAt),
        r.customerName,
        r.meterNo,
        money(r.amountFen),
        w.paymentMethods[r.paymentMethod],
        r.operatorName,
      ]),
    ),
    ...(lines.reversals.length > 0
      ? lineTable(
          sections.reversals,
          [52, 52, 88, '*', 56, 40],
          [
            head(c.voucherNo),
            head(c.originalReceiptNo),
            head(c.time),
            head(c.customerName),
            head(c.amount, 'right'),
            head(c.cashier),
          ],
          lines.reversals.map((r) => [
            receiptNumber(r.receiptNo),
            receiptNumber(r.saleReceiptNo),
            time(r.createdAt),
            r.customerName,
            money(r.amountFen),
            r.operatorName,
          ]),
        )
      : []),
    ...(lines.refunds.length > 0
      ? lineTable(
          sections.refunds,
          [52, 88, '*', 50, 56, 40],
          [
            head(c.voucherNo),
            head(c.time),
            head(c.customerName),
            head(c.type),
            head(c.amount, 'right'),
            head(c.handledBy),
          ],
          lines.refunds.map((r) => [
            receiptNumber(r.receiptNo),
            time(r.createdAt),
            r.customerName,
            w.refundKinds[r.kind],
            money(r.amountFen),
            r.operatorName,
          ]),
        )
      : []),
    ...(lines.cardFees.length > 0
      ? lineTable(
          sections.cardFees,
          [52, 88, '*', 62, 40, 50, 36, 40],
          [
            head(c.receiptNo),
            head(c.time),
            head(c.customerName),
            head(c.cardNo),
            head(c.type),
            head(c.amount, 'right'),
            head(c.payment),
            head(c.cashier),
          ],
          lines.cardFees.map((r) => [
            receiptNumber(r.receiptNo),
            time(r.createdAt),
            r.customerName,
            r.cardNo,
            w.cardFeeKinds[r.kind],
            money(r.amountFen),
            w.paymentMethods[r.paymentMethod],
            r.operatorName,
          ]),
        )
      : []),
  ];
}

const YUAN = '#,##0.00';

/** A detail sheet: a header, the rows, and a total row whose money cells are SUM formulas. */
function detailSheet(
  book: Workbook,
  w: PaperWords,
  name: string,
  headers: string[],
  rows: (string | number)[][],
  moneyColumn: number,
  totalFen: number,
): void {
  const sheet = book.addWorksheet(name);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  const column = String.fromCharCode(64 + moneyColumn);
  const total: (string | { formula: string; result: number })[] = [w.total];
  while (total.length < moneyColumn - 1) total.push('');
  total.push({
    formula: `SUM(${column}2:${column}${Math.max(2, sheet.rowCount)})`,
    result: totalFen / 100,
  });
  sheet.addRow(total).font = { bold: true };
  sheet.getColumn(moneyColumn).numFmt = YUAN;
}

export async function salesReportXlsx(report: SalesReport, w: PaperWords): Promise<Buffer> {
  if (!report.lines) throw new Error('the Excel file needs every line of the report');
  const r = w.salesReport;
  const g = r.groups;
  const c = r.lineColumns;
  const ExcelJS = await loadExcel();
  const book = new ExcelJS.Workbook();
  book.creator = 'PowerTill';
  const summary = book.addWorksheet(r.summarySheet);
  summary.addRow([`${report.officeName} ${reportTitle(report, w)}`]).font = {
    bold: true,
    size: 13,
  };
  const filter = filterText(report, w);
  if (filter) summary.addRow([filter]);
  const same = (key: string) => key;
  const groupings: [string, ReportGroup[], (key: string) => string][] = [
    [g.paymentMethod, report.byPaymentMethod, methodName(w)],
    [g.tariff, report.byTariff, same],
    [g.area, report.byArea, same],
    [g.operator, report.byOperator, same],
    [g.customer, report.byCustomer, same],
    [g.meter, report.byMeter, same],
  ];
  if (report.period !== 'day')
    groupings.unshift([
      report.series.unit === 'day' ? g.date : g.month,
      report.series.points,
      same,
    ]);
  const { totals } = report;
  const columns = r.columns;
  for (const [title, groups, name] of groupings) {
    summary.addRow([]);
    summary.addRow([
      title,
      columns.count,
      ...[columns.sales, columns.reversals, columns.refunds, columns.net, columns.cardFees].map(
        w.inYuan,
      ),
    ]).font = { bold: true };
    const first = summary.rowCount + 1;
    for (const group of groups)
      summary.addRow([
        name(group.key),
        group.count,
        group.salesFen / 100,
        group.reversalsFen / 100,
        group.refundsFen / 100,
        group.netFen / 100,
        group.cardFeesFen / 100,
      ]);
    const last = summary.rowCount;
    // Totals as formulas over the rows above, with the computed result stored beside them.
    const sum = (column: string, result: number) => ({
      formula: `SUM(${column}${first}:${column}${last})`,
      result,
    });
    summary.addRow([
      w.total,
      sum('B', totals.salesCount),
      sum('C', totals.salesFen / 100),
      sum('D', totals.reversalsFen / 100),
      sum('E', totals.refundsFen / 100),
      sum('F', totals.netFen / 100),
      sum('G', totals.cardFeesFen / 100),
    ]).font = { bold: true };
  }
  summary.getColumn(1).width = 24;
  for (const column of [3, 4, 5, 6, 7]) summary.getColumn(column).numFmt = YUAN;

  const { sales, reversals, refunds, cardFees } = report.lines;
  detailSheet(
    book,
    w,
    r.sections.sales,
    [
      c.receiptNo,
      c.time,
      c.customerNo,
      c.customerName,
      c.area,
      c.meterNo,
      c.tariff,
      w.inYuan(c.amount),
      c.paymentMethod,
      c.cashier,
      c.status,
    ],
    sales.map((row) => [
      receiptNumber(row.receiptNo),
      time(row.createdAt),
      row.customerNo,
      row.customerName,
      row.area,
      row.meterNo,
      row.tariffName,
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
      w.saleStates[row.status === 'reversed' ? 'reversed' : 'committed'],
    ]),
    8,
    totals.salesFen,
  );
  detailSheet(
    book,
    w,
    r.sections.reversals,
    [
      c.voucherNo,
      c.originalReceiptNo,
      c.time,
      c.customerName,
      w.inYuan(c.amount),
      c.paymentMethod,
      c.cashier,
    ],
    reversals.map((row) => [
      receiptNumber(row.receiptNo),
      receiptNumber(row.saleReceiptNo),
      time(row.createdAt),
      row.customerName,
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
    ]),
    5,
    totals.reversalsFen,
  );
  detailSheet(
    book,
    w,
    r.sections.refunds,
    [
      c.voucherNo,
      c.time,
      c.customerName,
      c.type,
      c.reason,
      w.inYuan(c.amount),
      c.refundMethod,
      c.handledBy,
    ],
    refunds.map((row) => [
      receiptNumber(row.receiptNo),
      time(row.createdAt),
      row.customerName,
      w.refundKinds[row.kind],
      row.reason,
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
    ]),
    6,
    totals.refundsFen,
  );
  detailSheet(
    book,
    w,
    r.sections.cardFees,
    [
      c.receiptNo,
      c.time,
      c.customerName,
      c.cardNo,
      c.type,
      w.inYuan(c.amount),
      c.paymentMethod,
      c.cashier,
    ],
    cardFees.map((row) => [
      receiptNumber(row.receiptNo),
      time(row.createdAt),
      row.customerName,
      row.cardNo,
      w.cardFeeKinds[row.kind],
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
    ]),
    6,
    totals.cardFeesFen,
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
