// Receipt numbers: gap-free, handed out inside the transaction that records the pending sale.
// A voided number stays in the sequence (printed as void) and is never handed out again.
import { prepared, type Db } from '../db/open';

export class ReceiptStore {
  constructor(private readonly db: Db) {}

  /** Call inside a transaction: the next number, reserved. */
  reserve(at: string): number {
    const { next } = prepared(
      this.db,
      'SELECT coalesce(max(receipt_no), 0) + 1 AS next FROM receipts',
    ).get() as { next: number };
    prepared(
      this.db,
      "INSERT INTO receipts (receipt_no, status, created_at) VALUES (?, 'reserved', ?)",
    ).run(next, at);
    return next;
  }

  settle(receiptNo: number, status: 'issued' | 'void'): void {
    prepared(
      this.db,
      "UPDATE receipts SET status = ? WHERE receipt_no = ? AND status = 'reserved'",
    ).run(status, receiptNo);
  }
}
