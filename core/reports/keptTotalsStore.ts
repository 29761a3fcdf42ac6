// The store of the totals kept per office day and month (migration 0025,
// decision 0030): a year is twelve month rows per payment method, tariff and operator, and one
// row per account and month, whatever the number of sales in it.
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

/** Which kept rows make up the office days from..to: whole months, and the days at either end. */
export interface PeriodSpans {
  /** Day rows from..to inclusive (either may be empty: from > to). */
  head: { from: string; to: string };
  tail: { from: string; to: string };
  /** Month rows (YYYY-MM) from..to inclusive. */
  months: { from: string; to: string };
}

const NONE = { from: '1', to: '0' };
const monthOf = (day: string) => day.slice(0, 7);
const addMonths = (month: string, n: number) => {
  const d = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const lastDay = (month: string) => addDays(`${addMonths(month, 1)}-01`, -1);

/** The same days as day rows only: for a chart with a bar per day. */
export const daySpans = (from: string, to: string): PeriodSpans => ({
  head: { from, to },
  tail: NONE,
  months: NONE,
});

export function periodSpans(from: string, to: string): PeriodSpans {
  const firstWhole = from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
  const lastWhole = to === lastDay(monthOf(to)) ? monthOf(to) : addMonths(monthOf(to), -1);
  if (firstWhole > lastWhole) return { head: { from, to }, tail: NONE, months: NONE };
  return {
    head: { from, to: addDays(`${firstWhole}-01`, -1) },
    tail: { from: addDays(lastDay(lastWhole), 1), to },
    months: { from: firstWhole, to: lastWhole },
  };
}

const SUMS = `sum(sales_fen) AS salesFen, sum(sales_count) AS salesCount,
  sum(reversals_fen) AS reversalsFen, sum(reversals_count) AS reversalsCount,
  sum(refunds_fen) AS refundsFen, sum(refunds_count) AS refundsCount,
  sum(card_fees_fen) AS cardFeesFen, sum(card_fees_count) AS cardFeesCount`;

const IN_PERIOD = `((span = 'day' AND period BETWEEN :headFrom AND :headTo)
  OR (span = 'day' AND period BETWEEN :tailFrom AND :tailTo)
  OR (span = 'month' AND period BETWEEN :monthsFrom AND :monthsTo))`;

const params = (s: PeriodSpans) => ({
  headFrom: s.head.from,
  headTo: s.head.to,
  tailFrom: s.tail.from,
  tailTo: s.tail.to,
  monthsFrom: s.months.from,
  monthsTo: s.months.to,
});

/** Per payment method and bucket (the office day, or its month when `byMonth`). */
export function keptByPayment(
  db: Db,
  spans: PeriodSpans,
  byMonth: boolean,
): (KeptFigures & { paymentMethod: string; bucket: string })[] {
  return prepared<KeptFigures & { paymentMethod: string; bucket: string }>(
    db,
    `SELECT payment_method AS paymentMethod, ${byMonth ? 'substr(period, 1, 7)' : 'period'} AS bucket, ${SUMS}
     FROM totals_by_payment WHERE ${IN_PERIOD} GROUP BY paymentMethod, bucket`,
  ).all(params(spans));
}

/** Sales and reversals per tariff (refunds and card fees have none: see keptByAccount). */
export function keptByTariff(db: Db, spans: PeriodSpans): (KeptFigures & { tariffName: string })[] {
  return prepared<KeptFigures & { tariffName: string }>(
    db,
    `SELECT t.name AS tariffName, k.* FROM (
       SELECT tariff_id, ${SUMS} FROM totals_by_tariff WHERE ${IN_PERIOD} GROUP BY tariff_id
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
       SELECT operator_id, ${SUMS} FROM totals_by_operator WHERE ${IN_PERIOD} GROUP BY operator_id
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
       SELECT account_id, ${SUMS} FROM totals_by_account WHERE ${IN_PERIOD} GROUP BY account_id
     ) k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id
     JOIN meters m ON m.id = a.meter_id JOIN tariffs t ON t.id = a.tariff_id`,
  ).all(params(spans));
}

/** True when the key has any line in the period (a key whose lines were all undone has none). */
export const hasLines = (f: KeptFigures) =>
  f.salesCount !== 0 || f.reversalsCount !== 0 || f.refundsCount !== 0 || f.cardFeesCount !== 0;
