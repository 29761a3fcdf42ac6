// The sales report as files: a PDF to print and file, an Excel workbook whose totals are sums of
// its own rows (so the office can check them in the spreadsheet).
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type {
  PaymentMethod,
  RefundKind,
  ReportGroup,
  ReportTotals,
  SalesReport,
} from '../../shared/api/ledgerTypes';
import { formatMoney } from '../../shared/units';
import { auditAnchorLine, renderPdf, time } from '../receipts/pdf';
import type { AuditAnchor } from '../../shared/api/types';
import { reportPage } from './reportPage';
import { receiptNumber } from '../../shared/receiptNumber';

const METHOD_NAMES: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信',
  alipay: '支付宝',
  bank_card: '银行卡',
};
const groupName = (title: string, key: string) =>
  title === '付款方式' ? (METHOD_NAMES[key as PaymentMethod] ?? key) : key;

const REFUND_KINDS: Record<RefundKind, string> = {
  refund: '退费',
  suspension: '报停退费',
  closing: '销户退费',
};

/** 售电日报 2026-11-24, 售电月报 2026-11, 售电年报 2026, or 售电报表 from 至 to. */
export function reportTitle(report: Pick<SalesReport, 'from' | 'to' | 'period'>): string {
  switch (report.period) {
    case 'day':
      return `售电日报 ${report.from}`;
    case 'month':
      return `售电月报 ${report.from.slice(0, 7)}`;
    case 'year':
      return `售电年报 ${report.from.slice(0, 4)}`;
    default:
      return `售电报表 ${report.from} 至 ${report.to}`;
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

function filterText(report: SalesReport): string {
  const parts = [
    report.filter.customer && `用户：${report.filter.customer}`,
    report.filter.meterNo && `表号：${report.filter.meterNo}`,
    report.filter.operatorId !== undefined && `收费员编号：${report.filter.operatorId}`,
  ].filter(Boolean);
  return parts.length > 0 ? `筛选 ${parts.join('，')}` : '';
}

const summaryLine = (t: ReportTotals) =>
  `售电 ${t.salesCount} 笔 ${formatMoney(t.salesFen)}，冲正 ${t.reversalsCount} 笔 ${formatMoney(t.reversalsFen)}，退费 ${t.refundsCount} 笔 ${formatMoney(t.refundsFen)}，净额 ${formatMoney(t.netFen)}` +
  (t.cardFeesCount > 0
    ? `；工本费 ${t.cardFeesCount} 笔 ${formatMoney(t.cardFeesFen)}，收款合计 ${formatMoney(t.collectedFen)}`
    : '');

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
  title: string,
  groups: ReportGroup[],
  totals: ReportTotals | null,
  name: (key: string) => string = (key) => groupName(title, key),
): Content {
  return {
    margin: [0, 10, 0, 0],
    table: {
      headerRows: 1,
      widths: ['*', 34, 64, 56, 56, 64, 52],
      body: [
        [
          { text: title, bold: true },
          right('笔数', true),
          right('售电', true),
          right('冲正', true),
          right('退费', true),
          right('净额', true),
          right('工本费', true),
        ],
        ...groups.map((g) => groupRow(name(g.key), g, g.count)),
        ...(totals ? [groupRow('合计', totals, totals.salesCount, true)] : []),
      ],
    },
    layout: 'lightHorizontalLines',
  };
}

/** Lines beyond this go to the Excel file only; a PDF of a year of lines helps nobody. */
const PDF_LINE_LIMIT = 2_000;
const TOP_CUSTOMERS = 20;

export function salesReportPdf(
  report: SalesReport,
  printedAt: string,
  anchor: AuditAnchor,
): Promise<Buffer> {
  const lines = report.lineCount <= PDF_LINE_LIMIT ? report.lines : null;
  return renderPdf(
    reportPage({
      officeName: report.officeName,
      title: reportTitle(report),
      subtitle: summaryLine(report.totals),
      content: [
        ...(filterText(report) ? [{ text: filterText(report), alignment: 'center' as const }] : []),
        ...(report.period === 'day'
          ? []
          : [
              groupTable(
                report.series.unit === 'day' ? '日期' : '月份',
                report.series.points,
                report.totals,
              ),
            ]),
        groupTable('付款方式', report.byPaymentMethod, report.totals),
        groupTable('电价', report.byTariff, report.totals),
        groupTable('区域', report.byArea, report.totals),
        groupTable('收费员', report.byOperator, report.totals),
        ...(report.byCustomer.length > 1
          ? [
              groupTable(
                report.byCustomer.length > TOP_CUSTOMERS
                  ? `用户（净额前 ${TOP_CUSTOMERS}）`
                  : '用户',
                report.byCustomer.slice(0, TOP_CUSTOMERS),
                report.byCustomer.length > TOP_CUSTOMERS ? null : report.totals,
                (key) => key,
              ),
            ]
          : []),
        ...(lines
          ? linesPdf(lines)
          : [
              {
                text: `明细共 ${report.lineCount} 行，超过 ${PDF_LINE_LIMIT} 行不打印，请导出 Excel 查看。`,
                margin: [0, 14, 0, 0] as [number, number, number, number],
              },
            ]),
        auditAnchorLine(anchor, printedAt),
      ],
    }),
    `${report.officeName} ${reportTitle(report)}`,
  );
}

function linesPdf(lines: NonNullable<SalesReport['lines']>): Content[] {
  return [
    { text: '售电明细', bold: true, margin: [0, 14, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: [52, 88, '*', 62, 56, 36, 40],
        body: [
          [
            ...['票据号', '时间', '户名', '表号'].map((t): TableCell => ({
              text: t,
              bold: true,
            })),
            { text: '金额', bold: true, alignment: 'right' },
            ...['付款', '收费员'].map((t): TableCell => ({ text: t, bold: true })),
          ],
          ...lines.sales.map((r) => [
            receiptNumber(r.receiptNo) + (r.status === 'reversed' ? ' 冲' : ''),
            time(r.createdAt),
            r.customerName,
            r.meterNo,
            { text: formatMoney(r.amountFen), alignment: 'right' as const },
            METHOD_NAMES[r.paymentMethod],
            r.operatorName,
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
    },
    ...(lines.reversals.length > 0
      ? ([
          { text: '冲正明细', bold: true, margin: [0, 14, 0, 4] },
          {
            table: {
              headerRows: 1,
              widths: [52, 52, 88, '*', 56, 40],
              body: [
                ['凭证号', '原票据号', '时间', '户名', '金额', '收费员'].map((t) => ({
                  text: t,
                  bold: true,
                })),
                ...lines.reversals.map((r) => [
                  receiptNumber(r.receiptNo),
                  receiptNumber(r.saleReceiptNo),
                  time(r.createdAt),
                  r.customerName,
                  { text: formatMoney(r.amountFen), alignment: 'right' as const },
                  r.operatorName,
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 8,
          },
        ] as Content[])
      : []),
    ...(lines.refunds.length > 0
      ? ([
          { text: '退费明细', bold: true, margin: [0, 14, 0, 4] },
          {
            table: {
              headerRows: 1,
              widths: [52, 88, '*', 50, 56, 40],
              body: [
                ['凭证号', '时间', '户名', '类型', '金额', '经办人'].map((t) => ({
                  text: t,
                  bold: true,
                })),
                ...lines.refunds.map((r) => [
                  receiptNumber(r.receiptNo),
                  time(r.createdAt),
                  r.customerName,
                  REFUND_KINDS[r.kind],
                  { text: formatMoney(r.amountFen), alignment: 'right' as const },
                  r.operatorName,
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 8,
          },
        ] as Content[])
      : []),
    ...(lines.cardFees.length > 0
      ? ([
          { text: '工本费明细', bold: true, margin: [0, 14, 0, 4] },
          {
            table: {
              headerRows: 1,
              widths: [52, 88, '*', 62, 40, 50, 36, 40],
              body: [
                ['票据号', '时间', '户名', '卡号', '类型', '金额', '付款', '收费员'].map((t) => ({
                  text: t,
                  bold: true,
                })),
                ...lines.cardFees.map((r) => [
                  receiptNumber(r.receiptNo),
                  time(r.createdAt),
                  r.customerName,
                  r.cardNo,
                  CARD_FEE_KINDS[r.kind],
                  { text: formatMoney(r.amountFen), alignment: 'right' as const },
                  METHOD_NAMES[r.paymentMethod],
                  r.operatorName,
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 8,
          },
        ] as Content[])
      : []),
  ];
}

const CARD_FEE_KINDS = { issue: '开卡', reissue: '补卡' } as const;

const YUAN = '#,##0.00';

/** A detail sheet: a header, the rows, and a total row whose money cells are SUM formulas. */
function detailSheet(
  book: ExcelJS.Workbook,
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
  const total: (string | { formula: string; result: number })[] = ['合计'];
  while (total.length < moneyColumn - 1) total.push('');
  total.push({
    formula: `SUM(${column}2:${column}${Math.max(2, sheet.rowCount)})`,
    result: totalFen / 100,
  });
  sheet.addRow(total).font = { bold: true };
  sheet.getColumn(moneyColumn).numFmt = YUAN;
}

export async function salesReportXlsx(report: SalesReport): Promise<Buffer> {
  if (!report.lines) throw new Error('the Excel file needs every line of the report');
  const book = new ExcelJS.Workbook();
  book.creator = 'PowerTill';
  const summary = book.addWorksheet('汇总');
  summary.addRow([`${report.officeName} ${reportTitle(report)}`]).font = { bold: true, size: 13 };
  if (filterText(report)) summary.addRow([filterText(report)]);
  const groupings: [string, ReportGroup[], (key: string) => string][] = [
    ['付款方式', report.byPaymentMethod, (key) => groupName('付款方式', key)],
    ['电价', report.byTariff, (key) => key],
    ['区域', report.byArea, (key) => key],
    ['收费员', report.byOperator, (key) => key],
    ['用户', report.byCustomer, (key) => key],
    ['表号', report.byMeter, (key) => key],
  ];
  if (report.period !== 'day')
    groupings.unshift([
      report.series.unit === 'day' ? '日期' : '月份',
      report.series.points,
      (key) => key,
    ]);
  const { totals } = report;
  for (const [title, groups, name] of groupings) {
    summary.addRow([]);
    summary.addRow([
      title,
      '笔数',
      '售电（元）',
      '冲正（元）',
      '退费（元）',
      '净额（元）',
      '工本费（元）',
    ]).font = { bold: true };
    const first = summary.rowCount + 1;
    for (const g of groups)
      summary.addRow([
        name(g.key),
        g.count,
        g.salesFen / 100,
        g.reversalsFen / 100,
        g.refundsFen / 100,
        g.netFen / 100,
        g.cardFeesFen / 100,
      ]);
    const last = summary.rowCount;
    // Totals as formulas over the rows above, with the computed result stored beside them.
    const sum = (column: string, result: number) => ({
      formula: `SUM(${column}${first}:${column}${last})`,
      result,
    });
    summary.addRow([
      '合计',
      sum('B', totals.salesCount),
      sum('C', totals.salesFen / 100),
      sum('D', totals.reversalsFen / 100),
      sum('E', totals.refundsFen / 100),
      sum('F', totals.netFen / 100),
      sum('G', totals.cardFeesFen / 100),
    ]).font = { bold: true };
  }
  summary.getColumn(1).width = 24;
  for (const c of [3, 4, 5, 6, 7]) summary.getColumn(c).numFmt = YUAN;

  const { sales, reversals, refunds, cardFees } = report.lines;
  detailSheet(
    book,
    '售电明细',
    [
      '票据号',
      '时间',
      '户号',
      '户名',
      '区域',
      '表号',
      '电价',
      '金额（元）',
      '付款方式',
      '收费员',
      '状态',
    ],
    sales.map((r) => [
      receiptNumber(r.receiptNo),
      time(r.createdAt),
      r.customerNo,
      r.customerName,
      r.area,
      r.meterNo,
      r.tariffName,
      r.amountFen / 100,
      METHOD_NAMES[r.paymentMethod],
      r.operatorName,
      r.status === 'reversed' ? '已冲正' : '已完成',
    ]),
    8,
    totals.salesFen,
  );
  detailSheet(
    book,
    '冲正明细',
    ['凭证号', '原票据号', '时间', '户名', '金额（元）', '付款方式', '收费员'],
    reversals.map((r) => [
      receiptNumber(r.receiptNo),
      receiptNumber(r.saleReceiptNo),
      time(r.createdAt),
      r.customerName,
      r.amountFen / 100,
      METHOD_NAMES[r.paymentMethod],
      r.operatorName,
    ]),
    5,
    totals.reversalsFen,
  );
  detailSheet(
    book,
    '退费明细',
    ['凭证号', '时间', '户名', '类型', '原因', '金额（元）', '退款方式', '经办人'],
    refunds.map((r) => [
      receiptNumber(r.receiptNo),
      time(r.createdAt),
      r.customerName,
      REFUND_KINDS[r.kind],
      r.reason,
      r.amountFen / 100,
      METHOD_NAMES[r.paymentMethod],
      r.operatorName,
    ]),
    6,
    totals.refundsFen,
  );
  detailSheet(
    book,
    '工本费明细',
    ['票据号', '时间', '户名', '卡号', '类型', '金额（元）', '付款方式', '收费员'],
    cardFees.map((r) => [
      receiptNumber(r.receiptNo),
      time(r.createdAt),
      r.customerName,
      r.cardNo,
      CARD_FEE_KINDS[r.kind],
      r.amountFen / 100,
      METHOD_NAMES[r.paymentMethod],
      r.operatorName,
    ]),
    6,
    totals.cardFeesFen,
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
