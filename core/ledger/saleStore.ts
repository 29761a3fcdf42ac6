// The sales and reversals tables (售电, 冲正): a sale is inserted pending with its journal row (or
// committed at once under 主站计费) and settled from what its device read back; a reversal takes
// back an account's latest sale. Every statement on the two tables is here.
import type { ReversalView, SalePayment, SaleView } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';

interface SaleRow {
  id: number;
  account_id: number;
  account_no: string;
  receipt_no: number;
  amount_fen: number;
  energy: number;
  price: number;
  purchase_count: number;
  payment_method: SalePayment;
  tendered_fen: number | null;
  meter_balance_after_fen: number | null;
  operator_name: string;
  status: SaleView['status'];
  created_at: string;
}

const SALE_SELECT = `SELECT s.id, s.account_id, a.account_no, s.receipt_no, s.amount_fen, s.energy, s.price,
  s.purchase_count, s.payment_method, s.tendered_fen, s.meter_balance_after_fen, o.username AS operator_name,
  s.status, s.created_at
  FROM sales s JOIN accounts a ON a.id = s.account_id JOIN operators o ON o.id = s.operator_id`;

const saleView = (r: SaleRow): SaleView => ({
  id: r.id,
  accountId: r.account_id,
  accountNo: r.account_no,
  receiptNo: r.receipt_no,
  amountFen: r.amount_fen,
  energy: r.energy,
  price: r.price,
  purchaseCount: r.purchase_count,
  paymentMethod: r.payment_method,
  tenderedFen: r.tendered_fen,
  meterBalanceAfterFen: r.meter_balance_after_fen,
  operatorName: r.operator_name,
  status: r.status,
  createdAt: r.created_at,
});

/** A sale as the rules about taking it back need it. */
export interface SaleRecord {
  id: number;
  accountId: number;
  amountFen: number;
  purchaseCount: number;
  operatorId: number;
  status: string;
  createdAt: string;
  receiptNo: number;
}

export interface NewSale {
  operationId: number | null;
  accountId: number;
  receiptNo: number;
  amountFen: number;
  energy: number;
  price: number;
  tariffVersionId: number;
  purchaseCount: number;
  paymentMethod: SalePayment;
  tenderedFen: number | null;
  operatorId: number;
  at: string;
  shiftId: number | null;
  /** Committed at once (主站计费), with the office's balance after it; else pending. */
  committed?: { balanceAfterFen: number } | undefined;
  batchId: number | null;
  allowanceMonth: string | null;
}

export interface NewReversal {
  operationId: number;
  saleId: number;
  receiptNo: number;
  reason: string;
  operatorId: number;
  at: string;
  shiftId: number | null;
  approvedBy: number | null;
}

/** What a settled sale or reversal left to settle after it: its receipt, and the sale. */
export interface SettledPurchase {
  saleId: number;
  receiptNo: number;
}

export class SaleStore {
  constructor(private readonly db: Db) {}

  insert(sale: NewSale): number {
    const committedAt = sale.committed ? sale.at : null;
    return Number(
      prepared(
        this.db,
        `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id,
         purchase_count, payment_method, tendered_fen, operator_id, status, created_at, committed_at, shift_id,
         meter_balance_after_fen, meter_balance_at, batch_id, allowance_month)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        sale.operationId,
        sale.accountId,
        sale.receiptNo,
        sale.amountFen,
        sale.energy,
        sale.price,
        sale.tariffVersionId,
        sale.purchaseCount,
        sale.paymentMethod,
        sale.tenderedFen,
        sale.operatorId,
        sale.committed ? 'committed' : 'pending',
        sale.at,
        committedAt,
        sale.shiftId,
        sale.committed?.balanceAfterFen ?? null,
        committedAt,
        sale.batchId,
        sale.allowanceMonth,
      ).lastInsertRowid,
    );
  }

  record(id: number): SaleRecord | undefined {
    return prepared<SaleRecord>(
      this.db,
      `SELECT id, account_id AS accountId, amount_fen AS amountFen, purchase_count AS purchaseCount,
         operator_id AS operatorId, status, created_at AS createdAt, receipt_no AS receiptNo
       FROM sales WHERE id = ?`,
    ).get(id);
  }

  view(id: number): SaleView | undefined {
    const row = prepared<SaleRow>(this.db, `${SALE_SELECT} WHERE s.id = ?`).get(id);
    return row && saleView(row);
  }

  list(accountId: number | undefined, limit: number): SaleView[] {
    const rows = (
      accountId === undefined
        ? prepared(this.db, `${SALE_SELECT} ORDER BY s.id DESC LIMIT ?`).all(limit)
        : prepared(this.db, `${SALE_SELECT} WHERE s.account_id = ? ORDER BY s.id DESC LIMIT ?`).all(
            accountId,
            limit,
          )
    ) as SaleRow[];
    return rows.map(saleView);
  }

  /** The account's latest committed sale: the only one a reversal may take back. */
  latestCommittedId(accountId: number): number | null {
    return prepared<{ id: number | null }>(
      this.db,
      "SELECT max(id) AS id FROM sales WHERE account_id = ? AND status = 'committed'",
    ).get(accountId)!.id;
  }

  /** Committed money on one purchase count: what a card carries for the meter to load. */
  committedOnCount(accountId: number, purchaseCount: number): number {
    return prepared<{ fen: number }>(
      this.db,
      "SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales WHERE account_id = ? AND purchase_count = ? AND status = 'committed'",
    ).get(accountId, purchaseCount)!.fen;
  }

  /** Other committed sales on the same purchase count (a top-up's first part). */
  othersOnCount(accountId: number, purchaseCount: number, exceptId: number): number {
    return prepared<{ n: number }>(
      this.db,
      "SELECT count(*) AS n FROM sales WHERE account_id = ? AND purchase_count = ? AND status = 'committed' AND id <> ?",
    ).get(accountId, purchaseCount, exceptId)!.n;
  }

  /** Money sold on counts the meter has not loaded yet. */
  /** Money the account's committed sales (not allowances) took from `from` up to (not at) `to`. */
  boughtBetween(accountId: number, from: string, to: string): number {
    return prepared<{ fen: number }>(
      this.db,
      `SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales
        WHERE account_id = ? AND status = 'committed' AND payment_method <> 'grant'
          AND created_at >= ? AND created_at < ?`,
    ).get(accountId, from, to)!.fen;
  }

  unloadedFen(accountId: number, loadedCount: number): number {
    return prepared<{ fen: number }>(
      this.db,
      "SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales WHERE account_id = ? AND status = 'committed' AND purchase_count > ?",
    ).get(accountId, loadedCount)!.fen;
  }

  /** A grant not voided for this batch, or this allowance month: its receipt number. */
  liveGrant(
    accountId: number,
    grant: { batchId: number; allowanceMonth: string | null },
  ): number | null {
    const row = prepared<{ receiptNo: number }>(
      this.db,
      `SELECT receipt_no AS receiptNo FROM sales WHERE account_id = ? AND status <> 'voided'
       AND (batch_id = ? OR (? IS NOT NULL AND allowance_month = ?)) LIMIT 1`,
    ).get(accountId, grant.batchId, grant.allowanceMonth, grant.allowanceMonth);
    return row?.receiptNo ?? null;
  }

  /**
   * Settles the sale begun with a journal operation; a recharge an NK meter read back also keeps
   * the balance the meter said it holds after it.
   */
  settleSale(
    operationId: number,
    outcome: 'committed' | 'voided',
    at: string,
    meterBalanceAfterFen: number | null,
  ): SettledPurchase {
    const sale = prepared<{ id: number; receipt_no: number }>(
      this.db,
      'SELECT id, receipt_no FROM sales WHERE operation_id = ?',
    ).get(operationId)!;
    prepared(this.db, 'UPDATE sales SET status = ?, committed_at = ? WHERE id = ?').run(
      outcome,
      outcome === 'committed' ? at : null,
      sale.id,
    );
    if (outcome === 'committed' && meterBalanceAfterFen !== null)
      prepared(
        this.db,
        'UPDATE sales SET meter_balance_after_fen = ?, meter_balance_at = ? WHERE id = ?',
      ).run(meterBalanceAfterFen, at, sale.id);
    return { saleId: sale.id, receiptNo: sale.receipt_no };
  }

  insertReversal(r: NewReversal): number {
    return Number(
      prepared(
        this.db,
        `INSERT INTO reversals (operation_id, sale_id, receipt_no, reason, operator_id, status, created_at, shift_id,
         approved_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      ).run(
        r.operationId,
        r.saleId,
        r.receiptNo,
        r.reason,
        r.operatorId,
        r.at,
        r.shiftId,
        r.approvedBy,
      ).lastInsertRowid,
    );
  }

  /** Settles the reversal begun with a journal operation; a committed one marks its sale reversed. */
  settleReversal(
    operationId: number,
    outcome: 'committed' | 'voided',
    at: string,
  ): SettledPurchase {
    const reversal = prepared<{ sale_id: number; receipt_no: number }>(
      this.db,
      'SELECT sale_id, receipt_no FROM reversals WHERE operation_id = ?',
    ).get(operationId)!;
    prepared(
      this.db,
      'UPDATE reversals SET status = ?, committed_at = ? WHERE operation_id = ?',
    ).run(outcome, outcome === 'committed' ? at : null, operationId);
    if (outcome === 'committed')
      prepared(this.db, "UPDATE sales SET status = 'reversed' WHERE id = ?").run(reversal.sale_id);
    return { saleId: reversal.sale_id, receiptNo: reversal.receipt_no };
  }

  reversal(id: number): ReversalView | undefined {
    return prepared<ReversalView>(
      this.db,
      `SELECT r.id, r.sale_id AS saleId, r.receipt_no AS receiptNo, s.receipt_no AS saleReceiptNo, s.amount_fen AS amountFen,
       r.reason, r.status, r.created_at AS createdAt FROM reversals r JOIN sales s ON s.id = r.sale_id WHERE r.id = ?`,
    ).get(id);
  }
}
