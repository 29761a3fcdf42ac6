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
  purchaseUnloaded,
} from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { energyForMoney, referencePrice } from '../../shared/pricing';
import { formatYuan } from '../../shared/units';
import { checkTendered } from './cash';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../office/settingsStore';
import {
  PURCHASE_KINDS,
  type DeviceJournal,
  type DeviceOperation,
} from '../journal/deviceJournalStore';
import { officeDay } from '../../shared/officeTime';
import type { Write } from '../db/unitOfWork';
import type { AccountRecord, AccountStore } from './accountStore';
import type { MeterStore } from './meterStore';
import type { ReceiptStore } from './receiptStore';
import type { SaleStore } from './saleStore';
import type { ShiftStore } from './shiftStore';
import type { TariffStore } from './tariffStore';

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
  store: SaleStore;
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
  /** The tenant told of a purchase that landed (core/messages/notices.ts), inside its write. */
  notices?: { purchased(sale: SaleView, now: Date): void };
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
      const unloaded = purchaseUnloaded(account.purchaseCount, state.loadedCount);
      if (unloaded && !request.addToUnloaded)
        throw new AppError('PURCHASE_NOT_LOADED', { count: account.purchaseCount });
      if (!unloaded && request.addToUnloaded) throw new AppError('NOTHING_TO_ADD_TO');
      const purchaseCount = unloaded ? account.purchaseCount : account.purchaseCount + 1;

      const held =
        (state.remainingFen ?? 0) + this.deps.store.unloadedFen(account.id, state.loadedCount);
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
        this.deps.notices?.purchased(this.sale(id)!, now);
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
    return this.deps.store.insert({
      ...row,
      amountFen: request.amountFen,
      energy: energyForMoney(tariff.definition, request.amountFen).energy,
      price: referencePrice(tariff.definition),
      tariffVersionId: tariff.id,
      paymentMethod: request.paymentMethod,
      tenderedFen: request.tenderedFen ?? null,
      batchId: request.grant?.batchId ?? null,
      allowanceMonth: request.grant?.allowanceMonth ?? null,
    });
  }

  /**
   * 冲正: takes back the latest sale of an account while the meter has not loaded it, by writing
   * the card back to what it held before that sale. Journaled like a sale.
   */
  async reverse(
    request: { saleId: number; reason: string },
    /** `anySale`: may reverse another's sale or an earlier day's (冲正任何售电). */
    operator: { id: number; anySale: boolean },
    /** The supervisor who approved a cashier's reversal at the till, if the office asks for one. */
    approverId: number | null,
    now: Date,
    write: Write,
  ): Promise<ReversalView> {
    const { journal, receipts, store, target } = this.deps;
    const sale = store.record(request.saleId);
    if (!sale) throw new AppError('SALE_NOT_FOUND');
    // A cashier corrects their own mistakes of the day; anything else needs a supervisor.
    if (
      !operator.anySale &&
      (sale.operatorId !== operator.id ||
        officeDay(sale.createdAt) !== officeDay(now.toISOString()))
    ) {
      throw new AppError('FORBIDDEN');
    }
    if (sale.status !== 'committed')
      throw new AppError('SALE_NOT_REVERSIBLE', { reason: sale.status });
    const account = await this.settledAccount(sale.accountId, now, write);
    // An office-billed account's money never went to a device: it is paid back as a refund.
    if (account.billing === 'office')
      throw new AppError('SALE_NOT_REVERSIBLE', { reason: 'office billing' });
    if (store.latestCommittedId(account.id) !== sale.id)
      throw new AppError('SALE_NOT_REVERSIBLE', { reason: 'a later sale exists' });

    const ref = this.refOf(account);
    const tariff = this.deps.tariffs.versionAt(account.tariffId, now);
    const attempt = await this.attempt(ref, (state) => {
      this.assertAgrees(state, account);
      if (state.loadedCount >= sale.purchaseCount) throw new AppError('SALE_ALREADY_LOADED');

      // A top-up on the same purchase number leaves that number on the card; otherwise it goes back.
      const others = store.othersOnCount(account.id, sale.purchaseCount, sale.id);
      const payload: PurchaseWrite = {
        ...ref,
        operationId: randomUUID(),
        purchaseCount: others > 0 ? sale.purchaseCount : sale.purchaseCount - 1,
        amountFen: -sale.amountFen,
        cumulativeBeforeFen: account.totalPurchasedFen,
        cumulativeAfterFen: account.totalPurchasedFen - sale.amountFen,
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
          const reversalId = store.insertReversal({
            operationId: operation.id,
            saleId: sale.id,
            receiptNo,
            reason: request.reason,
            operatorId: operator.id,
            at,
            shiftId: this.deps.shifts.openFor(operator.id, at),
            approvedBy: approverId,
          });
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
    return this.deps.store.reversal(id);
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
    return this.deps.store.view(id);
  }

  list(accountId: number | undefined, limit: number): SaleView[] {
    return this.deps.store.list(accountId, limit);
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
    const { journal, receipts, accounts, store } = this.deps;
    // A purchase is begun with its account (sell, reverse): never without one.
    const accountId = operation.accountId!;
    const outcome = landed ? 'committed' : 'voided';
    write(
      () => {
        const before = this.requireAccount(accountId);
        journal.resolve(operation.id, outcome, { state }, at);
        const settled =
          operation.kind === 'reversal'
            ? store.settleReversal(operation.id, outcome, at)
            : // An NK meter read back its own balance to verify the recharge: the receipt can say it.
              store.settleSale(
                operation.id,
                outcome,
                at,
                operation.target === 'remote' ? state.remainingFen : null,
              );
        receipts.settle(settled.receiptNo, landed ? 'issued' : 'void');
        // A reversal's amount is negative and its count the one the card goes back to.
        if (landed) accounts.recordPurchase(accountId, payload.purchaseCount, payload.amountFen);
        accounts.observe(accountId, state.loadedCount, state.remainingFen, at);
        if (landed && operation.kind !== 'reversal')
          this.deps.notices?.purchased(this.sale(settled.saleId)!, now);
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
    const live = this.deps.store.liveGrant(accountId, grant);
    if (live !== null) throw new AppError('BATCH_MEMBER_DONE', { receiptNo: live });
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
