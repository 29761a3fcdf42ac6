// What the office's reports read from the books: the sales report's four kinds of line (sales,
// reversals, refunds, card fees) for a period on the report connection, read in steps, and the
// low-balance list (低余额用户) on the till's own.
import type {
  LowBalanceRow,
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

/** The period's and the filter's query parameters, as the statements above name them. */
export interface ReportParams {
  from: string;
  to: string;
  customer: string | null;
  meterNo: string | null;
  operatorId: number | null;
}

/** Every line of the period, in one snapshot of the books. */
export function reportLines(reader: ReportReader, params: ReportParams) {
  return reader.read(async (db) => ({
    sales: await allInSteps<ReportSaleRow>(db, SALE_ROWS, { ...params }),
    reversals: await allInSteps<ReportReversalRow>(db, REVERSAL_ROWS, { ...params }),
    refunds: await allInSteps<ReportRefundRow>(db, REFUND_ROWS, { ...params }),
    cardFees: await allInSteps<ReportCardFeeRow>(db, CARD_FEE_ROWS, { ...params }),
  }));
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
