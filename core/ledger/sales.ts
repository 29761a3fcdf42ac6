// Selling electricity through the device journal (docs/architecture.md), in one session with the card
// or meter (for a card: one connection, one read):
// 1. read the card or meter and check the sale (count rule, hoarding limit, amounts);
// 2. one transaction: pending operation + pending sale + reserved receipt number;
// 3. write the purchase to the target and read it back;
// 4. one transaction: commit the sale, issue the receipt, advance the account.
// A failure or crash between 2 and 4 leaves the operation pending; `settle` reads the target and
// commits it if the purchase is there or voids it if not, so nothing is lost or sold twice.
import { randomUUID } from 'node:crypto';
import type {
  ReconcileReport,
  SalePayment,
  ReversalView,
  SaleView,
} from '../../shared/api/ledgerTypes';
import {
  inOneSession,
  TargetError,
  type PurchaseTarget,
  type PurchaseWrite,
  type TargetRef,
  type TargetState,
} from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { energyForMoney, referencePrice } from '../../shared/pricing';
import { formatYuan } from '../../shared/units';
import { checkTendered } from './cash';
import { prepared, type Db } from '../db/open';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../office/settings';
import { PURCHASE_KINDS, type DeviceJournal, type DeviceOperation } from '../journal/deviceJournal';
import { officeDay } from '../../shared/officeTime';
import type { AccountRecord, AccountStore } from './accounts';
import type { MeterStore } from './meters';
import type { ReceiptStore } from './receipts';
import type { ShiftStore } from './shifts';
import type { TariffStore } from './tariffs';

/** Runs `fn` in one transaction together with its audit record (HandlerContext.write). */
export type Write = <T>(fn: () => T, detail?: (result: T) => Record<string, unknown>) => T;

export interface SaleRequest {
  accountId: number;
  amountFen: number;
  paymentMethod: SalePayment;
  /** Cash handed over, for a cash sale (实收). */
  tenderedFen?: number | undefined;
  addToUnloaded: boolean;
  /** For the office's grant ('grant'): the 批量充值 it is a member of, and the allowance's month. */
  grant?: { batchId: number; allowanceMonth: string | null };
}

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

export type Settlement = 'committed' | 'voided' | 'pending';

/** A sale or reversal in the device journal: what was written, to which device. */
export type Purchase = DeviceOperation<PurchaseWrite>;

/** What one session did: the operation begun, and what the target read back or why not. */
interface Attempt<B> {
  begun: B;
  after: TargetState | null;
  refusal: AppError | null;
}

export interface SaleServiceDeps {
  db: Db;
  log: Logger;
  target: PurchaseTarget;
  accounts: AccountStore;
  meters: MeterStore;
  tariffs: TariffStore;
  receipts: ReceiptStore;
  journal: DeviceJournal;
  settings: SettingsStore;
  shifts: ShiftStore;
  /**
   * Settles another device operation unsettled on the meter (an NK meter's balance preset) if it
   * can; false when it must wait for the till: the meter's money is not known until then.
   */
  settleMeter?: (meterId: number, now: Date, write: Write) => Promise<boolean>;
}

export class SaleService {
  constructor(private readonly deps: SaleServiceDeps) {}

  async sell(request: SaleRequest, operatorId: number, now: Date, write: Write): Promise<SaleView> {
    const { accounts, journal, receipts, settings, target, tariffs } = this.deps;
    const account = await this.settledAccount(request.accountId, now, write);
    if (account.state === 'closed') throw new AppError('ACCOUNT_CLOSED');
    if (account.state === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');

    const rules = settings.read();
    if (request.amountFen < rules.minSaleFen)
      throw new AppError('AMOUNT_BELOW_MINIMUM', { min: formatYuan(rules.minSaleFen) });
    if (request.amountFen > rules.maxSaleFen)
      throw new AppError('AMOUNT_ABOVE_MAXIMUM', { max: formatYuan(rules.maxSaleFen) });
    checkTendered(request.paymentMethod, request.tenderedFen, request.amountFen);
    const grant = request.paymentMethod === 'grant' ? request.grant : undefined;
    // The contract never offers 'grant' at the counter; only a batch sells with it, and with its batch.
    if ((request.paymentMethod === 'grant') !== (request.grant !== undefined))
      throw new Error('a grant is sold by its batch, and only a grant has one');
    const tariff = tariffs.versionAt(account.tariffId, now);
    if (!tariff)
      throw new AppError('TARIFF_NOT_IN_FORCE', {
        name: tariffs.get(account.tariffId, now)?.name ?? '',
      });
    if (account.billing === 'office') {
      if (grant) throw new AppError('BATCH_NOT_ON_LINE');
      return this.sellOnBooks(account, request, tariff, operatorId, now, write);
    }

    const ref = this.refOf(account);
    if (this.deps.settleMeter && !(await this.deps.settleMeter(account.meterId, now, write)))
      throw new AppError('METER_PRESET_PENDING', { meterNo: ref.meterNo });
    // One session with the card or meter: read once, checked, begun, written, read back.
    const attempt = await this.attempt(ref, (state) => {
      this.assertAgrees(state, account);

      // The count rule, as the card meter enforces it: a new purchase only once the last is loaded.
      const unloaded = account.purchaseCount > state.loadedCount;
      if (unloaded && !request.addToUnloaded)
        throw new AppError('PURCHASE_NOT_LOADED', { count: account.purchaseCount });
      if (!unloaded && request.addToUnloaded) throw new AppError('NOTHING_TO_ADD_TO');
      const purchaseCount = unloaded ? account.purchaseCount : account.purchaseCount + 1;

      const held = (state.remainingFen ?? 0) + this.unloadedFen(account.id, state.loadedCount);
      if (held + request.amountFen > rules.hoardingLimitFen) {
        throw new AppError('OVER_HOARDING_LIMIT', {
          limit: formatYuan(rules.hoardingLimitFen),
          held: formatYuan(held),
          room: formatYuan(Math.max(0, rules.hoardingLimitFen - held)),
        });
      }

      const purchase: PurchaseWrite = {
        ...ref,
        operationId: randomUUID(),
        purchaseCount,
        amountFen: request.amountFen,
        cumulativeBeforeFen: account.totalPurchasedFen,
        cumulativeAfterFen: account.totalPurchasedFen + request.amountFen,
        // The tariff at the sale's instant, resolved once: the card carries this one.
        tariff: tariff.definition,
      };
      const at = now.toISOString();
      return write(
        () => {
          // Checked again inside the transaction: a second till on the same account must not race.
          const fresh = this.requireAccount(account.id);
          if (
            this.pendingPurchase(account.id) ||
            fresh.totalPurchasedFen !== account.totalPurchasedFen
          ) {
            throw new AppError('OPERATION_PENDING');
          }
          const deviceKind = target.kindOf(ref);
          if (grant) this.assertGrantable(account.id, grant, deviceKind);
          accounts.observe(account.id, state.loadedCount, state.remainingFen, at);
          const receiptNo = receipts.reserve(at);
          const operation = journal.begin(
            {
              kind: grant
                ? 'batchRecharge'
                : deviceKind === 'remote'
                  ? 'remoteRecharge'
                  : 'cardSale',
              target: deviceKind,
              meterId: account.meterId,
              accountId: account.id,
              payload: purchase,
              operatorId,
              operationId: purchase.operationId,
            },
            at,
          );
          const saleId = this.insertSale(request, tariff, {
            operationId: operation.id,
            accountId: account.id,
            receiptNo,
            purchaseCount,
            operatorId,
            at,
            // The office's grant is not money taken at a till: it belongs to no shift.
            shiftId: grant ? null : this.deps.shifts.openFor(operatorId, at),
          });
          return { operation, saleId, receiptNo };
        },
        (p) => ({
          phase: 'pending',
          receiptNo: p.receiptNo,
          purchaseCount,
          operationId: purchase.operationId,
        }),
      );
    });

    await this.conclude(attempt, now, write);
    return this.sale(attempt.begun.saleId)!;
  }

  /**
   * 主站计费: a purchase for an account the office bills itself writes no device: the money goes
   * into the office's balance with the sale and its receipt, in one transaction. Whether the
   * meter's relay comes back on is the billing relay's, after this (core/remote/billingRelay).
   */
  private sellOnBooks(
    account: AccountRecord,
    request: SaleRequest,
    tariff: NonNullable<ReturnType<TariffStore['versionAt']>>,
    operatorId: number,
    now: Date,
    write: Write,
  ): SaleView {
    const { accounts, receipts, shifts } = this.deps;
    const at = now.toISOString();
    const saleId = write(
      () => {
        const fresh = this.requireAccount(account.id);
        const receiptNo = receipts.reserve(at);
        const purchaseCount = fresh.purchaseCount + 1;
        const balanceAfter = accounts.moveOfficeBalance(account.id, request.amountFen);
        const id = this.insertSale(request, tariff, {
          operationId: null,
          accountId: account.id,
          receiptNo,
          purchaseCount,
          operatorId,
          at,
          shiftId: shifts.openFor(operatorId, at),
          committed: { balanceAfterFen: balanceAfter },
        });
        receipts.settle(receiptNo, 'issued');
        accounts.recordPurchase(account.id, purchaseCount, request.amountFen);
        // Nothing waits to be loaded anywhere: the purchase is in the office's balance already.
        accounts.observe(account.id, purchaseCount, null, at);
        return id;
      },
      (id) => ({ phase: 'committed', billing: 'office', saleId: id }),
    );
    return this.sale(saleId)!;
  }

  /**
   * The sale's row: pending until its device write settles it, or (主站计费, no device) committed
   * at once with the office's balance after it. Energy and price at the tariff of the sale's
   * instant; a grant carries its batch and the allowance's month.
   */
  private insertSale(
    request: SaleRequest,
    tariff: NonNullable<ReturnType<TariffStore['versionAt']>>,
    row: {
      operationId: number | null;
      accountId: number;
      receiptNo: number;
      purchaseCount: number;
      operatorId: number;
      at: string;
      shiftId: number | null;
      committed?: { balanceAfterFen: number };
    },
  ): number {
    const committedAt = row.committed ? row.at : null;
    return Number(
      prepared(
        this.deps.db,
        `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id,
         purchase_count, payment_method, tendered_fen, operator_id, status, created_at, committed_at, shift_id,
         meter_balance_after_fen, meter_balance_at, batch_id, allowance_month)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        row.operationId,
        row.accountId,
        row.receiptNo,
        request.amountFen,
        energyForMoney(tariff.definition, request.amountFen).energy,
        referencePrice(tariff.definition),
        tariff.id,
        row.purchaseCount,
        request.paymentMethod,
        request.tenderedFen ?? null,
        row.operatorId,
        row.committed ? 'committed' : 'pending',
        row.at,
        committedAt,
        row.shiftId,
        row.committed?.balanceAfterFen ?? null,
        committedAt,
        request.grant?.batchId ?? null,
        request.grant?.allowanceMonth ?? null,
      ).lastInsertRowid,
    );
  }

  /**
   * 冲正: takes back the latest sale of an account while the meter has not loaded it, by writing
   * the card back to what it held before that sale. Journaled like a sale.
   */
  async reverse(
    request: { saleId: number; reason: string },
    operator: { id: number; role: string },
    /** The supervisor who approved a cashier's reversal at the till, if the office asks for one. */
    approverId: number | null,
    now: Date,
    write: Write,
  ): Promise<ReversalView> {
    const { db, journal, receipts, target } = this.deps;
    const sale = prepared(db, 'SELECT * FROM sales WHERE id = ?').get(request.saleId) as
      | {
          id: number;
          account_id: number;
          amount_fen: number;
          purchase_count: number;
          operator_id: number;
          status: string;
          created_at: string;
          receipt_no: number;
        }
      | undefined;
    if (!sale) throw new AppError('SALE_NOT_FOUND');
    // A cashier corrects their own mistakes of the day; anything else needs a supervisor.
    if (
      operator.role === 'cashier' &&
      (sale.operator_id !== operator.id ||
        officeDay(sale.created_at) !== officeDay(now.toISOString()))
    ) {
      throw new AppError('FORBIDDEN');
    }
    if (sale.status !== 'committed')
      throw new AppError('SALE_NOT_REVERSIBLE', { reason: sale.status });
    const account = await this.settledAccount(sale.account_id, now, write);
    // An office-billed account's money never went to a device: it is paid back as a refund.
    if (account.billing === 'office')
      throw new AppError('SALE_NOT_REVERSIBLE', { reason: 'office billing' });
    const latest = prepared(
      db,
      "SELECT max(id) AS id FROM sales WHERE account_id = ? AND status = 'committed'",
    ).get(account.id) as { id: number };
    if (latest.id !== sale.id)
      throw new AppError('SALE_NOT_REVERSIBLE', { reason: 'a later sale exists' });

    const ref = this.refOf(account);
    const tariff = this.deps.tariffs.versionAt(account.tariffId, now);
    const attempt = await this.attempt(ref, (state) => {
      this.assertAgrees(state, account);
      if (state.loadedCount >= sale.purchase_count) throw new AppError('SALE_ALREADY_LOADED');

      // A top-up on the same purchase number leaves that number on the card; otherwise it goes back.
      const { others } = prepared(
        db,
        "SELECT count(*) AS others FROM sales WHERE account_id = ? AND purchase_count = ? AND status = 'committed' AND id <> ?",
      ).get(account.id, sale.purchase_count, sale.id) as { others: number };
      const payload: PurchaseWrite = {
        ...ref,
        operationId: randomUUID(),
        purchaseCount: others > 0 ? sale.purchase_count : sale.purchase_count - 1,
        amountFen: -sale.amount_fen,
        cumulativeBeforeFen: account.totalPurchasedFen,
        cumulativeAfterFen: account.totalPurchasedFen - sale.amount_fen,
        ...(tariff && { tariff: tariff.definition }),
      };
      const at = now.toISOString();
      return write(
        () => {
          if (this.pendingPurchase(account.id)) throw new AppError('OPERATION_PENDING');
          const receiptNo = receipts.reserve(at);
          const operation = journal.begin(
            {
              kind: 'reversal',
              target: target.kindOf(ref),
              meterId: account.meterId,
              accountId: account.id,
              payload,
              operatorId: operator.id,
              operationId: payload.operationId,
            },
            at,
          );
          const reversalId = Number(
            prepared(
              db,
              `INSERT INTO reversals (operation_id, sale_id, receipt_no, reason, operator_id, status, created_at, shift_id,
               approved_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
            ).run(
              operation.id,
              sale.id,
              receiptNo,
              request.reason,
              operator.id,
              at,
              this.deps.shifts.openFor(operator.id, at),
              approverId,
            ).lastInsertRowid,
          );
          return { operation, reversalId, receiptNo };
        },
        (p) => ({
          phase: 'pending',
          kind: 'reversal',
          saleId: sale.id,
          receiptNo: p.receiptNo,
          operationId: payload.operationId,
        }),
      );
    });
    await this.conclude(attempt, now, write);
    return this.reversal(attempt.begun.reversalId)!;
  }

  reversal(id: number): ReversalView | undefined {
    const row = prepared(
      this.deps.db,
      `SELECT r.id, r.sale_id AS saleId, r.receipt_no AS receiptNo, s.receipt_no AS saleReceiptNo, s.amount_fen AS amountFen,
       r.reason, r.status, r.created_at AS createdAt FROM reversals r JOIN sales s ON s.id = r.sale_id WHERE r.id = ?`,
    ).get(id) as ReversalView | undefined;
    return row;
  }

  /**
   * The account as the card or meter now shows it, before money goes back to the tenant: settles
   * a pending operation first, then reads the target; `state` is null when it cannot be reached
   * (no card on the reader), and the caller decides whether the last known figures will do.
   */
  async freshState(
    accountId: number,
    now: Date,
    write: Write,
  ): Promise<{ account: AccountRecord; state: TargetState | null }> {
    const account = await this.settledAccount(accountId, now, write);
    let state: TargetState;
    try {
      state = await this.deps.target.read(this.refOf(account));
    } catch (error) {
      if (error instanceof TargetError) return { account, state: null };
      throw error;
    }
    this.assertAgrees(state, account);
    return { account, state };
  }

  /**
   * One session with the target: reads it once, lets `begin` check what it holds and journal the
   * operation (one transaction), writes it and reads it back. A write that fails is kept as the
   * refusal to show; the settling happens in `conclude`, after the session, since it may read the
   * target afresh.
   */
  private async attempt<B extends { operation: Purchase; receiptNo: number }>(
    ref: TargetRef,
    begin: (state: TargetState) => B,
  ): Promise<Attempt<B>> {
    try {
      return await inOneSession(this.deps.target, ref, async (state, writeOnce) => {
        const begun = begin(state);
        try {
          return { begun, after: await writeOnce(begun.operation.payload), refusal: null };
        } catch (error) {
          // A coded refusal (wrong card code, last try kept, locked card) is what the cashier
          // needs to read once the sale is voided; a lost connection says only that the write
          // was not taken.
          this.deps.log.warn(
            { err: error, operation: begun.operation.operationId },
            'write failed; reading back',
          );
          return { begun, after: null, refusal: error instanceof AppError ? error : null };
        }
      });
    } catch (error) {
      // Not even read: nothing was begun.
      if (error instanceof TargetError)
        throw new AppError('TARGET_UNREACHABLE', { reason: error.message });
      throw error;
    }
  }

  /** Settles an attempt's operation from what the target read back (or now reads). */
  private async conclude(
    { begun, after, refusal }: Attempt<{ operation: Purchase; receiptNo: number }>,
    now: Date,
    write: Write,
  ): Promise<void> {
    const { operation, receiptNo } = begun;
    const settlement = after
      ? this.apply(operation, after, now, write)
      : await this.settle(operation, now, write);
    if (settlement === 'voided')
      throw refusal ?? new AppError('TARGET_UNREACHABLE', { reason: 'write not taken' });
    // A recharge over the bus settles when the meter answers again; a card, when it is put back.
    if (settlement === 'pending')
      throw new AppError(
        operation.target === 'remote' ? 'RECHARGE_UNCONFIRMED' : 'DELIVERY_UNCONFIRMED',
        { receiptNo },
      );
  }

  /** Reads the target of a pending operation and resolves it; stays pending if unreachable. */
  async settle(operation: Purchase, now: Date, write: Write): Promise<Settlement> {
    let state: TargetState;
    try {
      state = await this.deps.target.read(operation.payload);
    } catch (error) {
      // Not reachable, or another card on the reader: it settles when the right one is seen.
      if (error instanceof TargetError || error instanceof AppError) {
        this.deps.log.info({ err: error, operation: operation.operationId }, 'cannot settle yet');
        return 'pending';
      }
      throw error;
    }
    return this.apply(operation, state, now, write);
  }

  /** The account once an earlier pending operation on it is settled; refuses if it cannot be. */
  private async settledAccount(accountId: number, now: Date, write: Write): Promise<AccountRecord> {
    const account = this.requireAccount(accountId);
    if (!this.pendingPurchase(account.id)) return account;
    await this.settleAccount(account.id, now, write);
    if (this.pendingPurchase(account.id)) throw new AppError('OPERATION_PENDING');
    return this.requireAccount(account.id);
  }

  /**
   * Writes an account's pending purchase again and settles it from what the target then shows:
   * for a card that came back torn from a write pulled part-way, which reading alone cannot settle.
   */
  async redeliver(accountId: number, now: Date, write: Write): Promise<Settlement | null> {
    const pending = this.pendingPurchase(accountId);
    if (!pending) return null;
    try {
      return this.apply(pending, await this.deps.target.write(pending.payload), now, write);
    } catch (error) {
      this.deps.log.info(
        { err: error, operation: pending.operationId },
        'cannot deliver again yet',
      );
      return 'pending';
    }
  }

  async settleAccount(accountId: number, now: Date, write: Write): Promise<Settlement | null> {
    const pending = this.pendingPurchase(accountId);
    return pending ? this.settle(pending, now, write) : null;
  }

  /** Start-up and on-demand reconciliation of every pending operation. */
  async reconcile(now: Date, write: Write): Promise<ReconcileReport> {
    const report: ReconcileReport = { committed: 0, voided: 0, stillPending: 0 };
    for (const operation of this.deps.journal.allPending<PurchaseWrite>(PURCHASE_KINDS)) {
      const outcome = await this.settle(operation, now, write);
      if (outcome === 'committed') report.committed += 1;
      else if (outcome === 'voided') report.voided += 1;
      else report.stillPending += 1;
    }
    return report;
  }

  sale(id: number): SaleView | undefined {
    const row = prepared(this.deps.db, `${SALE_SELECT} WHERE s.id = ?`).get(id) as
      SaleRow | undefined;
    return row && saleView(row);
  }

  list(accountId: number | undefined, limit: number): SaleView[] {
    const rows = (
      accountId === undefined
        ? prepared(this.deps.db, `${SALE_SELECT} ORDER BY s.id DESC LIMIT ?`).all(limit)
        : prepared(
            this.deps.db,
            `${SALE_SELECT} WHERE s.account_id = ? ORDER BY s.id DESC LIMIT ?`,
          ).all(accountId, limit)
    ) as SaleRow[];
    return rows.map(saleView);
  }

  /** The account's purchase (sale or reversal) still unsettled, if any. */
  pendingPurchase(accountId: number): Purchase | undefined {
    return this.deps.journal.pendingOnAccount<PurchaseWrite>(accountId, PURCHASE_KINDS);
  }

  /** Decides from what the target holds whether the purchase landed. */
  private apply(operation: Purchase, state: TargetState, now: Date, write: Write): Settlement {
    const { payload } = operation;
    const landed =
      state.purchaseCount === payload.purchaseCount &&
      state.cumulativePurchasedFen === payload.cumulativeAfterFen;
    const absent = state.cumulativePurchasedFen === payload.cumulativeBeforeFen;
    if (!landed && !absent) {
      this.deps.log.error(
        { operation: payload.operationId, state },
        'target matches neither side of a pending purchase',
      );
      return 'pending';
    }
    const at = now.toISOString();
    const { db, journal, receipts, accounts } = this.deps;
    // A purchase is begun with its account (sell, reverse): never without one.
    const accountId = operation.accountId!;
    const outcome = landed ? 'committed' : 'voided';
    write(
      () => {
        const before = this.requireAccount(accountId);
        journal.resolve(operation.id, outcome, { state }, at);
        let settled: { receiptNo: number; saleId: number };
        if (operation.kind !== 'reversal') {
          const sale = prepared(db, 'SELECT id, receipt_no FROM sales WHERE operation_id = ?').get(
            operation.id,
          ) as { id: number; receipt_no: number };
          prepared(db, 'UPDATE sales SET status = ?, committed_at = ? WHERE id = ?').run(
            outcome,
            landed ? at : null,
            sale.id,
          );
          // An NK meter read back its own balance to verify the recharge: the receipt can say it.
          if (landed && state.remainingFen !== null && operation.target === 'remote')
            prepared(
              db,
              'UPDATE sales SET meter_balance_after_fen = ?, meter_balance_at = ? WHERE id = ?',
            ).run(state.remainingFen, at, sale.id);
          settled = { receiptNo: sale.receipt_no, saleId: sale.id };
        } else {
          const reversal = prepared(
            db,
            'SELECT sale_id, receipt_no FROM reversals WHERE operation_id = ?',
          ).get(operation.id) as { sale_id: number; receipt_no: number };
          prepared(
            db,
            'UPDATE reversals SET status = ?, committed_at = ? WHERE operation_id = ?',
          ).run(outcome, landed ? at : null, operation.id);
          if (landed)
            prepared(db, "UPDATE sales SET status = 'reversed' WHERE id = ?").run(reversal.sale_id);
          settled = { receiptNo: reversal.receipt_no, saleId: reversal.sale_id };
        }
        receipts.settle(settled.receiptNo, landed ? 'issued' : 'void');
        // A reversal's amount is negative and its count the one the card goes back to.
        if (landed) accounts.recordPurchase(accountId, payload.purchaseCount, payload.amountFen);
        accounts.observe(accountId, state.loadedCount, state.remainingFen, at);
        return { ...settled, before, after: this.requireAccount(accountId) };
      },
      (settled) => ({
        phase: outcome,
        kind: operation.kind,
        saleId: settled.saleId,
        receiptNo: settled.receiptNo,
        operationId: payload.operationId,
        // The account's purchase state either side of the settlement, for the audit trail.
        before: purchaseState(settled.before),
        after: purchaseState(settled.after),
      }),
    );
    return landed ? 'committed' : 'voided';
  }

  /**
   * A batch member is recharged at most once per batch, and an account given the free allowance
   * once a month (the schema's unique indexes say the same; this says it in the office's words),
   * and only over the line: a card meter's tenant is not at the counter to carry the card.
   */
  private assertGrantable(
    accountId: number,
    grant: NonNullable<SaleRequest['grant']>,
    deviceKind: string,
  ) {
    if (deviceKind === 'card') throw new AppError('BATCH_NOT_ON_LINE');
    const live = prepared(
      this.deps.db,
      `SELECT receipt_no AS receiptNo FROM sales WHERE account_id = ? AND status <> 'voided'
       AND (batch_id = ? OR (? IS NOT NULL AND allowance_month = ?)) LIMIT 1`,
    ).get(accountId, grant.batchId, grant.allowanceMonth, grant.allowanceMonth) as
      { receiptNo: number } | undefined;
    if (live) throw new AppError('BATCH_MEMBER_DONE', { receiptNo: live.receiptNo });
  }

  /** The card or meter must hold exactly what the books say before anything is written. */
  private assertAgrees(state: TargetState, account: AccountRecord) {
    if (
      state.cumulativePurchasedFen !== account.totalPurchasedFen ||
      state.purchaseCount !== account.purchaseCount
    ) {
      throw new AppError('TARGET_MISMATCH', {
        target: formatYuan(state.cumulativePurchasedFen),
        ledger: formatYuan(account.totalPurchasedFen),
      });
    }
  }

  /** Money sold on counts the meter has not loaded yet. */
  private unloadedFen(accountId: number, loadedCount: number): number {
    return (
      prepared(
        this.deps.db,
        "SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales WHERE account_id = ? AND status = 'committed' AND purchase_count > ?",
      ).get(accountId, loadedCount) as { fen: number }
    ).fen;
  }

  private requireAccount(id: number): AccountRecord {
    const account = this.deps.accounts.byId(id);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    return account;
  }

  private refOf(account: AccountRecord) {
    return {
      accountNo: account.accountNo,
      meterNo: this.deps.meters.byId(account.meterId)!.meterNo,
    };
  }
}

/** The part of an account a sale or reversal moves. */
function purchaseState(account: AccountRecord) {
  return {
    purchaseCount: account.purchaseCount,
    totalPurchasedFen: account.totalPurchasedFen,
    loadedCount: account.loadedCount,
    meterRemainingFen: account.meterRemainingFen,
  };
}
