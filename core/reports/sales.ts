// The sales report (日报 / 月报 / 年报 / any range): the rows of the period and every total
// computed from those rows, so a total can never disagree with the lines it stands for.
import type {
  ReportFilter,
  ReportGroup,
  ReportCardFeeRow,
  ReportLine,
  ReportRefundRow,
  ReportReversalRow,
  ReportSaleRow,
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
import { allInSteps, ROWS_PER_STEP, type ReportReader } from '../db/reportReader';
import { nextTurn } from '../nextTurn';

/** More lines than this stay off the screen (the Excel file carries them). */
export const SCREEN_LINE_LIMIT = 5_000;
/** Up to this many days the chart has a bar per day; beyond, per month. */
const DAILY_SERIES_DAYS = 62;
export const MAX_REPORT_DAYS = 3 * 366;

// One WHERE for every kind of row (`row` is the table that has the time and the operator): the
// period, and the optional customer, meter and operator.
const filterOn = (row: string) => `AND ${row}.created_at >= :from AND ${row}.created_at < :to
  AND (:customer IS NULL OR c.customer_no = :customer OR instr(c.name, :customer) > 0)
  AND (:meterNo IS NULL OR m.meter_no = :meterNo)
  AND (:operatorId IS NULL OR ${row}.operator_id = :operatorId)`;

// CROSS JOIN keeps the dated table as the outer loop, so the period's index drives the query.
// Left to itself, SQLite's planner sometimes starts from the accounts for one month and not
// for the next (its statistics see the bound dates), and that month takes twenty times longer.
const ACCOUNT_JOINS = `CROSS JOIN accounts a ON a.id = x.account_id JOIN customers c ON c.id = a.customer_id
  JOIN meters m ON m.id = a.meter_id`;

const SALE_ROWS = `
  SELECT x.receipt_no AS receiptNo, x.created_at AS createdAt, c.customer_no AS customerNo, c.name AS customerName,
    c.area AS area, m.meter_no AS meterNo, t.name AS tariffName, x.amount_fen AS amountFen,
    x.payment_method AS paymentMethod, o.display_name AS operatorName, x.status
  FROM sales x ${ACCOUNT_JOINS} JOIN tariff_versions v ON v.id = x.tariff_version_id
  JOIN tariffs t ON t.id = v.tariff_id JOIN operators o ON o.id = x.operator_id
  WHERE x.status IN ('committed', 'reversed') ${filterOn('x')} ORDER BY x.receipt_no`;

const REVERSAL_ROWS = `
  SELECT r.receipt_no AS receiptNo, x.receipt_no AS saleReceiptNo, r.created_at AS createdAt,
    c.customer_no AS customerNo, c.name AS customerName, c.area AS area, m.meter_no AS meterNo,
    t.name AS tariffName, x.amount_fen AS amountFen, x.payment_method AS paymentMethod, o.display_name AS operatorName
  FROM reversals r CROSS JOIN sales x ON x.id = r.sale_id ${ACCOUNT_JOINS}
  JOIN tariff_versions v ON v.id = x.tariff_version_id JOIN tariffs t ON t.id = v.tariff_id
  JOIN operators o ON o.id = r.operator_id
  WHERE r.status = 'committed' ${filterOn('r')} ORDER BY r.receipt_no`;

// A refund is reported under the account's tariff, as the credit it pays back was bought on it.
const REFUND_ROWS = `
  SELECT x.receipt_no AS receiptNo, x.created_at AS createdAt, c.customer_no AS customerNo, c.name AS customerName,
    c.area AS area, m.meter_no AS meterNo, t.name AS tariffName, x.kind, x.reason, x.amount_fen AS amountFen,
    x.payment_method AS paymentMethod, o.display_name AS operatorName
  FROM refunds x ${ACCOUNT_JOINS} JOIN tariffs t ON t.id = a.tariff_id JOIN operators o ON o.id = x.operator_id
  WHERE 1 = 1 ${filterOn('x')} ORDER BY x.receipt_no`;

// A card fee is reported under the account's tariff and area, like a refund.
const CARD_FEE_ROWS = `
  SELECT x.receipt_no AS receiptNo, x.created_at AS createdAt, c.customer_no AS customerNo, c.name AS customerName,
    c.area AS area, m.meter_no AS meterNo, t.name AS tariffName, x.kind, k.card_no AS cardNo,
    x.amount_fen AS amountFen, x.payment_method AS paymentMethod, o.display_name AS operatorName
  FROM card_fees x ${ACCOUNT_JOINS} JOIN cards k ON k.id = x.card_id JOIN tariffs t ON t.id = a.tariff_id
  JOIN operators o ON o.id = x.operator_id
  WHERE x.status = 'committed' ${filterOn('x')} ORDER BY x.receipt_no`;

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
  const { sales, reversals, refunds, cardFees } = await reader.read(async (db) => ({
    sales: await allInSteps<ReportSaleRow>(db, SALE_ROWS, params),
    reversals: await allInSteps<ReportReversalRow>(db, REVERSAL_ROWS, params),
    refunds: await allInSteps<ReportRefundRow>(db, REFUND_ROWS, params),
    cardFees: await allInSteps<ReportCardFeeRow>(db, CARD_FEE_ROWS, params),
  }));

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
