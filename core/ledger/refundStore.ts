// The refunds table (退费, and the refunds paid with 报停 and 销户): a refund is inserted with its
// receipt in the transaction that changes the account; the rules are RefundService's.
import type { PaymentMethod, RefundKind, RefundView } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';

const SELECT = `SELECT r.id, r.account_id AS accountId, a.account_no AS accountNo, c.name AS customerName, r.kind,
    r.amount_fen AS amountFen, r.payment_method AS paymentMethod, r.reason, r.meter_remaining_fen AS meterRemainingFen,
    r.remaining_source AS remainingSource, r.remaining_at AS remainingAt, r.receipt_no AS receiptNo,
    o.display_name AS operatorName, p.display_name AS approverName, r.created_at AS createdAt
  FROM refunds r JOIN accounts a ON a.id = r.account_id JOIN customers c ON c.id = a.customer_id
  JOIN operators o ON o.id = r.operator_id JOIN operators p ON p.id = r.approved_by`;

export interface RefundEntry {
  kind: RefundKind;
  amountFen: number;
  paymentMethod: PaymentMethod;
  reason: string;
  operatorId: number;
  approverId: number;
  /**
   * The refunded money left the meter with the refund (an NK meter's balance preset, booked in
   * this transaction): nothing is owed off the meter afterwards.
   */
  takenOffMeter?: boolean;
}

export interface NewRefund extends RefundEntry {
  accountId: number;
  /** What the card, the meter or the operator said the meter held, and when. */
  meterRemainingFen: number | null;
  remainingSource: string;
  remainingAt: string;
  receiptNo: number;
  shiftId: number | null;
  at: string;
}

export interface RefundFilter {
  accountId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

export class RefundStore {
  constructor(private readonly db: Db) {}

  /**
   * The account's monthly free allowances (基础免费电量) in order, each with what the meter held
   * just after it and the money sold to the account between it and the next one (or now).
   */
  allowances(
    accountId: number,
  ): { grantedFen: number; balanceAfterFen: number | null; soldAfterFen: number }[] {
    return prepared<{ grantedFen: number; balanceAfterFen: number | null; soldAfterFen: number }>(
      this.db,
      `WITH grants AS (
         SELECT id, amount_fen, meter_balance_after_fen,
           lead(id) OVER (ORDER BY id) AS next_id
         FROM sales WHERE account_id = :account AND allowance_month IS NOT NULL
           AND status = 'committed')
       SELECT g.amount_fen AS grantedFen, g.meter_balance_after_fen AS balanceAfterFen,
         coalesce((SELECT sum(s.amount_fen) FROM sales s WHERE s.account_id = :account
                    AND s.id > g.id AND (g.next_id IS NULL OR s.id < g.next_id)
                    AND s.status = 'committed'), 0) AS soldAfterFen
       FROM grants g ORDER BY g.id`,
    ).all({ account: accountId });
  }

  insert(r: NewRefund): number {
    return Number(
      prepared(
        this.db,
        `INSERT INTO refunds (account_id, kind, amount_fen, payment_method, reason, meter_remaining_fen, remaining_source,
           remaining_at, receipt_no, operator_id, approved_by, shift_id, created_at, taken_off_meter)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.accountId,
        r.kind,
        r.amountFen,
        r.paymentMethod,
        r.reason,
        r.meterRemainingFen,
        r.remainingSource,
        r.remainingAt,
        r.receiptNo,
        r.operatorId,
        r.approverId,
        r.shiftId,
        r.at,
        r.takenOffMeter ? 1 : 0,
      ).lastInsertRowid,
    );
  }

  view(id: number): RefundView | undefined {
    return prepared<RefundView>(this.db, `${SELECT} WHERE r.id = ?`).get(id);
  }

  list(filter: RefundFilter): RefundView[] {
    return prepared<RefundView>(
      this.db,
      `${SELECT} WHERE (:accountId IS NULL OR r.account_id = :accountId)
       AND (:from IS NULL OR r.created_at >= :from) AND (:to IS NULL OR r.created_at < :to)
       ORDER BY r.id DESC LIMIT :limit`,
    ).all({
      accountId: filter.accountId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      limit: filter.limit,
    });
  }
}
