// Refunds (退费): money paid back to a tenant out of the credit their meter holds. The amount is
// bounded by what the meter was last seen to hold (the card's write-back, or the figure on the
// meter's display typed in by the supervisor) less what earlier refunds already paid out of that
// credit. A card meter keeps the credit until a clear card takes it off, so the account remembers
// it as owed; an account with owed credit never sells (it is suspended or closed) until the
// supervisor confirms the meter was cleared. An NK meter on the office's line has the refunded
// money taken off over the line with the refund itself (core/remote/meterCredit.ts).
import { purchaseUnloaded } from '../../shared/delivery';
import type { MeterView, RefundView } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { formatEnergy, formatYuan } from '../../shared/units';
import type { AccountRecord, AccountStore } from './accountStore';
import type { MeterStore } from './meterStore';
import type { ReceiptStore } from './receiptStore';
import type { RefundEntry, RefundFilter, RefundStore } from './refundStore';

export type { RefundEntry } from './refundStore';
import type { SaleService } from './sales';
import type { Write } from '../db/unitOfWork';
import type { ShiftStore } from './shiftStore';

/** What a refund is worked out from, read fresh from the card when it is on the reader. */
export interface RefundBasis {
  account: AccountRecord;
  /** Count M the meter has loaded, from the card just read or the last one seen. */
  loadedCount: number;
  /** Credit on the meter; null when neither the card nor the supervisor said. */
  remainingFen: number | null;
  source: 'meter' | 'manual';
  /** Whether the card was read just now (its write-back is then stored with the refund). */
  fromCard: boolean;
  /** The tenant's share of the credit: remaining less refunds already paid out of it. */
  refundableFen: number;
}

/** Figures typed off the meter's display when the card's write-back is not at hand. */
export interface ManualReading {
  meterRemainingFen?: number | undefined;
  /** 购电次数 as the meter shows it: the purchases it has loaded. */
  meterLoadedCount?: number | undefined;
}

export class RefundService {
  constructor(
    private readonly deps: {
      store: RefundStore;
      accounts: AccountStore;
      meters: MeterStore;
      receipts: ReceiptStore;
      shifts: ShiftStore;
      sales: SaleService;
      /**
       * 主站计费: reads an office-billed account's meter so its use until now is charged before
       * money goes back (a meter that does not answer leaves the balance as last charged).
       */
      chargeUpToNow?: (meterId: number, now: Date, write: Write) => Promise<unknown>;
    },
  ) {}

  /**
   * The basis once an NK meter's credit was taken off over the line: what it held just before
   * is what the refund stands on, read now from the meter itself.
   */
  takenOff(basis: RefundBasis, beforeFen: number): RefundBasis {
    return {
      ...basis,
      remainingFen: beforeFen,
      source: 'meter',
      fromCard: true,
      refundableFen: this.refundable(basis.account, beforeFen),
    };
  }

  /**
   * The tenant's share of what the meter holds: less the refunds already paid out of it, and less
   * what is left of the monthly free allowances, the office's gift that never goes back as money
   * (decision 0035). A gift is taken as used before money paid for: between two gifts the meter
   * used what it held after the first plus what was sold since, less what it held before the
   * second; that comes off the gift still unused first. A gift whose balance after is unknown is
   * taken as unused so far.
   */
  private refundable(account: AccountRecord, remainingFen: number | null): number {
    const remaining = remainingFen ?? 0;
    const gifts = this.deps.store.allowances(account.id);
    let unused = 0;
    gifts.forEach((gift, i) => {
      const next = gifts[i + 1];
      const before = next ? (next.balanceAfterFen ?? null) : remaining;
      const beforeNext = next && before !== null ? before - next.grantedFen : before;
      unused += gift.grantedFen;
      if (gift.balanceAfterFen === null || beforeNext === null) return;
      const used = gift.balanceAfterFen + gift.soldAfterFen - beforeNext;
      unused = Math.max(0, unused - Math.max(0, used));
    });
    return Math.max(0, remaining - account.meterCreditOwedFen - unused);
  }

  /** Reads the card if it is there and works out what may be refunded. */
  async basis(
    accountId: number,
    manual: ManualReading,
    now: Date,
    write: Write,
  ): Promise<RefundBasis> {
    const manualRemainingFen = manual.meterRemainingFen;
    const billed = this.deps.accounts.byId(accountId);
    if (billed?.billing === 'office') return this.officeBasis(billed, now, write);
    const { account, state } = await this.deps.sales.freshState(accountId, now, write);
    if (manual.meterLoadedCount !== undefined && manual.meterLoadedCount > account.purchaseCount)
      throw new AppError('LOADED_COUNT_IMPLAUSIBLE', {
        count: manual.meterLoadedCount,
        sold: account.purchaseCount,
      });
    const loadedCount = Math.max(
      account.loadedCount,
      state?.loadedCount ?? 0,
      manual.meterLoadedCount ?? 0,
    );
    const observed = state?.remainingFen ?? account.meterRemainingFen;
    if (manualRemainingFen !== undefined && manualRemainingFen > account.totalPurchasedFen) {
      // A meter cannot hold more than was ever sold to it: most likely a typing slip.
      throw new AppError('REMAINING_IMPLAUSIBLE', {
        remaining: formatYuan(manualRemainingFen),
        purchased: formatYuan(account.totalPurchasedFen),
      });
    }
    const remainingFen = manualRemainingFen ?? observed;
    return {
      account,
      loadedCount,
      remainingFen,
      source: manualRemainingFen === undefined ? 'meter' : 'manual',
      fromCard: state !== null,
      refundableFen: this.refundable(account, remainingFen),
    };
  }

  /**
   * 主站计费: the money is the office's balance, charged up to the meter's reading now; no card or
   * meter holds any. A balance below zero (use within the overdraft) refunds nothing.
   */
  private async officeBasis(account: AccountRecord, now: Date, write: Write): Promise<RefundBasis> {
    await this.deps.chargeUpToNow?.(account.meterId, now, write).catch(() => undefined);
    const fresh = this.deps.accounts.byId(account.id)!;
    const balance = Math.max(0, fresh.officeBalanceFen);
    return {
      account: fresh,
      loadedCount: fresh.purchaseCount,
      remainingFen: balance,
      source: 'meter',
      fromCard: false,
      refundableFen: balance,
    };
  }

  /** Refuses a refund the books cannot stand behind. */
  assertRefundable(basis: RefundBasis, amountFen: number): void {
    const { account } = basis;
    if (purchaseUnloaded(account.purchaseCount, basis.loadedCount))
      throw new AppError('REFUND_UNLOADED_PURCHASE', { count: account.purchaseCount });
    if (basis.remainingFen === null) throw new AppError('REFUND_REMAINING_UNKNOWN');
    if (amountFen <= 0) throw new AppError('REFUND_NOTHING_LEFT');
    if (amountFen > basis.refundableFen)
      throw new AppError('REFUND_OVER_REFUNDABLE', { max: formatYuan(basis.refundableFen) });
  }

  /**
   * Before the account leaves its meter (销户 or 换表): the meter's credit must be final (every
   * purchase loaded) and known, and the last reading cannot be below the install reading.
   * Returns the meter being left.
   */
  assertLeavingMeter(
    basis: RefundBasis,
    finalReading: number,
    unloadedCode: 'ACCOUNT_UNLOADED_PURCHASE' | 'REPLACE_UNLOADED_PURCHASE',
  ): MeterView {
    const { account } = basis;
    if (account.state === 'closed') throw new AppError('ACCOUNT_ALREADY_CLOSED');
    if (purchaseUnloaded(account.purchaseCount, basis.loadedCount))
      throw new AppError(unloadedCode, { count: account.purchaseCount });
    if (basis.remainingFen === null) throw new AppError('REFUND_REMAINING_UNKNOWN');
    const meter = this.deps.meters.byId(account.meterId)!;
    if (finalReading < meter.installReading)
      throw new AppError('READING_BELOW_INSTALL', {
        reading: formatEnergy(finalReading),
        install: formatEnergy(meter.installReading),
      });
    return meter;
  }

  /**
   * Call inside the transaction: stores what the card said, then the refund with its receipt
   * (退费凭证) issued and its credit owed off the meter. Returns the refund's id.
   */
  record(basis: RefundBasis, entry: RefundEntry | null, at: string): number | null {
    const { accounts, receipts, shifts, store } = this.deps;
    const fresh = accounts.byId(basis.account.id)!;
    // Another till changed the account since the basis was read: work it out again.
    if (
      fresh.totalPurchasedFen !== basis.account.totalPurchasedFen ||
      fresh.meterCreditOwedFen !== basis.account.meterCreditOwedFen ||
      fresh.officeBalanceFen !== basis.account.officeBalanceFen ||
      fresh.state !== basis.account.state
    ) {
      throw new AppError('ACCOUNT_CHANGED');
    }
    // Read off the card or the meter's display just now, rather than the last figure on file.
    const seenNow = basis.fromCard || basis.source === 'manual';
    if (seenNow || basis.loadedCount > fresh.loadedCount)
      accounts.observe(fresh.id, basis.loadedCount, basis.remainingFen, at);
    if (!entry) return null;
    const receiptNo = receipts.reserve(at);
    receipts.settle(receiptNo, 'issued');
    const id = store.insert({
      accountId: fresh.id,
      ...entry,
      meterRemainingFen: basis.remainingFen,
      remainingSource: basis.source,
      remainingAt: seenNow ? at : (fresh.meterRemainingAt ?? at),
      receiptNo,
      shiftId: shifts.openFor(entry.operatorId, at),
      at,
    });
    // 主站计费: paid back out of the office's balance; otherwise the meter owes it until cleared.
    if (fresh.billing === 'office') accounts.moveOfficeBalance(fresh.id, -entry.amountFen);
    else if (!entry.takenOffMeter) accounts.oweMeterCredit(fresh.id, entry.amountFen);
    return id;
  }

  view(id: number): RefundView | undefined {
    return this.deps.store.view(id);
  }

  list(filter: RefundFilter): RefundView[] {
    return this.deps.store.list(filter);
  }
}
