// The sales report as an Excel workbook, written as a stream: the summary first, then every line of
// the period, row by row, straight from the ledger into the file on disk. A year is about 334,000
// lines; held as a workbook in memory that was over a gigabyte and a minute of a frozen host, so the
// rows are committed as they come and the event loop gets a turn between steps. The totals are sums
// of the workbook's own rows (formulas, with the computed result stored beside them), so the office
// can check them in the spreadsheet.
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Row, Worksheet } from 'exceljs';
import type {
  ReportLineKind,
  ReportLineOf,
  ReportTotals,
  SalesReport,
} from '../../shared/api/ledgerTypes';
import { receiptNumber } from '../../shared/receiptNumber';
import type { PaperWords } from '../../shared/paper/words';
import { ROWS_PER_STEP } from '../db/reportReader';
import { loadExcel } from '../heavyLibraries';
import { nextTurn } from '../nextTurn';
import { time } from '../receipts/pdf';
import { filterText, methodName, reportTitle } from './reportFiles';

/** The lines of one kind, in receipt order. */
export type LineSource = <K extends ReportLineKind>(kind: K) => Iterable<ReportLineOf<K>>;

const YUAN = '#,##0.00';

/** One detail sheet: its title, header, cells of a line, and the column (1-based) that holds money. */
interface Detail<K extends ReportLineKind> {
  kind: K;
  title: (w: PaperWords) => string;
  headers: (w: PaperWords) => string[];
  cells: (line: ReportLineOf<K>, w: PaperWords) => (string | number)[];
  moneyColumn: number;
  totalFen: (totals: ReportTotals) => number;
}

const detail = <K extends ReportLineKind>(d: Detail<K>) => d;

const DETAILS = [
  detail({
    kind: 'sales',
    title: (w) => w.salesReport.sections.sales,
    headers: (w) => {
      const c = w.salesReport.lineColumns;
      return [
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
      ];
    },
    cells: (row, w) => [
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
    ],
    moneyColumn: 8,
    totalFen: (t) => t.salesFen,
  }),
  detail({
    kind: 'reversals',
    title: (w) => w.salesReport.sections.reversals,
    headers: (w) => {
      const c = w.salesReport.lineColumns;
      return [
        c.voucherNo,
        c.originalReceiptNo,
        c.time,
        c.customerName,
        w.inYuan(c.amount),
        c.paymentMethod,
        c.cashier,
      ];
    },
    cells: (row, w) => [
      receiptNumber(row.receiptNo),
      receiptNumber(row.saleReceiptNo),
      time(row.createdAt),
      row.customerName,
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
    ],
    moneyColumn: 5,
    totalFen: (t) => t.reversalsFen,
  }),
  detail({
    kind: 'refunds',
    title: (w) => w.salesReport.sections.refunds,
    headers: (w) => {
      const c = w.salesReport.lineColumns;
      return [
        c.voucherNo,
        c.time,
        c.customerName,
        c.type,
        c.reason,
        w.inYuan(c.amount),
        c.refundMethod,
        c.handledBy,
      ];
    },
    cells: (row, w) => [
      receiptNumber(row.receiptNo),
      time(row.createdAt),
      row.customerName,
      w.refundKinds[row.kind],
      row.reason,
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
    ],
    moneyColumn: 6,
    totalFen: (t) => t.refundsFen,
  }),
  detail({
    kind: 'cardFees',
    title: (w) => w.salesReport.sections.cardFees,
    headers: (w) => {
      const c = w.salesReport.lineColumns;
      return [
        c.receiptNo,
        c.time,
        c.customerName,
        c.cardNo,
        c.type,
        w.inYuan(c.amount),
        c.paymentMethod,
        c.cashier,
      ];
    },
    cells: (row, w) => [
      receiptNumber(row.receiptNo),
      time(row.createdAt),
      row.customerName,
      row.cardNo,
      w.cardFeeKinds[row.kind],
      row.amountFen / 100,
      w.paymentMethods[row.paymentMethod],
      row.operatorName,
    ],
    moneyColumn: 6,
    totalFen: (t) => t.cardFeesFen,
  }),
];

/** How many lines the workbook will hold: its progress bar's end. */
export const workbookLines = (totals: ReportTotals) =>
  totals.salesCount + totals.reversalsCount + totals.refundsCount + totals.cardFeesCount;

const bold = (row: Row, size?: number) => {
  row.font = size ? { bold: true, size } : { bold: true };
  row.commit();
};

/** The summary sheet: the title and filter, then each grouping with its total row. */
function writeSummary(sheet: Worksheet, report: SalesReport, w: PaperWords): void {
  const r = w.salesReport;
  const g = r.groups;
  sheet.getColumn(1).width = 24;
  for (const column of [3, 4, 5, 6, 7]) sheet.getColumn(column).numFmt = YUAN;
  bold(sheet.addRow([`${report.officeName} ${reportTitle(report, w)}`]), 13);
  const filter = filterText(report, w);
  if (filter) sheet.addRow([filter]).commit();
  const same = (key: string) => key;
  const groupings: [string, SalesReport['byTariff'], (key: string) => string][] = [
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
    sheet.addRow([]).commit();
    const header = sheet.addRow([
      title,
      columns.count,
      ...[columns.sales, columns.reversals, columns.refunds, columns.net, columns.cardFees].map(
        w.inYuan,
      ),
    ]);
    // An empty grouping sums its header row (text, so 0), never its own total row.
    let first = 0;
    let last = header.number;
    bold(header);
    for (const group of groups) {
      const row = sheet.addRow([
        name(group.key),
        group.count,
        group.salesFen / 100,
        group.reversalsFen / 100,
        group.refundsFen / 100,
        group.netFen / 100,
        group.cardFeesFen / 100,
      ]);
      first ||= row.number;
      last = row.number;
      row.commit();
    }
    first ||= last;
    const sum = (column: string, result: number) => ({
      formula: `SUM(${column}${first}:${column}${last})`,
      result,
    });
    bold(
      sheet.addRow([
        w.total,
        sum('B', totals.salesCount),
        sum('C', totals.salesFen / 100),
        sum('D', totals.reversalsFen / 100),
        sum('E', totals.refundsFen / 100),
        sum('F', totals.netFen / 100),
        sum('G', totals.cardFeesFen / 100),
      ]),
    );
  }
  sheet.commit();
}

/**
 * Writes the workbook of `report` (its figures; its lines come from `lines`) to `filename`.
 * `onLines` hears how many lines are written so far, after every step; an aborted `signal` stops
 * the writing between steps, with the file closed (the caller removes it).
 */
export async function writeSalesWorkbook(
  filename: string,
  report: SalesReport,
  lines: LineSource,
  w: PaperWords,
  progress: { onLines?: (written: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const ExcelJS = await loadExcel();
  // Inline strings, not a shared-string table: the table would hold every distinct text in
  // memory until the end.
  // Private to the office's user (0600), like every file of the data folder.
  const out = fs.createWriteStream(filename, { mode: 0o600 });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'PowerTill';
  // Done when the last byte is on disk, not when the zip is finished.
  const close = async () => {
    await book.commit();
    await finished(out);
  };
  writeSummary(book.addWorksheet(w.salesReport.summarySheet), report, w);
  let written = 0;
  for (const d of DETAILS as Detail<ReportLineKind>[]) {
    const sheet = book.addWorksheet(d.title(w));
    sheet.getColumn(d.moneyColumn).numFmt = YUAN;
    bold(sheet.addRow(d.headers(w)));
    let rows = 1;
    for (const line of lines(d.kind)) {
      sheet.addRow(d.cells(line, w)).commit();
      rows += 1;
      written += 1;
      if (written % ROWS_PER_STEP === 0) {
        if (progress.signal?.aborted) {
          // Closed as a whole before it is thrown away: no write may reach it afterwards.
          await close();
          progress.signal.throwIfAborted();
        }
        progress.onLines?.(written);
        await nextTurn();
      }
    }
    const column = String.fromCharCode(64 + d.moneyColumn);
    const total: (string | { formula: string; result: number })[] = [w.total];
    while (total.length < d.moneyColumn - 1) total.push('');
    total.push({
      formula: `SUM(${column}2:${column}${Math.max(2, rows)})`,
      result: d.totalFen(report.totals) / 100,
    });
    bold(sheet.addRow(total));
    sheet.commit();
  }
  progress.onLines?.(written);
  await close();
}

/** Lines already in memory (a narrowed report's), as a line source. */
export function linesOf(report: SalesReport): LineSource {
  const all = report.lines;
  if (!all) throw new Error('the workbook needs the lines of the report');
  return <K extends ReportLineKind>(kind: K) => all[kind] as ReportLineOf<K>[];
}
