// The sales report (日报 / 月报 / 年报 / any range). Its figures come from the totals kept per
// office day, month and year (keptTotalsStore.ts); a report narrowed to a customer, meter or
// operator is totalled from its own lines, which such a filter keeps few. Both paths group the
// same way, and a property test holds the kept figures equal to the lines'
// (tests/integration/keptTotals.test.ts).
import type {
  ReportFilter,
  ReportGroup,
  ReportLine,
  SalesReport,
} from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS, SCREEN_CUSTOMERS } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import {
  officeDay,
  officeDayCount,
  officeDayRange,
  officeDaysBetween,
} from '../../shared/officeTime';
import { ROWS_PER_STEP, type ReportReader } from '../db/reportReader';
import { nextTurn } from '../nextTurn';
import type { Db } from '../db/open';
import { reportLines, type ReportParams } from './reportStore';
import {
  daySpans,
  hasLines,
  monthSpans,
  keptByAccount,
  keptScreenGroups,
  keptByName,
  keptByPayment,
  periodSpans,
  type KeptFigures,
} from './keptTotalsStore';

/** Up to this many days the chart has a bar per day; beyond, per month. */
const DAILY_SERIES_DAYS = 62;
export const MAX_REPORT_DAYS = 3 * 366;

type LineKind = 'sale' | 'reversal' | 'refund' | 'cardFee';

const ONE_LINE: Record<LineKind, (amountFen: number) => KeptFigures> = {
  sale: (fen) => ({ ...NOTHING, salesFen: fen, salesCount: 1 }),
  reversal: (fen) => ({ ...NOTHING, reversalsFen: fen, reversalsCount: 1 }),
  refund: (fen) => ({ ...NOTHING, refundsFen: fen, refundsCount: 1 }),
  cardFee: (fen) => ({ ...NOTHING, cardFeesFen: fen, cardFeesCount: 1 }),
};
const NOTHING: KeptFigures = {
  salesFen: 0,
  salesCount: 0,
  reversalsFen: 0,
  reversalsCount: 0,
  refundsFen: 0,
  refundsCount: 0,
  cardFeesFen: 0,
  cardFeesCount: 0,
};

class Grouping {
  private readonly groups = new Map<string, ReportGroup>();
  /** Lines of each kind added, over every key. */
  readonly counts = { sales: 0, reversals: 0, refunds: 0, cardFees: 0 };

  constructor(order: readonly string[] = []) {
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

  add(key: string, f: KeptFigures): void {
    const g = this.get(key);
    g.salesFen += f.salesFen;
    g.reversalsFen += f.reversalsFen;
    g.refundsFen += f.refundsFen;
    g.netFen += f.salesFen - f.reversalsFen - f.refundsFen;
    g.cardFeesFen += f.cardFeesFen;
    g.count += f.salesCount;
    this.counts.sales += f.salesCount;
    this.counts.reversals += f.reversalsCount;
    this.counts.refunds += f.refundsCount;
    this.counts.cardFees += f.cardFeesCount;
  }

  /** In the given order, or the most sold first (then by name), so both paths list alike. */
  list(sort?: 'by-net'): ReportGroup[] {
    const all = [...this.groups.values()];
    // Ties by code point, as SQLite orders text, so the screen's first customers agree with SQL's.
    const byKey = (a: ReportGroup, b: ReportGroup) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return sort ? all.sort((a, b) => b.netFen - a.netFen || byKey(a, b)) : all;
  }
}

/** The report's figures, whichever path they came by. */
type Figures = Pick<
  SalesReport,
  | 'lineCount'
  | 'byPaymentMethod'
  | 'byTariff'
  | 'byArea'
  | 'byOperator'
  | 'byCustomer'
  | 'customerCount'
  | 'byMeter'
  | 'series'
  | 'totals'
>;

function newGroupings(buckets: string[]) {
  return {
    byPaymentMethod: new Grouping(PAYMENT_METHODS),
    byTariff: new Grouping(),
    byArea: new Grouping(),
    byOperator: new Grouping(),
    byCustomer: new Grouping(),
    byMeter: new Grouping(),
    series: new Grouping(buckets),
  };
}

function figuresOf(
  g: ReturnType<typeof newGroupings>,
  unit: 'day' | 'month',
  grants: { fen: number; count: number },
  /** When the groupings hold only the first customers. */
  customerCount?: number,
): Figures {
  const byPaymentMethod = g.byPaymentMethod.list();
  const sum = (pick: (x: ReportGroup) => number) =>
    byPaymentMethod.reduce((n, x) => n + pick(x), 0);
  const counts = g.byPaymentMethod.counts;
  const salesFen = sum((x) => x.salesFen);
  const reversalsFen = sum((x) => x.reversalsFen);
  const refundsFen = sum((x) => x.refundsFen);
  const cardFeesFen = sum((x) => x.cardFeesFen);
  return {
    lineCount: counts.sales + counts.reversals + counts.refunds + counts.cardFees,
    byPaymentMethod,
    byTariff: g.byTariff.list('by-net'),
    byArea: g.byArea.list('by-net'),
    byOperator: g.byOperator.list('by-net'),
    byCustomer: g.byCustomer.list('by-net'),
    customerCount: customerCount ?? g.byCustomer.list().length,
    byMeter: g.byMeter.list('by-net'),
    series: { unit, points: g.series.list() },
    // The office's grants are sold electricity but not money taken in (a grant is never
    // reversed: it goes over the line and is loaded at once).
    totals: {
      salesFen,
      reversalsFen,
      refundsFen,
      netFen: salesFen - reversalsFen - refundsFen,
      cardFeesFen,
      collectedFen: salesFen - grants.fen - reversalsFen - refundsFen + cardFeesFen,
      grantsFen: grants.fen,
      grantsCount: grants.count,
      salesCount: counts.sales,
      reversalsCount: counts.reversals,
      refundsCount: counts.refunds,
      cardFeesCount: counts.cardFees,
    },
  };
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

/** The statements' parameters for a range of office days and a filter; an absurd range refused. */
export function reportParams(
  range: { from: string; to: string },
  filter: ReportFilter,
): ReportParams {
  // Counted, not listed, before anything else: a range of eight thousand years is refused at once.
  const count = officeDayCount(range.from, range.to);
  if (count === 0 || count > MAX_REPORT_DAYS)
    throw new AppError('REPORT_RANGE_INVALID', { maxDays: MAX_REPORT_DAYS });
  return {
    from: officeDayRange(range.from).from,
    to: officeDayRange(range.to).to,
    customer: filter.customer?.trim() || null,
    meterNo: filter.meterNo?.trim() || null,
    operatorId: filter.operatorId ?? null,
  };
}

/** Whether a report is for one customer, meter or operator: totalled from its lines. */
export const isNarrowed = (params: ReportParams): boolean =>
  params.customer !== null || params.meterNo !== null || params.operatorId !== null;

export async function salesReport(
  reader: ReportReader,
  range: { from: string; to: string },
  filter: ReportFilter,
  officeName: string,
  /**
   * The lines themselves, for files: all of them (Excel), or only when there are at most
   * `linesUpTo` (a PDF lists a short period's). The screen pages through them (reports.lines).
   */
  options: { allLines?: boolean; linesUpTo?: number; everyAccount?: boolean } = {},
): Promise<SalesReport> {
  const params = reportParams(range, filter);
  const narrowed = isNarrowed(params);
  let lines = narrowed || options.allLines ? await reportLines(reader, params) : null;
  // Excel lists every customer and meter; the screen and the PDF the first customers.
  const everyAccount = options.everyAccount ?? options.allLines === true;
  const figures =
    narrowed && lines
      ? await figuresFromLines(lines, range)
      : await reader.read(async (db) => keptFigures(db, range, { everyAccount }));
  const wanted = options.allLines || figures.lineCount <= (options.linesUpTo ?? -1);
  if (wanted && !lines) lines = await reportLines(reader, params);
  return {
    from: range.from,
    to: range.to,
    period: periodOf(range.from, range.to),
    officeName,
    filter,
    lines: wanted ? lines : null,
    ...figures,
    ...(!everyAccount && {
      byCustomer: figures.byCustomer.slice(0, SCREEN_CUSTOMERS),
      byMeter: [],
    }),
  };
}

/** The chart's buckets: every day for ranges up to two months, every month beyond. */
function seriesOf(range: { from: string; to: string }) {
  const days = officeDaysBetween(range.from, range.to);
  return days.length <= DAILY_SERIES_DAYS
    ? { unit: 'day' as const, buckets: days }
    : { unit: 'month' as const, buckets: [...new Set(days.map((d) => d.slice(0, 7)))] };
}

/**
 * The figures from the kept totals: a few thousand rows for any period. Every account's when
 * `everyAccount` (files); otherwise the customers grouped in SQL, the first SCREEN_CUSTOMERS only.
 */
export function keptFigures(
  db: Db,
  range: { from: string; to: string },
  { everyAccount }: { everyAccount: boolean },
): Figures {
  const spans = periodSpans(range.from, range.to);
  const { unit, buckets } = seriesOf(range);
  const g = newGroupings(buckets);
  const grants = { fen: 0, count: 0 };
  // A bar per day needs the day rows even of whole months (two months at most); a bar per month
  // needs month rows, not years.
  const paymentSpans =
    unit === 'day' ? daySpans(range.from, range.to) : monthSpans(range.from, range.to);
  for (const row of keptByPayment(db, paymentSpans, unit === 'month')) {
    if (!hasLines(row)) continue;
    g.byPaymentMethod.add(row.paymentMethod, row);
    g.series.add(row.bucket, row);
    if (row.paymentMethod === 'grant') {
      grants.fen += row.salesFen;
      grants.count += row.salesCount;
    }
  }
  for (const row of keptByName(db, spans, 'tariff'))
    if (hasLines(row)) g.byTariff.add(row.name, row);
  for (const row of keptByName(db, spans, 'operator'))
    if (hasLines(row)) g.byOperator.add(row.name, row);
  const money = ([salesFen, salesCount, reversalsFen, refundsFen, cardFeesFen]: number[]) => ({
    ...NOTHING,
    salesFen: salesFen!,
    salesCount: salesCount!,
    reversalsFen: reversalsFen!,
    refundsFen: refundsFen!,
    cardFeesFen: cardFeesFen!,
  });
  if (!everyAccount) {
    const screen = keptScreenGroups(db, spans, SCREEN_CUSTOMERS);
    for (const [area, m] of screen.byArea) g.byArea.add(area || '—', money(m));
    // Refunds and card fees are reported under the account's tariff as it is now.
    for (const [tariff, m] of screen.byTariff) g.byTariff.add(tariff, money(m));
    for (const [customer, m] of screen.topCustomers) g.byCustomer.add(customer, money(m));
    return figuresOf(g, unit, grants, screen.customerCount);
  }
  for (const [customer, area, meterNo, tariffName, ...m] of keptByAccount(db, spans)) {
    const f = money(m);
    g.byArea.add(area || '—', f);
    g.byCustomer.add(customer, f);
    g.byMeter.add(meterNo, f);
    if (tariffName !== null)
      g.byTariff.add(tariffName, {
        ...NOTHING,
        refundsFen: f.refundsFen,
        cardFeesFen: f.cardFeesFen,
      });
  }
  return figuresOf(g, unit, grants);
}

/** The figures from the lines themselves: a narrowed report, and the check on the kept ones. */
export async function figuresFromLines(
  lines: NonNullable<SalesReport['lines']>,
  range: { from: string; to: string },
): Promise<Figures> {
  const { unit, buckets } = seriesOf(range);
  const g = newGroupings(buckets);
  const bucket = (r: ReportLine) =>
    unit === 'day' ? officeDay(r.createdAt) : officeDay(r.createdAt).slice(0, 7);
  const grants = { fen: 0, count: 0 };
  const kinds = [
    [lines.sales, 'sale'],
    [lines.reversals, 'reversal'],
    [lines.refunds, 'refund'],
    [lines.cardFees, 'cardFee'],
  ] as const;
  for (const [rows, kind] of kinds)
    for (const [i, r] of rows.entries()) {
      // Grouped in steps: an operator's year can be a hundred thousand lines.
      if ((i + 1) % ROWS_PER_STEP === 0) await nextTurn();
      const f = ONE_LINE[kind](r.amountFen);
      g.byPaymentMethod.add(r.paymentMethod, f);
      g.byTariff.add(r.tariffName, f);
      g.byArea.add(r.area || '—', f);
      g.byOperator.add(r.operatorName, f);
      g.byCustomer.add(`${r.customerNo} ${r.customerName}`, f);
      g.byMeter.add(r.meterNo, f);
      g.series.add(bucket(r), f);
      if (kind === 'sale' && r.paymentMethod === 'grant') {
        grants.fen += r.amountFen;
        grants.count += 1;
      }
    }
  return figuresOf(g, unit, grants);
}
