// Accounts (账户): a customer's meter under a tariff, with the purchase counts and totals the
// sale journal keeps. The SQL for accounts lives here.
import type {
  AccountEventView,
  AccountState,
  AccountView,
  MeterReplacementView,
} from '../../shared/api/ledgerTypes';
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
  meterCreditOwedFen: number;
  /**
   * On a replacement NK meter: what turns the meter's own count and cumulative money into the
   * account's (0 for an account that never moved).
   */
  meterOffsets: { count: number; cumulativeFen: number };
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
  meter_credit_owed_fen: number;
  meter_count_offset: number;
  meter_cumulative_offset_fen: number;
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
  meterCreditOwedFen: r.meter_credit_owed_fen,
  meterOffsets: { count: r.meter_count_offset, cumulativeFen: r.meter_cumulative_offset_fen },
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

  byAccountNo(accountNo: string): AccountRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM accounts WHERE account_no = ?').get(accountNo) as
      Row | undefined;
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
    const count = this.meterCount(account.meterId);
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at, opened_by,
         purchase_count, loaded_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      String(n).padStart(8, '0'),
      account.customerId,
      account.meterId,
      account.tariffId,
      at,
      account.operatorId,
      count,
      count,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  /**
   * The purchase count a meter already holds from earlier tenants (closed accounts, or accounts
   * that moved off it by a replacement). The count belongs to the meter, so a new tenant's first
   * purchase is the next one; a clear card empties the credit but not the count.
   */
  meterCount(meterId: number): number {
    const { count } = prepared(
      this.db,
      `SELECT coalesce(max(c), 0) AS count FROM (
         SELECT purchase_count AS c FROM accounts WHERE meter_id = :meterId
         UNION ALL SELECT purchase_count FROM meter_replacements WHERE old_meter_id = :meterId)`,
    ).get({ meterId }) as { count: number };
    return count;
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

  /** 报停 / 恢复 / 销户. */
  setState(id: number, state: AccountState): void {
    prepared(this.db, 'UPDATE accounts SET state = ? WHERE id = ?').run(state, id);
  }

  /**
   * 换表: the account moves to its new meter, which will hold the carried credit once the
   * meter-change card has been in it; refunded credit owed off the old meter leaves with it.
   */
  moveToMeter(id: number, meterId: number, carriedFen: number, at: string): void {
    prepared(
      this.db,
      `UPDATE accounts SET meter_id = ?, meter_remaining_fen = ?, meter_remaining_at = ?,
         meter_credit_owed_fen = 0 WHERE id = ?`,
    ).run(meterId, carriedFen, at, id);
  }

  /**
   * The account is on a replacement NK meter that stood at `meterCount` and `meterCumulativeFen`
   * (its own, less earlier tenants') when installed: from now on its figures are read through
   * these offsets.
   */
  setMeterOffsets(id: number, meterCount: number, meterCumulativeFen: number): void {
    prepared(
      this.db,
      `UPDATE accounts SET meter_count_offset = purchase_count - ?,
         meter_cumulative_offset_fen = total_purchased_fen - ? WHERE id = ?`,
    ).run(meterCount, meterCumulativeFen, id);
  }

  /**
   * Money earlier accounts put on this meter: the meter's cumulative counts the meter's whole
   * life, an account's only its own purchases (a new tenant on a used meter).
   */
  earlierOnMeter(meterId: number, exceptAccountId: number): number {
    return (
      prepared(
        this.db,
        'SELECT coalesce(sum(total_purchased_fen), 0) AS fen FROM accounts WHERE meter_id = ? AND id <> ?',
      ).get(meterId, exceptAccountId) as { fen: number }
    ).fen;
  }

  recordReplacement(
    replacement: {
      accountId: number;
      oldMeterId: number;
      newMeterId: number;
      oldFinalReading: number;
      newInstallReading: number;
      carriedFen: number;
      carriedSource: 'meter' | 'manual';
      purchaseCount: number;
      reason: string;
      operatorId: number;
    },
    at: string,
  ): number {
    const r = replacement;
    return Number(
      prepared(
        this.db,
        `INSERT INTO meter_replacements (account_id, old_meter_id, new_meter_id, old_final_reading, new_install_reading,
           carried_fen, carried_source, purchase_count, reason, operator_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.accountId,
        r.oldMeterId,
        r.newMeterId,
        r.oldFinalReading,
        r.newInstallReading,
        r.carriedFen,
        r.carriedSource,
        r.purchaseCount,
        r.reason,
        r.operatorId,
        at,
      ).lastInsertRowid,
    );
  }

  /** Every meter replacement of an account, or every one a meter took part in. */
  replacements(filter: {
    id?: number;
    accountId?: number;
    meterId?: number;
  }): MeterReplacementView[] {
    return prepared(
      this.db,
      `SELECT r.id, r.account_id AS accountId, a.account_no AS accountNo, mo.meter_no AS oldMeterNo,
         mn.meter_no AS newMeterNo, r.old_final_reading AS oldFinalReading, r.new_install_reading AS newInstallReading,
         r.carried_fen AS carriedFen, r.carried_source AS carriedSource, r.purchase_count AS purchaseCount,
         r.reason, o.display_name AS operatorName, r.created_at AS createdAt
       FROM meter_replacements r JOIN accounts a ON a.id = r.account_id JOIN meters mo ON mo.id = r.old_meter_id
       JOIN meters mn ON mn.id = r.new_meter_id JOIN operators o ON o.id = r.operator_id
       WHERE (:id IS NULL OR r.id = :id) AND (:accountId IS NULL OR r.account_id = :accountId)
         AND (:meterId IS NULL OR r.old_meter_id = :meterId OR r.new_meter_id = :meterId)
       ORDER BY r.id`,
    ).all({
      id: filter.id ?? null,
      accountId: filter.accountId ?? null,
      meterId: filter.meterId ?? null,
    }) as MeterReplacementView[];
  }

  /** Refunded money that the meter still holds as credit until it is cleared. */
  oweMeterCredit(id: number, fen: number): void {
    prepared(
      this.db,
      'UPDATE accounts SET meter_credit_owed_fen = meter_credit_owed_fen + ? WHERE id = ?',
    ).run(fen, id);
  }

  /** The supervisor confirms a clear card (or command) took the meter's credit off. */
  clearMeterCredit(id: number, at: string): void {
    prepared(
      this.db,
      'UPDATE accounts SET meter_credit_owed_fen = 0, meter_remaining_fen = 0, meter_remaining_at = ? WHERE id = ?',
    ).run(at, id);
  }

  recordEvent(
    event: {
      accountId: number;
      kind: 'suspended' | 'resumed' | 'closed';
      reason: string;
      meterReading: number | null;
      meterRemainingFen: number | null;
      refundId: number | null;
      operatorId: number;
    },
    at: string,
  ): void {
    prepared(
      this.db,
      `INSERT INTO account_events (account_id, kind, reason, meter_reading, meter_remaining_fen, refund_id, operator_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.accountId,
      event.kind,
      event.reason,
      event.meterReading,
      event.meterRemainingFen,
      event.refundId,
      event.operatorId,
      at,
    );
  }

  events(id: number): AccountEventView[] {
    return prepared(
      this.db,
      `SELECT e.id, e.kind, e.reason, e.meter_reading AS meterReading, e.meter_remaining_fen AS meterRemainingFen,
         e.refund_id AS refundId, o.display_name AS operatorName, e.created_at AS createdAt
       FROM account_events e JOIN operators o ON o.id = e.operator_id WHERE e.account_id = ? ORDER BY e.id`,
    ).all(id) as AccountEventView[];
  }

  view(account: AccountRecord, tariffName: string, hoardingLimitFen: number): AccountView {
    // The account's latest card, whatever became of it (lost, replaced …).
    const card = prepared(
      this.db,
      'SELECT card_no AS cardNo, status FROM cards WHERE account_id = ? ORDER BY id DESC LIMIT 1',
    ).get(account.id) as AccountView['card'] | undefined;
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
      meterCreditOwedFen: account.meterCreditOwedFen,
      hoardingLimitFen,
      openedAt: account.openedAt,
      card: card ?? null,
    };
  }
}
