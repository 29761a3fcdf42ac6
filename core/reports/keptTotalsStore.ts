// The store of the totals kept per office day, month and year (migration 0025, decision 0030): a year is one row per payment method, tariff, operator and account, whatever
// the number of sales in it.
import type { Db } from '../db/open';
import { prepared } from '../db/open';

/** One kept row summed over the period: what the lines of one key add up to. */
export interface KeptFigures {
  salesFen: number;
  salesCount: number;
  reversalsFen: number;
  reversalsCount: number;
  refundsFen: number;
  refundsCount: number;
  cardFeesFen: number;
  cardFeesCount: number;
}

/** Kept rows of one span whose period lies from..to (YYYY-MM-DD, YYYY-MM or YYYY). */
export interface SpanRange {
  span: 'day' | 'month' | 'year';
  from: string;
  to: string;
}

/** Which kept rows make up a period: whole years, then whole months, then days, at most five. */
export type PeriodSpans = SpanRange[];

const SLOTS = 5;
const monthOf = (day: string) => day.slice(0, 7);
const addMonths = (month: string, n: number) => {
  const d = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const lastDay = (month: string) => addDays(`${addMonths(month, 1)}-01`, -1);

/** The same days as day rows only: for a chart with a bar per day. */
export const daySpans = (from: string, to: string): PeriodSpans => [{ span: 'day', from, to }];

/** from..to as whole months and the days at either end (a chart with a bar per month). */
export function monthSpans(from: string, to: string): PeriodSpans {
  if (from > to) return [];
  const firstWhole = from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
  const lastWhole = to === lastDay(monthOf(to)) ? monthOf(to) : addMonths(monthOf(to), -1);
  if (firstWhole > lastWhole) return daySpans(from, to);
  return [
    { span: 'day' as const, from, to: addDays(`${firstWhole}-01`, -1) },
    { span: 'month' as const, from: firstWhole, to: lastWhole },
    { span: 'day' as const, from: addDays(lastDay(lastWhole), 1), to },
  ].filter((s) => s.from <= s.to);
}

/** from..to as whole years, then whole months and days at either end: the fewest rows. */
export function periodSpans(from: string, to: string): PeriodSpans {
  const firstWhole = from.endsWith('-01-01') ? +from.slice(0, 4) : +from.slice(0, 4) + 1;
  const lastWhole = to.endsWith('-12-31') ? +to.slice(0, 4) : +to.slice(0, 4) - 1;
  if (firstWhole > lastWhole) return monthSpans(from, to);
  return [
    ...monthSpans(from, addDays(`${firstWhole}-01-01`, -1)),
    { span: 'year' as const, from: String(firstWhole), to: String(lastWhole) },
    ...monthSpans(addDays(`${lastWhole}-12-31`, 1), to),
  ];
}

const SUMS = `sum(sales_fen) AS salesFen, sum(sales_count) AS salesCount,
  sum(reversals_fen) AS reversalsFen, sum(reversals_count) AS reversalsCount,
  sum(refunds_fen) AS refundsFen, sum(refunds_count) AS refundsCount,
  sum(card_fees_fen) AS cardFeesFen, sum(card_fees_count) AS cardFeesCount`;

/**
 * The rows of a table in the period: one range of its primary key per span (UNION ALL, not OR,
 * so each is a plain range scan; the slots left over match nothing).
 */
const inPeriod = (table: string) =>
  `(${Array.from(
    { length: SLOTS },
    (_, k) =>
      `SELECT * FROM ${table} WHERE span = :span${k} AND period BETWEEN :from${k} AND :to${k}`,
  ).join(' UNION ALL ')})`;

const params = (spans: PeriodSpans) => {
  if (spans.length > SLOTS) throw new Error(`a period is at most ${SLOTS} spans`);
  const out: Record<string, string> = {};
  for (let k = 0; k < SLOTS; k += 1) {
    const s = spans[k] ?? { span: 'day', from: '1', to: '0' };
    out[`span${k}`] = s.span;
    out[`from${k}`] = s.from;
    out[`to${k}`] = s.to;
  }
  return out;
};

/** Per payment method and bucket (the office day, or its month when `byMonth`). */
export function keptByPayment(
  db: Db,
  spans: PeriodSpans,
  byMonth: boolean,
): (KeptFigures & { paymentMethod: string; bucket: string })[] {
  return prepared<KeptFigures & { paymentMethod: string; bucket: string }>(
    db,
    `SELECT payment_method AS paymentMethod, ${byMonth ? 'substr(period, 1, 7)' : 'period'} AS bucket, ${SUMS}
     FROM ${inPeriod('totals_by_payment')} GROUP BY paymentMethod, bucket`,
  ).all(params(spans));
}

/** Sales and reversals per tariff (refunds and card fees have none: see keptByAccount). */
export function keptByTariff(db: Db, spans: PeriodSpans): (KeptFigures & { tariffName: string })[] {
  return prepared<KeptFigures & { tariffName: string }>(
    db,
    `SELECT t.name AS tariffName, k.* FROM (
       SELECT tariff_id, ${SUMS} FROM ${inPeriod('totals_by_tariff')} GROUP BY tariff_id
     ) k JOIN tariffs t ON t.id = k.tariff_id`,
  ).all(params(spans));
}

export function keptByOperator(
  db: Db,
  spans: PeriodSpans,
): (KeptFigures & { operatorName: string })[] {
  return prepared<KeptFigures & { operatorName: string }>(
    db,
    `SELECT o.display_name AS operatorName, k.* FROM (
       SELECT operator_id, ${SUMS} FROM ${inPeriod('totals_by_operator')} GROUP BY operator_id
     ) k JOIN operators o ON o.id = k.operator_id`,
  ).all(params(spans));
}

export interface KeptAccountFigures extends KeptFigures {
  customerNo: string;
  customerName: string;
  area: string;
  meterNo: string;
  /** The account's tariff now: where its refunds and card fees are reported. */
  tariffName: string;
}

/** Per account, with its customer, area, meter and tariff as they are now. */
export function keptByAccount(db: Db, spans: PeriodSpans): KeptAccountFigures[] {
  return prepared<KeptAccountFigures>(
    db,
    `SELECT c.customer_no AS customerNo, c.name AS customerName, c.area AS area,
       m.meter_no AS meterNo, t.name AS tariffName, k.* FROM (
       SELECT account_id, ${SUMS} FROM ${inPeriod('totals_by_account')} GROUP BY account_id
     ) k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id
     JOIN meters m ON m.id = a.meter_id JOIN tariffs t ON t.id = a.tariff_id`,
  ).all(params(spans));
}

/** True when the key has any line in the period (a key whose lines were all undone has none). */
export const hasLines = (f: KeptFigures) =>
  f.salesCount !== 0 || f.reversalsCount !== 0 || f.refundsCount !== 0 || f.cardFeesCount !== 0;
