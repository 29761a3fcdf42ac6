// The sales report (日报 / 月报 / 年报 / any range): the rows of the period and every total
// computed from those rows, so a total can never disagree with the lines it stands for.
import type {
  ReportFilter,
  ReportGroup,
  ReportLine,
  ReportTotals,
  SalesReport,
} from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import {
  officeDay,
  officeDayCount,
  officeDayRange,
  officeDaysBetween,
} from '../../shared/officeTime';
import { ROWS_PER_STEP, type ReportReader } from '../db/reportReader';
import { reportLines } from './reportStore';
import { nextTurn } from '../nextTurn';

/** More lines than this stay off the screen (the Excel file carries them). */
export const SCREEN_LINE_LIMIT = 5_000;
/** Up to this many days the chart has a bar per day; beyond, per month. */
const DAILY_SERIES_DAYS = 62;
export const MAX_REPORT_DAYS = 3 * 366;

type LineKind = 'sale' | 'reversal' | 'refund' | 'cardFee';

class Grouping {
  private readonly groups = new Map<string, ReportGroup>();

  constructor(
    private readonly keyOf: (row: ReportLine) => string,
    order: readonly string[] = [],
  ) {
    for (const key of order) this.get(key);
  }

  private get(key: string): ReportGroup {
    let g = this.groups.get(key);
    if (!g) {
      g = { key, salesFen: 0, reversalsFen: 0, refundsFen: 0, netFen: 0, cardFeesFen: 0, count: 0 };
      this.groups.set(key, g);
    }
    return g;
  }

  add(row: ReportLine, kind: LineKind): void {
    const g = this.get(this.keyOf(row));
    if (kind === 'sale') {
      g.salesFen += row.amountFen;
      g.netFen += row.amountFen;
      g.count += 1;
    } else if (kind === 'reversal') {
      g.reversalsFen += row.amountFen;
      g.netFen -= row.amountFen;
    } else if (kind === 'refund') {
      g.refundsFen += row.amountFen;
      g.netFen -= row.amountFen;
    } else {
      g.cardFeesFen += row.amountFen;
    }
  }

  list(sort?: 'by-net'): ReportGroup[] {
    const all = [...this.groups.values()];
    return sort ? all.sort((a, b) => b.netFen - a.netFen || a.key.localeCompare(b.key)) : all;
  }
}

/** What the range is called: a day, a calendar month, a calendar year, or just a range. */
export function periodOf(from: string, to: string): SalesReport['period'] {
  if (from === to) return 'day';
  const lastOfMonth = (d: string) =>
    new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 0)).toISOString().slice(0, 10);
  if (from.endsWith('-01') && to.slice(0, 7) === from.slice(0, 7) && to === lastOfMonth(from))
    return 'month';
  if (from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`) return 'year';
  return 'range';
}

export async function salesReport(
  reader: ReportReader,
  range: { from: string; to: string },
  filter: ReportFilter,
  officeName: string,
  /** Files carry every line; the screen only up to SCREEN_LINE_LIMIT. */
  options: { allLines?: boolean } = {},
): Promise<SalesReport> {
  // Counted, not listed, before anything else: a range of eight thousand years is refused at once.
  const count = officeDayCount(range.from, range.to);
  if (count === 0 || count > MAX_REPORT_DAYS)
    throw new AppError('REPORT_RANGE_INVALID', { maxDays: MAX_REPORT_DAYS });
  const days = officeDaysBetween(range.from, range.to);
  const params = {
    from: officeDayRange(range.from).from,
    to: officeDayRange(range.to).to,
    customer: filter.customer?.trim() || null,
    meterNo: filter.meterNo?.trim() || null,
    operatorId: filter.operatorId ?? null,
  };
  const { sales, reversals, refunds, cardFees } = await reportLines(reader, params);

  const unit = days.length <= DAILY_SERIES_DAYS ? 'day' : 'month';
  const bucket =
    unit === 'day'
      ? (r: ReportLine) => officeDay(r.createdAt)
      : (r: ReportLine) => officeDay(r.createdAt).slice(0, 7);
  const buckets = unit === 'day' ? days : [...new Set(days.map((d) => d.slice(0, 7)))];
  const groupings = {
    byPaymentMethod: new Grouping((r) => r.paymentMethod, PAYMENT_METHODS),
    byTariff: new Grouping((r) => r.tariffName),
    byArea: new Grouping((r) => r.area || '—'),
    byOperator: new Grouping((r) => r.operatorName),
    byCustomer: new Grouping((r) => `${r.customerNo} ${r.customerName}`),
    byMeter: new Grouping((r) => r.meterNo),
    series: new Grouping(bucket, buckets),
  };
  const all = Object.values(groupings);
  // Grouped in steps too: a year's rows times seven groupings.
  const kinds = [
    [sales, 'sale'],
    [reversals, 'reversal'],
    [refunds, 'refund'],
    [cardFees, 'cardFee'],
  ] as const;
  for (const [rows, kind] of kinds)
    for (let i = 0; i < rows.length; i += 1) {
      for (const g of all) g.add(rows[i]!, kind);
      if ((i + 1) % ROWS_PER_STEP === 0) await nextTurn();
    }

  const sum = (rows: { amountFen: number }[]) => rows.reduce((n, r) => n + r.amountFen, 0);
  // The office's grants are sold electricity but not money taken in (a grant is never reversed:
  // it goes over the line and is loaded at once).
  const grants = sales.filter((s) => s.paymentMethod === 'grant');
  const totals: ReportTotals = {
    salesFen: sum(sales),
    reversalsFen: sum(reversals),
    refundsFen: sum(refunds),
    netFen: sum(sales) - sum(reversals) - sum(refunds),
    cardFeesFen: sum(cardFees),
    collectedFen: sum(sales) - sum(grants) - sum(reversals) - sum(refunds) + sum(cardFees),
    grantsFen: sum(grants),
    grantsCount: grants.length,
    salesCount: sales.length,
    reversalsCount: reversals.length,
    refundsCount: refunds.length,
    cardFeesCount: cardFees.length,
  };
  const lineCount = sales.length + reversals.length + refunds.length + cardFees.length;
  return {
    from: range.from,
    to: range.to,
    period: periodOf(range.from, range.to),
    officeName,
    filter,
    lines:
      options.allLines || lineCount <= SCREEN_LINE_LIMIT
        ? { sales, reversals, refunds, cardFees }
        : null,
    lineCount,
    byPaymentMethod: groupings.byPaymentMethod.list(),
    byTariff: groupings.byTariff.list(),
    byArea: groupings.byArea.list(),
    byOperator: groupings.byOperator.list(),
    byCustomer: groupings.byCustomer.list('by-net'),
    byMeter: groupings.byMeter.list('by-net'),
    series: { unit, points: groupings.series.list() },
    totals,
  };
}
