// The sales report as an Excel workbook, written as a stream: the summary first, then every line of
// the period, row by row, straight from the ledger into the file on disk. A year is about 334,000
// lines; held as a workbook in memory that was over a gigabyte and a minute of a frozen host, so the
// rows go to the file as they come (xlsxStream.ts) and the event loop gets a turn between steps.
// The totals are sums of the workbook's own rows (formulas, with the computed result stored beside
// them), so the office can check them in the spreadsheet.
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type {
  ReportLineKind,
  ReportLineOf,
  ReportTotals,
  SalesReport,
} from '../../shared/api/ledgerTypes';
import { receiptNumber } from '../../shared/receiptNumber';
import type { PaperWords } from '../../shared/paper/words';
import { ROWS_PER_STEP } from '../db/reportReader';
import { time } from '../receipts/pdf';
import { filterText, methodName, reportTitle } from './reportFiles';
import { columnName, XlsxStream, type XlsxCell, type XlsxSheet } from './xlsxStream';

/** The lines of one kind, in the order the file lists them. */
export type LineSource = <K extends ReportLineKind>(kind: K) => Iterable<ReportLineOf<K>>;

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

/**
 * The summary sheet: the title and filter, then each grouping with its total row. Every customer
 * and meter is a row (10,000 in an office of 5,000), so it steps like the lines do.
 */
async function writeSummary(
  book: XlsxStream,
  sheet: XlsxSheet,
  report: SalesReport,
  w: PaperWords,
): Promise<void> {
  const r = w.salesReport;
  const g = r.groups;
  sheet.row([`${report.officeName} ${reportTitle(report, w)}`], 'title');
  const filter = filterText(report, w);
  if (filter) sheet.row([filter]);
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
    sheet.row([]);
    const header = sheet.row(
      [
        title,
        columns.count,
        ...[columns.sales, columns.reversals, columns.refunds, columns.net, columns.cardFees].map(
          w.inYuan,
        ),
      ],
      'bold',
    );
    // An empty grouping sums its header row (text, so 0), never its own total row.
    let first = 0;
    let last = header;
    for (const group of groups) {
      last = sheet.row([
        name(group.key),
        group.count,
        group.salesFen / 100,
        group.reversalsFen / 100,
        group.refundsFen / 100,
        group.netFen / 100,
        group.cardFeesFen / 100,
      ]);
      first ||= last;
      if (last % ROWS_PER_STEP === 0) await book.step();
    }
    first ||= last;
    const sum = (column: string, result: number) => ({
      formula: `SUM(${column}${first}:${column}${last})`,
      result,
    });
    sheet.row(
      [
        w.total,
        sum('B', totals.salesCount),
        sum('C', totals.salesFen / 100),
        sum('D', totals.reversalsFen / 100),
        sum('E', totals.refundsFen / 100),
        sum('F', totals.netFen / 100),
        sum('G', totals.cardFeesFen / 100),
      ],
      'bold',
    );
  }
  sheet.end();
}

type Progress = { onLines?: (written: number) => void; signal?: AbortSignal };

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
  progress: Progress = {},
): Promise<void> {
  // Private to the office's user (0600), like every file of the data folder.
  // Written a megabyte at a time: a step's deflated rows go to disk in one write, not sixty.
  const out = fs.createWriteStream(filename, { mode: 0o600, highWaterMark: 1024 * 1024 });
  try {
    const book = new XlsxStream(out, { creator: 'PowerTill', created: new Date() });
    await writeBook(book, report, lines, w, progress);
  } catch (error) {
    // Whatever stopped it (an abort, a full disk, a failed read): the file is closed before the
    // caller removes it (Windows will not remove an open file).
    out.destroy();
    await finished(out).catch(() => undefined);
    throw error;
  }
}

async function writeBook(
  book: XlsxStream,
  report: SalesReport,
  lines: LineSource,
  w: PaperWords,
  progress: Progress,
): Promise<void> {
  await writeSummary(
    book,
    book.sheet(w.salesReport.summarySheet, { widths: { 1: 24 }, moneyColumns: [3, 4, 5, 6, 7] }),
    report,
    w,
  );
  let written = 0;
  for (const d of DETAILS as Detail<ReportLineKind>[]) {
    const sheet = book.sheet(d.title(w), { moneyColumns: [d.moneyColumn] });
    sheet.row(d.headers(w), 'bold');
    for (const line of lines(d.kind)) {
      sheet.row(d.cells(line, w));
      written += 1;
      if (written % ROWS_PER_STEP === 0) {
        progress.signal?.throwIfAborted();
        progress.onLines?.(written);
        await book.step();
      }
    }
    const column = columnName(d.moneyColumn);
    const total: XlsxCell[] = [w.total];
    while (total.length < d.moneyColumn - 1) total.push(null);
    total.push({
      formula: `SUM(${column}2:${column}${Math.max(2, sheet.rowCount)})`,
      result: d.totalFen(report.totals) / 100,
    });
    sheet.row(total, 'bold');
    sheet.end();
  }
  progress.onLines?.(written);
  await book.close();
}

/** Lines already in memory (a narrowed report's), as a line source. */
export function linesOf(report: SalesReport): LineSource {
  const all = report.lines;
  if (!all) throw new Error('the workbook needs the lines of the report');
  return <K extends ReportLineKind>(kind: K) => all[kind] as ReportLineOf<K>[];
}
