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

/** The dimensions kept under an id whose name the report shows. */
const NAMED = {
  // Sales and reversals only: refunds and card fees have no tariff of their own (keptByAccount).
  tariff: { key: 'tariff_id', names: 'tariffs', name: 'name' },
  operator: { key: 'operator_id', names: 'operators', name: 'display_name' },
} as const;

/** Per tariff or operator, by its name as it is now. */
export function keptByName(
  db: Db,
  spans: PeriodSpans,
  dimension: keyof typeof NAMED,
): (KeptFigures & { name: string })[] {
  const { key, names, name } = NAMED[dimension];
  return prepared<KeptFigures & { name: string }>(
    db,
    `SELECT n.${name} AS name, k.* FROM (
       SELECT ${key}, ${SUMS} FROM ${inPeriod(`totals_by_${dimension}`)} GROUP BY ${key}
     ) k JOIN ${names} n ON n.id = k.${key}`,
  ).all(params(spans));
}

/**
 * One account's figures over the period, with its customer, area and meter as they are now. A
 * tuple, not an object: a month is five thousand of them, and naming every field of every row
 * was two thirds of the report's time.
 */
export type KeptAccountRow = [
  /** customer no and name, as the report's by-customer key. */
  customer: string,
  area: string,
  meterNo: string,
  /** The account's tariff now, where its refunds and card fees are reported; null without any. */
  tariffName: string | null,
  salesFen: number,
  salesCount: number,
  reversalsFen: number,
  refundsFen: number,
  cardFeesFen: number,
];

/** Each account's money in the period, accounts without a line left out. */
const ACCOUNT_SUMS = `SELECT account_id, sum(sales_fen) AS sales_fen, sum(sales_count) AS sales_count,
    sum(reversals_fen) AS reversals_fen, sum(refunds_fen) AS refunds_fen,
    sum(card_fees_fen) AS card_fees_fen
  FROM ${inPeriod('totals_by_account')} GROUP BY account_id
  HAVING sum(sales_count) <> 0 OR sum(reversals_count) <> 0 OR sum(refunds_count) <> 0
    OR sum(card_fees_count) <> 0`;

const MONEY = `sum(sales_fen), sum(sales_count), sum(reversals_fen), sum(refunds_fen),
  sum(card_fees_fen)`;

/**
 * Each account's money from..to (office days) as SQL to join on `account_id`, and the parameters
 * it takes: for reports that group accounts their own way (a dorm building by floor).
 */
export function keptPeriod(from: string, to: string) {
  return { sql: ACCOUNT_SUMS, params: params(periodSpans(from, to)) };
}

/** Per account with any line in the period (the files' every customer and meter). */
export function keptByAccount(db: Db, spans: PeriodSpans): KeptAccountRow[] {
  return prepared<KeptAccountRow>(
    db,
    `SELECT c.customer_no || ' ' || c.name, c.area, m.meter_no,
       CASE WHEN k.refunds_fen <> 0 OR k.card_fees_fen <> 0 THEN t.name END,
       k.sales_fen, k.sales_count, k.reversals_fen, k.refunds_fen, k.card_fees_fen
     FROM (${ACCOUNT_SUMS}) k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id
     JOIN meters m ON m.id = a.meter_id JOIN tariffs t ON t.id = a.tariff_id`,
  )
    .raw(true)
    .all(params(spans));
}

/** The screen's per-account figures, grouped in SQL: a few hundred values, not tens of thousands. */
export interface KeptScreenGroups {
  byArea: [area: string, figures: KeptAccountMoney][];
  /** Refunds and card fees under the accounts' tariffs as they are now. */
  byTariff: [tariffName: string, figures: KeptAccountMoney][];
  /** The first `limit` customers by net, then by key. */
  topCustomers: [customer: string, figures: KeptAccountMoney][];
  customerCount: number;
}

type KeptAccountMoney = [
  salesFen: number,
  salesCount: number,
  reversalsFen: number,
  refundsFen: number,
  cardFeesFen: number,
];

/** byArea, the accounts' tariffs and the top customers of the period, in one statement. */
export function keptScreenGroups(db: Db, spans: PeriodSpans, limit: number): KeptScreenGroups {
  const rows = prepared<[string, string | null, ...KeptAccountMoney]>(
    db,
    `WITH k AS MATERIALIZED (${ACCOUNT_SUMS}),
     j AS MATERIALIZED (
       SELECT c.customer_no || ' ' || c.name AS customer, c.area, a.tariff_id, k.*
       FROM k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id)
     SELECT 'area', area, ${MONEY} FROM j GROUP BY area
     UNION ALL
     SELECT 'tariff', t.name, 0, 0, 0, sum(refunds_fen), sum(card_fees_fen)
       FROM j JOIN tariffs t ON t.id = j.tariff_id
       WHERE refunds_fen <> 0 OR card_fees_fen <> 0 GROUP BY t.name
     UNION ALL
     SELECT * FROM (SELECT 'customer', customer, ${MONEY} FROM j GROUP BY customer
       ORDER BY sum(sales_fen) - sum(reversals_fen) - sum(refunds_fen) DESC, customer LIMIT :limit)
     UNION ALL
     SELECT 'customers', NULL, count(DISTINCT customer), 0, 0, 0, 0 FROM j`,
  )
    .raw(true)
    .all({ ...params(spans), limit });
  const out: KeptScreenGroups = { byArea: [], byTariff: [], topCustomers: [], customerCount: 0 };
  for (const [kind, key, ...money] of rows) {
    if (kind === 'customers') out.customerCount = money[0];
    else if (kind === 'area') out.byArea.push([key ?? '', money]);
    else if (kind === 'tariff') out.byTariff.push([key ?? '', money]);
    else out.topCustomers.push([key ?? '', money]);
  }
  return out;
}

/** True when the key has any line in the period (a key whose lines were all undone has none). */
export const hasLines = (f: KeptFigures) =>
  f.salesCount !== 0 || f.reversalsCount !== 0 || f.refundsCount !== 0 || f.cardFeesCount !== 0;
