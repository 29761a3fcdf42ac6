// The sales report as a PDF in the operator's language, to print and file, and the titles and
// names its Excel workbook shares (salesWorkbook.ts).
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
export function reportTitle(
  report: Pick<SalesReport, 'from' | 'to' | 'period'>,
  w: PaperWords,
): string {
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

export function filterText(report: SalesReport, w: PaperWords): string {
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
export const methodName = (w: PaperWords) => (key: string) =>
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
