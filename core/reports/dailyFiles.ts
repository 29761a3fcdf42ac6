// The daily report as files: a PDF to print and file, an Excel workbook whose totals are sums of
// its own rows (so the office can check them in the spreadsheet).
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { DailyReport, PaymentMethod, ReportGroup } from '../../shared/api/ledgerTypes';
import { formatMoney } from '../../shared/units';
import { MM, renderPdf, time } from '../receipts/pdf';
import { receiptNumber } from '../../shared/receiptNumber';

const METHOD_NAMES: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信',
  alipay: '支付宝',
  bank_card: '银行卡',
};
const groupName = (title: string, key: string) =>
  title === '付款方式' ? (METHOD_NAMES[key as PaymentMethod] ?? key) : key;

function groupTable(title: string, groups: ReportGroup[], totals: DailyReport['totals']): Content {
  const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });
  return {
    margin: [0, 10, 0, 0],
    table: {
      headerRows: 1,
      widths: ['*', 50, 80, 80, 80],
      body: [
        [
          { text: title, bold: true },
          right('笔数', true),
          right('售电', true),
          right('冲正', true),
          right('净额', true),
        ],
        ...groups.map((g) => [
          groupName(title, g.key),
          right(String(g.count)),
          right(formatMoney(g.salesFen)),
          right(formatMoney(g.reversalsFen)),
          right(formatMoney(g.netFen)),
        ]),
        [
          { text: '合计', bold: true },
          right(String(totals.salesCount), true),
          right(formatMoney(totals.salesFen), true),
          right(formatMoney(totals.reversalsFen), true),
          right(formatMoney(totals.netFen), true),
        ],
      ],
    },
    layout: 'lightHorizontalLines',
  };
}

export function dailyReportPdf(report: DailyReport, printedAt: string): Promise<Buffer> {
  return renderPdf(
    {
      pageSize: 'A4',
      pageMargins: [14 * MM, 14 * MM, 14 * MM, 14 * MM],
      defaultStyle: { font: 'WenQuanYi', fontSize: 9, lineHeight: 1.2 },
      footer: (page, pages) => ({
        text: `第 ${page} / ${pages} 页`,
        alignment: 'center',
        fontSize: 8,
        margin: [0, 4, 0, 0],
      }),
      content: [
        { text: report.officeName, fontSize: 15, bold: true, alignment: 'center' },
        {
          text: `售电日报  ${report.date}`,
          fontSize: 12,
          alignment: 'center',
          margin: [0, 4, 0, 6],
        },
        {
          text: `售电 ${report.totals.salesCount} 笔 ${formatMoney(report.totals.salesFen)}，冲正 ${report.totals.reversalsCount} 笔 ${formatMoney(report.totals.reversalsFen)}，净额 ${formatMoney(report.totals.netFen)}`,
          alignment: 'center',
        },
        groupTable('付款方式', report.byPaymentMethod, report.totals),
        groupTable('电价', report.byTariff, report.totals),
        groupTable('区域', report.byArea, report.totals),
        groupTable('收费员', report.byOperator, report.totals),
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
              ...report.sales.map((r) => [
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
        ...(report.reversals.length > 0
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
                    ...report.reversals.map((r) => [
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
        {
          text: `打印时间 ${time(printedAt)}`,
          fontSize: 8,
          color: '#555555',
          margin: [0, 12, 0, 0],
        },
      ],
    },
    `售电日报 ${report.date}`,
  );
}

const YUAN = '#,##0.00';

export async function dailyReportXlsx(report: DailyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'PowerTill';
  const summary = book.addWorksheet('汇总');
  summary.addRow([`${report.officeName} 售电日报 ${report.date}`]).font = { bold: true, size: 13 };
  for (const [title, groups] of [
    ['付款方式', report.byPaymentMethod],
    ['电价', report.byTariff],
    ['区域', report.byArea],
    ['收费员', report.byOperator],
  ] as const) {
    summary.addRow([]);
    summary.addRow([title, '笔数', '售电（元）', '冲正（元）', '净额（元）']).font = { bold: true };
    const first = summary.rowCount + 1;
    for (const g of groups)
      summary.addRow([
        groupName(title, g.key),
        g.count,
        g.salesFen / 100,
        g.reversalsFen / 100,
        g.netFen / 100,
      ]);
    const last = summary.rowCount;
    // Totals as formulas over the rows above, with the computed result stored beside them.
    const total = summary.addRow([
      '合计',
      { formula: `SUM(B${first}:B${last})`, result: report.totals.salesCount },
      { formula: `SUM(C${first}:C${last})`, result: report.totals.salesFen / 100 },
      { formula: `SUM(D${first}:D${last})`, result: report.totals.reversalsFen / 100 },
      { formula: `SUM(E${first}:E${last})`, result: report.totals.netFen / 100 },
    ]);
    total.font = { bold: true };
  }
  summary.getColumn(1).width = 18;
  for (const c of [3, 4, 5]) summary.getColumn(c).numFmt = YUAN;

  const sales = book.addWorksheet('售电明细');
  sales.addRow([
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
  ]).font = { bold: true };
  for (const r of report.sales) {
    sales.addRow([
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
    ]);
  }
  sales.addRow([
    '合计',
    '',
    '',
    '',
    '',
    '',
    '',
    { formula: `SUM(H2:H${sales.rowCount})`, result: report.totals.salesFen / 100 },
  ]).font = { bold: true };
  sales.getColumn(8).numFmt = YUAN;

  const reversals = book.addWorksheet('冲正明细');
  reversals.addRow([
    '凭证号',
    '原票据号',
    '时间',
    '户名',
    '金额（元）',
    '付款方式',
    '收费员',
  ]).font = { bold: true };
  for (const r of report.reversals) {
    reversals.addRow([
      receiptNumber(r.receiptNo),
      receiptNumber(r.saleReceiptNo),
      time(r.createdAt),
      r.customerName,
      r.amountFen / 100,
      METHOD_NAMES[r.paymentMethod],
      r.operatorName,
    ]);
  }
  reversals.addRow([
    '合计',
    '',
    '',
    '',
    {
      formula: `SUM(E2:E${Math.max(2, reversals.rowCount)})`,
      result: report.totals.reversalsFen / 100,
    },
  ]).font = { bold: true };
  reversals.getColumn(5).numFmt = YUAN;

  return Buffer.from(await book.xlsx.writeBuffer());
}
