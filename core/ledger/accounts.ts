// Accounts (账户): a customer's meter under a tariff, with the purchase counts and totals the
// sale journal keeps. The SQL for accounts lives here.
import type { AccountState, AccountView } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';
import type { CustomerStore } from './customers';
import type { MeterStore } from './meters';

export interface AccountRecord {
  id: number;
  accountNo: string;
  customerId: number;
  meterId: number;
  tariffId: number;
  state: AccountState;
  purchaseCount: number;
  loadedCount: number;
  totalPurchasedFen: number;
  meterRemainingFen: number | null;
  meterRemainingAt: string | null;
  openedAt: string;
}

interface Row {
  id: number;
  account_no: string;
  customer_id: number;
  meter_id: number;
  tariff_id: number;
  state: AccountState;
  purchase_count: number;
  loaded_count: number;
  total_purchased_fen: number;
  meter_remaining_fen: number | null;
  meter_remaining_at: string | null;
  opened_at: string;
}

const record = (r: Row): AccountRecord => ({
  id: r.id,
  accountNo: r.account_no,
  customerId: r.customer_id,
  meterId: r.meter_id,
  tariffId: r.tariff_id,
  state: r.state,
  purchaseCount: r.purchase_count,
  loadedCount: r.loaded_count,
  totalPurchasedFen: r.total_purchased_fen,
  meterRemainingFen: r.meter_remaining_fen,
  meterRemainingAt: r.meter_remaining_at,
  openedAt: r.opened_at,
});

export class AccountStore {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomerStore,
    private readonly meters: MeterStore,
  ) {}

  byId(id: number): AccountRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
    return row && record(row);
  }

  openOnMeter(meterId: number): AccountRecord | undefined {
    const row = prepared(
      this.db,
      "SELECT * FROM accounts WHERE meter_id = ? AND state <> 'closed'",
    ).get(meterId) as Row | undefined;
    return row && record(row);
  }

  forCustomer(customerId: number): AccountRecord[] {
    return (
      prepared(this.db, 'SELECT * FROM accounts WHERE customer_id = ? ORDER BY id').all(
        customerId,
      ) as Row[]
    ).map(record);
  }

  /** Account numbers run 00000001, 00000002, … in opening order. */
  open(
    account: { customerId: number; meterId: number; tariffId: number; operatorId: number },
    at: string,
  ): AccountRecord {
    const { n } = prepared(this.db, 'SELECT coalesce(max(id), 0) + 1 AS n FROM accounts').get() as {
      n: number;
    };
    const { lastInsertRowid } = prepared(
      this.db,
      'INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      String(n).padStart(8, '0'),
      account.customerId,
      account.meterId,
      account.tariffId,
      at,
      account.operatorId,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  /** What the card or meter said: the count it loaded and the credit it holds. */
  observe(id: number, loadedCount: number, remainingFen: number | null, at: string): void {
    prepared(
      this.db,
      `UPDATE accounts SET loaded_count = max(loaded_count, ?),
         meter_remaining_fen = coalesce(?, meter_remaining_fen),
         meter_remaining_at = CASE WHEN ? IS NULL THEN meter_remaining_at ELSE ? END WHERE id = ?`,
    ).run(loadedCount, remainingFen, remainingFen, at, id);
  }

  recordPurchase(id: number, purchaseCount: number, amountFen: number): void {
    prepared(
      this.db,
      'UPDATE accounts SET purchase_count = ?, total_purchased_fen = total_purchased_fen + ? WHERE id = ?',
    ).run(purchaseCount, amountFen, id);
  }

  view(account: AccountRecord, tariffName: string, hoardingLimitFen: number): AccountView {
    return {
      id: account.id,
      accountNo: account.accountNo,
      customer: this.customers.byId(account.customerId)!,
      meter: this.meters.byId(account.meterId)!,
      tariffId: account.tariffId,
      tariffName,
      state: account.state,
      purchaseCount: account.purchaseCount,
      loadedCount: account.loadedCount,
      totalPurchasedFen: account.totalPurchasedFen,
      meterRemainingFen: account.meterRemainingFen,
      meterRemainingAt: account.meterRemainingAt,
      hoardingLimitFen,
      openedAt: account.openedAt,
    };
  }
}
