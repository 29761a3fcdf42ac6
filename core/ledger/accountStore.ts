// Accounts (账户): a customer's meter under a tariff, with the purchase counts and totals the
// sale journal keeps. The SQL for accounts lives here.
import type {
  AccountEventView,
  AccountState,
  BillingMode,
  AccountView,
  MeterReplacementView,
} from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';
import type { CustomerStore } from './customerStore';
import type { MeterStore } from './meterStore';

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
  /** Who keeps the money: the meter, or the office from the readings (主站计费, decision 0023). */
  billing: BillingMode;
  /** The office's balance of an office-billed account (may go below zero within the overdraft). */
  officeBalanceFen: number;
  /** The registers the last charge reached; null until the first reading after opening. */
  billedRegisters: MeterRegisters | null;
  /** 保电: never tripped for want of money. */
  keepPower: boolean;
  /** The office tripped the meter for want of money; a purchase restores it. */
  billingTripped: boolean;
}

/** A meter's energy registers (0.01 kWh): the total, and by rate when the meter gave them. */
export interface MeterRegisters {
  total: number;
  /** Sharp, peak, flat, valley. */
  rates: [number, number, number, number] | null;
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
  billing: BillingMode;
  office_balance_fen: number;
  billed_registers: string | null;
  keep_power: 0 | 1;
  billing_tripped: 0 | 1;
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
  billing: r.billing,
  officeBalanceFen: r.office_balance_fen,
  billedRegisters: r.billed_registers ? (JSON.parse(r.billed_registers) as MeterRegisters) : null,
  keepPower: r.keep_power === 1,
  billingTripped: r.billing_tripped === 1,
});

export class AccountStore {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomerStore,
    private readonly meters: MeterStore,
  ) {}

  byId(id: number): AccountRecord | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM accounts WHERE id = ?').get(id);
    return row && record(row);
  }

  byAccountNo(accountNo: string): AccountRecord | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM accounts WHERE account_no = ?').get(
      accountNo,
    );
    return row && record(row);
  }

  openOnMeter(meterId: number): AccountRecord | undefined {
    const row = prepared<Row>(
      this.db,
      "SELECT * FROM accounts WHERE meter_id = ? AND state <> 'closed'",
    ).get(meterId);
    return row && record(row);
  }

  forCustomer(customerId: number): AccountRecord[] {
    return prepared<Row>(this.db, 'SELECT * FROM accounts WHERE customer_id = ? ORDER BY id')
      .all(customerId)
      .map(record);
  }

  /** Account numbers run 00000001, 00000002, … in opening order. */
  open(
    account: {
      customerId: number;
      meterId: number;
      tariffId: number;
      operatorId: number;
      billing?: BillingMode;
    },
    at: string,
  ): AccountRecord {
    const { n } = prepared<{
      n: number;
    }>(this.db, 'SELECT coalesce(max(id), 0) + 1 AS n FROM accounts').get()!;
    const billing = account.billing ?? 'meter';
    // An office-billed account's purchases never reach the meter: they count from its own first.
    const count = billing === 'office' ? 0 : this.meterCount(account.meterId);
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at, opened_by,
         purchase_count, loaded_count, billing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      String(n).padStart(8, '0'),
      account.customerId,
      account.meterId,
      account.tariffId,
      at,
      account.operatorId,
      count,
      count,
      billing,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  /** 主站计费: money into (a purchase) or out of (a charge, negative) the office's balance. */
  moveOfficeBalance(id: number, fen: number): number {
    return prepared<{ fen: number }>(
      this.db,
      'UPDATE accounts SET office_balance_fen = office_balance_fen + ? WHERE id = ? RETURNING office_balance_fen AS fen',
    ).get(fen, id)!.fen;
  }

  /** The registers the office has billed up to (the baseline, then each charge's end). */
  setBilledRegisters(id: number, registers: MeterRegisters): void {
    prepared(this.db, 'UPDATE accounts SET billed_registers = ? WHERE id = ?').run(
      JSON.stringify(registers),
      id,
    );
  }

  setBillingTripped(id: number, tripped: boolean): void {
    prepared(this.db, 'UPDATE accounts SET billing_tripped = ? WHERE id = ?').run(
      tripped ? 1 : 0,
      id,
    );
  }

  /**
   * Active accounts whose meter keeps the money and whose credit the office last learned from a
   * card's write-back or a reading: the ones the books can estimate (core/messages/cardCredit.ts).
   */
  observedOnMeter(): number[] {
    return prepared<{ id: number }>(
      this.db,
      `SELECT id FROM accounts WHERE billing = 'meter' AND state = 'active'
          AND meter_remaining_fen IS NOT NULL AND meter_remaining_at IS NOT NULL ORDER BY id`,
    )
      .all()
      .map((row) => row.id);
  }

  /** The open accounts the office bills itself (主站计费). */
  officeBilled(): number[] {
    return prepared<{ id: number }>(
      this.db,
      "SELECT id FROM accounts WHERE billing = 'office' AND state <> 'closed' ORDER BY id",
    )
      .all()
      .map((row) => row.id);
  }

  setKeepPower(id: number, keep: boolean): void {
    prepared(this.db, 'UPDATE accounts SET keep_power = ? WHERE id = ?').run(keep ? 1 : 0, id);
  }

  /**
   * The purchase count a meter already holds from earlier tenants (closed accounts, or accounts
   * that moved off it by a replacement). The count belongs to the meter, so a new tenant's first
   * purchase is the next one; a clear card empties the credit but not the count.
   */
  meterCount(meterId: number): number {
    const { count } = prepared<{ count: number }>(
      this.db,
      `SELECT coalesce(max(c), 0) AS count FROM (
         SELECT purchase_count AS c FROM accounts WHERE meter_id = :meterId
         UNION ALL SELECT purchase_count FROM meter_replacements WHERE old_meter_id = :meterId)`,
    ).get({ meterId })!;
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
         meter_credit_owed_fen = 0, billed_registers = NULL WHERE id = ?`,
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
    return prepared<{ fen: number }>(
      this.db,
      'SELECT coalesce(sum(total_purchased_fen), 0) AS fen FROM accounts WHERE meter_id = ? AND id <> ?',
    ).get(meterId, exceptAccountId)!.fen;
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
    return prepared<MeterReplacementView>(
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
    });
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
    return prepared<AccountEventView>(
      this.db,
      `SELECT e.id, e.kind, e.reason, e.meter_reading AS meterReading, e.meter_remaining_fen AS meterRemainingFen,
         e.refund_id AS refundId, o.display_name AS operatorName, e.created_at AS createdAt
       FROM account_events e JOIN operators o ON o.id = e.operator_id WHERE e.account_id = ? ORDER BY e.id`,
    ).all(id);
  }

  view(account: AccountRecord, tariffName: string, hoardingLimitFen: number): AccountView {
    // The account's latest card, whatever became of it (lost, replaced …).
    const card = prepared<AccountView['card']>(
      this.db,
      'SELECT card_no AS cardNo, status FROM cards WHERE account_id = ? ORDER BY id DESC LIMIT 1',
    ).get(account.id);
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
      billing: account.billing,
      officeBalanceFen: account.officeBalanceFen,
      billingStarted: account.billedRegisters !== null,
      keepPower: account.keepPower,
      billingTripped: account.billingTripped,
    };
  }

  /** Who opened the account (the first administrator for accounts from before that was kept). */
  openedBy(accountId: number): number {
    const row = prepared<{ id: number }>(
      this.db,
      `SELECT coalesce(a.opened_by, (SELECT min(id) FROM operators WHERE role = 'admin')) AS id
       FROM accounts a WHERE a.id = ?`,
    ).get(accountId)!;
    return row.id;
  }
}
