// The billing_charges table (主站计费): each reading the office charged, with what it charged and
// the balance after it, in the transaction that moves the office's balance.
import { prepared, type Db } from '../db/open';

export interface NewCharge {
  accountId: number;
  readingId: number;
  readAt: string;
  /** The office's month the energy counts toward (stepped tariffs, the free allowance). */
  month: string;
  energy: number;
  amountFen: number;
  /** The registers either side, the free energy and the priced lines, kept as JSON. */
  detail: unknown;
  tariffVersionId: number;
  balanceAfterFen: number;
  chargedAt: string;
}

export class BillingChargeStore {
  constructor(private readonly db: Db) {}

  insert(c: NewCharge): void {
    prepared(
      this.db,
      `INSERT INTO billing_charges (account_id, reading_id, read_at, month, energy, amount_fen, detail,
         tariff_version_id, balance_after_fen, charged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.accountId,
      c.readingId,
      c.readAt,
      c.month,
      c.energy,
      c.amountFen,
      JSON.stringify(c.detail),
      c.tariffVersionId,
      c.balanceAfterFen,
      c.chargedAt,
    );
  }

  /** Energy already charged to the account in the month, before this charge. */
  monthEnergy(accountId: number, month: string): number {
    return prepared<{ e: number }>(
      this.db,
      'SELECT coalesce(sum(energy), 0) AS e FROM billing_charges WHERE account_id = ? AND month = ?',
    ).get(accountId, month)!.e;
  }
}
