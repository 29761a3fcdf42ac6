// What the office's reports read from the books: the sales report's four kinds of line (sales,
// reversals, refunds, card fees) for a period on the report connection, read in steps, and the
// low-balance list (低余额用户) on the till's own.
import type {
  LowBalanceRow,
  ReportLineKind,
  ReportLineOf,
  ReportLinesCursor,
  ReportLinesPage,
  ReportCardFeeRow,
  ReportRefundRow,
  ReportReversalRow,
  ReportSaleRow,
} from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';
import { allInSteps, type ReportReader } from '../db/reportReader';

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
  WHERE x.status IN ('committed', 'reversed') ${filterOn('x')}`;

const REVERSAL_ROWS = `
  SELECT r.receipt_no AS receiptNo, x.receipt_no AS saleReceiptNo, r.created_at AS createdAt,
    c.customer_no AS customerNo, c.name AS customerName, c.area AS area, m.meter_no AS meterNo,
    t.name AS tariffName, x.amount_fen AS amountFen, x.payment_method AS paymentMethod, o.display_name AS operatorName
  FROM reversals r CROSS JOIN sales x ON x.id = r.sale_id ${ACCOUNT_JOINS}
  JOIN tariff_versions v ON v.id = x.tariff_version_id JOIN tariffs t ON t.id = v.tariff_id
  JOIN operators o ON o.id = r.operator_id
  WHERE r.status = 'committed' ${filterOn('r')}`;

// A refund is reported under the account's tariff, as the credit it pays back was bought on it.
const REFUND_ROWS = `
  SELECT x.receipt_no AS receiptNo, x.created_at AS createdAt, c.customer_no AS customerNo, c.name AS customerName,
    c.area AS area, m.meter_no AS meterNo, t.name AS tariffName, x.kind, x.reason, x.amount_fen AS amountFen,
    x.payment_method AS paymentMethod, o.display_name AS operatorName
  FROM refunds x ${ACCOUNT_JOINS} JOIN tariffs t ON t.id = a.tariff_id JOIN operators o ON o.id = x.operator_id
  WHERE 1 = 1 ${filterOn('x')}`;

// A card fee is reported under the account's tariff and area, like a refund.
const CARD_FEE_ROWS = `
  SELECT x.receipt_no AS receiptNo, x.created_at AS createdAt, c.customer_no AS customerNo, c.name AS customerName,
    c.area AS area, m.meter_no AS meterNo, t.name AS tariffName, x.kind, k.card_no AS cardNo,
    x.amount_fen AS amountFen, x.payment_method AS paymentMethod, o.display_name AS operatorName
  FROM card_fees x ${ACCOUNT_JOINS} JOIN cards k ON k.id = x.card_id JOIN tariffs t ON t.id = a.tariff_id
  JOIN operators o ON o.id = x.operator_id
  WHERE x.status = 'committed' ${filterOn('x')}`;

/** The period's and the filter's query parameters, as the statements above name them. */
export interface ReportParams {
  from: string;
  to: string;
  customer: string | null;
  meterNo: string | null;
  operatorId: number | null;
}

/** Each kind of line: its statement and the alias of the table that dates it. */
const KINDS = {
  sales: { sql: SALE_ROWS, dated: 'x' },
  reversals: { sql: REVERSAL_ROWS, dated: 'r' },
  refunds: { sql: REFUND_ROWS, dated: 'x' },
  cardFees: { sql: CARD_FEE_ROWS, dated: 'x' },
} as const;

const byReceipt = (kind: ReportLineKind) =>
  `${KINDS[kind].sql} ORDER BY ${KINDS[kind].dated}.receipt_no`;

/** Every line of the period, in one snapshot of the books: the files', and a narrowed report's. */
export function reportLines(reader: ReportReader, params: ReportParams) {
  return reader.read(async (db) => ({
    sales: await allInSteps<ReportSaleRow>(db, byReceipt('sales'), { ...params }),
    reversals: await allInSteps<ReportReversalRow>(db, byReceipt('reversals'), { ...params }),
    refunds: await allInSteps<ReportRefundRow>(db, byReceipt('refunds'), { ...params }),
    cardFees: await allInSteps<ReportCardFeeRow>(db, byReceipt('cardFees'), { ...params }),
  }));
}

/** Time order, as the period's index hands the rows over: nothing to sort before the first. */
const inTime = (dated: string) => `ORDER BY ${dated}.created_at, ${dated}.receipt_no`;

/**
 * Every line of one kind in time order (as the screen lists them), one at a time, for a file
 * written as it is read (core/reports/salesWorkbook.ts, which gives the event loop its turns).
 * Not in receipt order: sorting a year's 334,000 lines by receipt before the first could be read
 * held every other till for a second. Inside a `reader.read`.
 */
export function reportLinesOneByOne<K extends ReportLineKind>(
  db: Db,
  params: ReportParams,
  kind: K,
): IterableIterator<ReportLineOf<K>> {
  const { sql, dated } = KINDS[kind];
  return db.prepare(`${sql} ${inTime(dated)}`).iterate({ ...params }) as IterableIterator<
    ReportLineOf<K>
  >;
}

/**
 * One page of one kind of line, in time order, after the cursor (the last line of the page
 * before): the period's index walked from there, so the first page of a year is as quick as a
 * day's and no page is skipped or repeated when lines are added meanwhile.
 */
export function reportLinesPage<K extends ReportLineKind>(
  reader: ReportReader,
  params: ReportParams,
  kind: K,
  page: { after?: ReportLinesCursor | undefined; limit: number },
): Promise<ReportLinesPage<K>> {
  const { sql, dated } = KINDS[kind];
  return reader.read(async (db) => {
    const lines = prepared<ReportLineOf<K>>(
      db,
      `${sql} AND (${dated}.created_at, ${dated}.receipt_no) > (:afterAt, :afterNo)
       ${inTime(dated)} LIMIT :limit`,
    ).all({
      ...params,
      afterAt: page.after?.at ?? '',
      afterNo: page.after?.receiptNo ?? 0,
      limit: page.limit,
    });
    const last = lines.length === page.limit ? lines[lines.length - 1] : undefined;
    return { lines, next: last ? { at: last.createdAt, receiptNo: last.receiptNo } : null };
  });
}

/**
 * 低余额用户: active accounts whose meter was last seen holding less than a threshold, lowest
 * first, so the office can call the shop before the relay trips.
 */
export function lowBalance(db: Db, thresholdFen: number): LowBalanceRow[] {
  return prepared<LowBalanceRow>(
    db,
    `SELECT a.id AS accountId, a.account_no AS accountNo, c.customer_no AS customerNo, c.name AS customerName,
       c.shop_unit AS shopUnit, c.area, c.phone, m.meter_no AS meterNo, a.meter_remaining_fen AS meterRemainingFen,
       a.meter_remaining_at AS meterRemainingAt,
       (SELECT max(s.created_at) FROM sales s WHERE s.account_id = a.id AND s.status = 'committed') AS lastSaleAt
     FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
     WHERE a.state = 'active' AND a.meter_remaining_fen IS NOT NULL AND a.meter_remaining_fen < ?
     ORDER BY a.meter_remaining_fen, a.account_no`,
  ).all(thresholdFen);
}
