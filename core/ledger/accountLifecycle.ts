// An account's life after opening, with the money that goes back: 退费 (a refund on its own),
// 报停 (suspension, optionally refunding), 恢复 (resumption once refunded credit is off the
// meter), 换表 (a new meter, the credit carried over) and 销户 (closing, paying back what is
// left, the card dying with the account). For an NK
// meter on the office's line the money is taken off the meter first (a balance preset), so the
// tenant cannot spend what they were paid back; a silent meter may hold a closing's credit to be
// taken off once it answers. The handlers (core/handlers/refunds.ts) check who asks and approves.
import type { ParsedInput } from '../../shared/api/contract';
import type { PaymentMethod } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { formatEnergy, formatYuan } from '../../shared/units';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import { MODEL_FACTS } from './meterStore';
import type { HeldCredits } from '../remote/heldCredit';
import type { MeterCreditDesk, TakenOff } from '../remote/meterCredit';
import type { AccountRecord, AccountStore } from './accountStore';
import type { CardFeeStore } from './cardFeeStore';
import type { CardStore } from './cardStore';
import type { MeterStore } from './meterStore';
import type { RefundEntry } from './refundStore';
import type { RefundBasis, RefundService } from './refunds';

export interface AccountLifecycleDeps {
  accounts: AccountStore;
  meters: MeterStore;
  refunds: RefundService;
  cards: CardStore;
  cardFees: CardFeeStore;
  meterCredit: MeterCreditDesk;
  heldCredits: Pick<HeldCredits, 'hold'>;
  log: Logger;
  /** 主站计费 from a meter's registers (the meter desk's): after a replacement, the new meter's. */
  startBilling(account: AccountRecord, now: Date, write: Write): Promise<unknown>;
  /** The tenant told the account is closed (core/messages/notices.ts), inside its write. */
  notices?: { accountClosed(account: AccountRecord, refundFen: number, now: Date): void };
}

/** Who does it, when, and the call's unit of work (its audit record follows the change). */
export interface Act {
  operatorId: number;
  now: Date;
  write: Write;
}

/** The refund's basis and amount once an NK meter gave the money back over the line. */
export interface OffTheMeter {
  taken: TakenOff;
  basis: RefundBasis;
  amountFen: number;
}

/** What a lifecycle step leaves: the account, its refund if one was paid, a held credit. */
export interface LifecycleResult {
  accountId: number;
  refundId: number | null;
  creditHeld?: true;
}

const METER_SILENT = new Set(['METER_NO_ANSWER', 'METER_LINE_FAILED']);

export class AccountLifecycle {
  constructor(private readonly deps: AccountLifecycleDeps) {}

  /** The account's state before and after a change, for the audit record. */
  beforeAfter(before: AccountRecord) {
    const pick = (a: AccountRecord) => ({
      accountNo: a.accountNo,
      state: a.state,
      meterId: a.meterId,
      meterRemainingFen: a.meterRemainingFen,
      meterCreditOwedFen: a.meterCreditOwedFen,
    });
    return { before: pick(before), after: pick(this.deps.accounts.byId(before.id)!) };
  }

  /**
   * For an NK meter on the office's line: takes the refund's money (`all` as the account closes)
   * off the meter before the refund is booked. Null where a clear card does that (card meters, NK
   * meters behind an ACRT), or nothing is there.
   */
  async offTheMeter(
    basis: RefundBasis,
    amount: number | 'all',
    act: Act,
  ): Promise<OffTheMeter | null> {
    const { meterCredit, refunds } = this.deps;
    const { account } = basis;
    if (!meterCredit.onTheLine(account)) return null;
    if (amount === 'all' && basis.remainingFen === 0 && !meterCredit.pending(account.meterId))
      return null;
    const owed = account.meterCreditOwedFen;
    const taken = await meterCredit.takeOff(
      account,
      (held) => {
        if (amount === 'all') return 0;
        if (amount <= 0) throw new AppError('REFUND_NOTHING_LEFT');
        if (amount > held - owed)
          throw new AppError('REFUND_OVER_REFUNDABLE', {
            max: formatYuan(Math.max(0, held - owed)),
          });
        return held - amount;
      },
      act.operatorId,
      act.now,
      act.write,
    );
    // An earlier preset whose answer was lost is booked as it landed: closing needs it at 0.
    if (amount === 'all' && taken.afterFen !== 0)
      throw new AppError('METER_PRESET_PENDING', {
        meterNo: this.deps.meters.byId(account.meterId)!.meterNo,
      });
    const fresh = refunds.takenOff(basis, taken.beforeFen);
    return {
      taken,
      basis: fresh,
      amountFen: amount === 'all' ? fresh.refundableFen : taken.beforeFen - taken.afterFen,
    };
  }

  /** 退费 from a suspended account, approved by `approver`. */
  async refund(
    input: ParsedInput<'refunds.create'>,
    approver: { id: number; username: string },
    act: Act,
  ): Promise<number> {
    const { refunds } = this.deps;
    const basis = await refunds.basis(input.accountId, input, act.now, act.write);
    if (basis.account.state === 'closed') throw new AppError('ACCOUNT_ALREADY_CLOSED');
    if (basis.account.state === 'active') throw new AppError('REFUND_ACCOUNT_ACTIVE');
    this.assertRefundableNow(basis, input.amountFen);
    const off = await this.offTheMeter(basis, input.amountFen, act);
    const at = act.now.toISOString();
    return act.write(
      () =>
        this.book(basis, off, at, {
          kind: 'refund',
          amountFen: off?.amountFen ?? input.amountFen,
          paymentMethod: input.paymentMethod,
          reason: input.reason,
          operatorId: act.operatorId,
          approverId: approver.id,
        })!,
      (id) => ({
        refundId: id,
        approvedBy: approver.username,
        basis: (off?.basis ?? basis).remainingFen,
        ...takenOffDetail(off),
        ...this.beforeAfter(basis.account),
      }),
    );
  }

  /** 报停, with the meter's credit refunded if asked (what is left unless an amount is given). */
  async suspend(input: ParsedInput<'accounts.suspend'>, act: Act): Promise<LifecycleResult> {
    const { accounts, refunds } = this.deps;
    const basis = await refunds.basis(input.accountId, input.refund ?? {}, act.now, act.write);
    if (basis.account.state !== 'active') throw new AppError('ACCOUNT_NOT_ACTIVE');
    const amountFen = input.refund && (input.refund.amountFen ?? basis.refundableFen);
    if (input.refund) this.assertRefundableNow(basis, amountFen!);
    const off = input.refund ? await this.offTheMeter(basis, amountFen!, act) : null;
    const at = act.now.toISOString();
    const refundId = act.write(
      () => {
        const id = this.book(
          basis,
          off,
          at,
          input.refund
            ? {
                kind: 'suspension',
                amountFen: off?.amountFen ?? amountFen!,
                paymentMethod: input.refund.paymentMethod,
                reason: input.reason,
                operatorId: act.operatorId,
                approverId: act.operatorId,
              }
            : null,
        );
        accounts.setState(basis.account.id, 'suspended');
        accounts.recordEvent(
          {
            accountId: basis.account.id,
            kind: 'suspended',
            reason: input.reason,
            meterReading: input.meterReading ?? null,
            meterRemainingFen: basis.remainingFen,
            refundId: id,
            operatorId: act.operatorId,
          },
          at,
        );
        return id;
      },
      (id) => ({ refundId: id, ...takenOffDetail(off), ...this.beforeAfter(basis.account) }),
    );
    return { accountId: basis.account.id, refundId };
  }

  /** 恢复: only once no refunded credit is left for the meter to spend. */
  resume(input: ParsedInput<'accounts.resume'>, act: Act): LifecycleResult {
    const { accounts, meterCredit, meters } = this.deps;
    const account = accounts.byId(input.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    if (account.state !== 'suspended') throw new AppError('ACCOUNT_NOT_SUSPENDED');
    // A refund's preset not confirmed yet: its money is settled by redoing the refund first.
    if (meterCredit.pending(account.meterId))
      throw new AppError('METER_PRESET_PENDING', {
        meterNo: meters.byId(account.meterId)!.meterNo,
      });
    // The meter would otherwise go on spending money the tenant already has back.
    if (account.meterCreditOwedFen > 0 && !input.meterCleared)
      throw new AppError('METER_CREDIT_NOT_CLEARED', {
        owed: formatYuan(account.meterCreditOwedFen),
      });
    const at = act.now.toISOString();
    act.write(
      () => {
        if (input.meterCleared) accounts.clearMeterCredit(account.id, at);
        accounts.setState(account.id, 'active');
        accounts.recordEvent(
          {
            accountId: account.id,
            kind: 'resumed',
            reason: input.reason,
            meterReading: null,
            meterRemainingFen: input.meterCleared ? 0 : account.meterRemainingFen,
            refundId: null,
            operatorId: act.operatorId,
          },
          at,
        );
      },
      () => ({ meterCleared: input.meterCleared, ...this.beforeAfter(account) }),
    );
    return { accountId: account.id, refundId: null };
  }

  /**
   * 销户: what is left is paid back (off an NK meter over the line first). An NK meter on the line
   * that does not answer holds the credit instead, if the supervisor said so.
   */
  async close(input: ParsedInput<'accounts.close'>, act: Act): Promise<LifecycleResult> {
    const { accounts, refunds } = this.deps;
    const held = (error: unknown) => {
      const silent = error instanceof AppError && METER_SILENT.has(error.code);
      const known = accounts.byId(input.accountId);
      return silent && input.holdIfSilent && known && this.deps.meterCredit.onTheLine(known)
        ? this.closeHoldingCredit(known, input, act)
        : null;
    };
    let basis: RefundBasis;
    try {
      basis = await refunds.basis(input.accountId, input, act.now, act.write);
    } catch (error) {
      const closed = held(error);
      if (closed) return closed;
      throw error;
    }
    const { account } = basis;
    refunds.assertLeavingMeter(basis, input.finalReading, 'ACCOUNT_UNLOADED_PURCHASE');
    // An NK meter gives everything back over the line: the refund is what it held then.
    let off: OffTheMeter | null;
    try {
      off = await this.offTheMeter(basis, 'all', act);
    } catch (error) {
      const closed = held(error);
      if (closed) return closed;
      throw error;
    }
    const closing = off?.basis ?? basis;
    const at = act.now.toISOString();
    const refundId = act.write(
      () => {
        const id = this.book(
          basis,
          off,
          at,
          closing.refundableFen > 0
            ? {
                kind: 'closing',
                amountFen: closing.refundableFen,
                paymentMethod: input.paymentMethod,
                reason: input.reason,
                operatorId: act.operatorId,
                approverId: act.operatorId,
              }
            : null,
        );
        // Nothing is left on the meter, earlier refunds' credit included.
        if (off) accounts.clearMeterCredit(account.id, at);
        this.endAccount(account, input, closing.remainingFen, id, act.operatorId, at);
        this.deps.notices?.accountClosed(account, closing.refundableFen, act.now);
        return id;
      },
      (id) => ({
        finalReading: input.finalReading,
        ...takenOffDetail(off),
        refundId: id,
        cardNo: this.deps.cards.forAccount(account.id).at(-1)?.cardNo ?? null,
        ...this.beforeAfter(account),
      }),
    );
    return { accountId: account.id, refundId };
  }

  /**
   * 换表: the account moves to another meter with the old one's final reading, its credit carried
   * over (an NK meter on the line gives it back over the line, and the new one is preset to it).
   */
  async replaceMeter(
    input: ParsedInput<'accounts.replaceMeter'>,
    act: Act,
  ): Promise<{ accountId: number; replacementId: number; carriedOnMeter?: boolean }> {
    const { accounts, meters, refunds, meterCredit } = this.deps;
    const basis = await refunds.basis(input.accountId, input, act.now, act.write);
    const { account } = basis;
    // The credit carried over must be final: nothing on the card the old meter has not taken.
    const oldMeter = refunds.assertLeavingMeter(
      basis,
      input.oldFinalReading,
      'REPLACE_UNLOADED_PURCHASE',
    );
    const model = input.model ?? oldMeter.model;
    if (MODEL_FACTS[model].kind !== oldMeter.kind)
      throw new AppError('METER_KIND_CHANGE', { model });

    // An NK meter on the line gives its credit back over the line, and the new one is read as it
    // stands before the books move the account onto it (its own count and money to start from).
    const nk = meterCredit.onTheLine(account);
    const off = nk ? await this.offTheMeter(basis, 'all', act) : null;
    const carriedFen = off?.basis.refundableFen ?? basis.refundableFen;
    const stock = meters.byNumber(input.newMeterNo, 0);
    const newOnLine = nk
      ? await meterCredit.read(
          stock ?? {
            meterNo: input.newMeterNo,
            model,
            // The replacement goes where the old one was: same protocol and Modbus unit.
            protocol: oldMeter.protocol,
            circuit: 0,
            modbusUnit: oldMeter.modbusUnit,
          },
        )
      : null;

    const at = act.now.toISOString();
    // Set inside the transaction below (a holder, since TypeScript cannot see into the closure).
    const planned: { op: ReturnType<typeof meterCredit.plan> | null } = { op: null };
    const replacementId = act.write(
      () => {
        // Stores what the card said and refuses if another till changed the account meanwhile.
        refunds.record(off?.basis ?? basis, null, at);
        let newMeter = meters.byNumber(input.newMeterNo, 0);
        if (newMeter && newMeter.id === oldMeter.id)
          throw new AppError('METER_IN_USE', {
            meterNo: newMeter.meterNo,
            accountNo: account.accountNo,
          });
        if (newMeter && newMeter.state !== 'in_stock') {
          const holder = accounts.openOnMeter(newMeter.id);
          if (holder)
            throw new AppError('METER_IN_USE', {
              meterNo: newMeter.meterNo,
              accountNo: holder.accountNo,
            });
          throw new AppError('METER_NOT_AVAILABLE', { meterNo: newMeter.meterNo });
        }
        newMeter ??= meters.insert(
          {
            meterNo: input.newMeterNo,
            circuit: 0,
            model,
            ctRatio: input.ctRatio ?? oldMeter.ctRatio,
            protocol: oldMeter.protocol,
            ...(oldMeter.modbusUnit !== null && { modbusUnit: oldMeter.modbusUnit }),
          },
          at,
        );
        meters.install(newMeter.id, at, input.newInstallReading);
        meters.retire(oldMeter.id);
        // Refunded credit still on the old meter is not the tenant's: it stays behind.
        accounts.moveToMeter(account.id, newMeter.id, carriedFen, at);
        if (off) meterCredit.commit(off.taken, at);
        if (newOnLine) {
          // The account's figures from now on: the new meter's own, through offsets.
          accounts.setMeterOffsets(
            account.id,
            newOnLine.purchaseCount,
            newOnLine.cumulativePurchasedFen - accounts.earlierOnMeter(newMeter.id, account.id),
          );
          // Booked now, sent next: the new meter is to hold the carried balance.
          planned.op = meterCredit.plan(
            newMeter,
            account.id,
            {
              beforeFen: newOnLine.remainingFen,
              afterFen: carriedFen,
              purchaseCount: newOnLine.purchaseCount,
            },
            act.operatorId,
            at,
          );
        }
        return accounts.recordReplacement(
          {
            accountId: account.id,
            oldMeterId: oldMeter.id,
            newMeterId: newMeter.id,
            oldFinalReading: input.oldFinalReading,
            newInstallReading: input.newInstallReading,
            carriedFen,
            carriedSource: (off?.basis ?? basis).source,
            purchaseCount: basis.loadedCount,
            reason: input.reason,
            operatorId: act.operatorId,
          },
          at,
        );
      },
      (id) => ({
        replacementId: id,
        ...this.beforeAfter(account),
        oldMeterNo: oldMeter.meterNo,
        newMeterNo: input.newMeterNo,
        carriedFen,
        ...(off && { takenOffOldMeter: { before: off.taken.beforeFen, after: 0 } }),
      }),
    );
    let carriedOnMeter: boolean | undefined;
    if (planned.op) {
      const presetting = planned.op;
      // Unconfirmed, it stays pending: the meter's next sale (or the next start) sends it again.
      carriedOnMeter = await meterCredit
        .apply(presetting, meters.byId(presetting.meterId!)!, act.now, act.write)
        .then(() => true)
        .catch((error: unknown) => {
          this.deps.log.warn(
            { err: error, meterNo: input.newMeterNo },
            'carried balance not confirmed yet',
          );
          return false;
        });
    }
    // 主站计费 goes on from the new meter's registers.
    await this.deps.startBilling(accounts.byId(account.id)!, act.now, act.write);
    return {
      accountId: account.id,
      replacementId,
      ...(carriedOnMeter !== undefined && { carriedOnMeter }),
    };
  }

  /**
   * Inside the change's transaction: the refund booked (with no entry, the basis alone) on what
   * the meter gave if its credit was taken off, and that balance preset committed with it.
   */
  private book(
    basis: RefundBasis,
    off: OffTheMeter | null,
    at: string,
    entry: Omit<RefundEntry, 'takenOffMeter'> | null,
  ): number | null {
    const id = this.deps.refunds.record(
      off?.basis ?? basis,
      entry && { ...entry, takenOffMeter: off !== null },
      at,
    );
    if (off) this.deps.meterCredit.commit(off.taken, at);
    return id;
  }

  /**
   * Refuses a refund the books cannot stand behind, unless an NK meter's earlier preset is still
   * unsettled: the meter read for the basis may already hold less by what that preset took off,
   * so the figure is checked against the meter once the earlier preset is settled
   * (`offTheMeter`). Nothing else changed on the account meanwhile: sales and refunds wait for it.
   */
  private assertRefundableNow(basis: RefundBasis, amountFen: number): void {
    const { meterCredit, refunds } = this.deps;
    if (meterCredit.onTheLine(basis.account) && meterCredit.pending(basis.account.meterId)) return;
    refunds.assertRefundable(basis, amountFen);
  }

  /**
   * 销户 while the NK meter does not answer: the account closes as any other (its card with it),
   * and its credit is held on the meter to be taken off and refunded once the meter answers.
   */
  private closeHoldingCredit(
    account: AccountRecord,
    input: { reason: string; finalReading: number; paymentMethod: PaymentMethod },
    act: Act,
  ): LifecycleResult {
    if (account.state === 'closed') throw new AppError('ACCOUNT_ALREADY_CLOSED');
    const meter = this.deps.meters.byId(account.meterId)!;
    if (input.finalReading < meter.installReading)
      throw new AppError('READING_BELOW_INSTALL', {
        reading: formatEnergy(input.finalReading),
        install: formatEnergy(meter.installReading),
      });
    const at = act.now.toISOString();
    act.write(
      () => {
        this.endAccount(account, input, account.meterRemainingFen, null, act.operatorId, at);
        return this.deps.heldCredits.hold(account, input, act.operatorId, at).id;
      },
      (heldId) => ({
        finalReading: input.finalReading,
        creditHeld: heldId,
        ...this.beforeAfter(account),
      }),
    );
    return { accountId: account.id, refundId: null, creditHeld: true };
  }

  /** The account closed, its card with it (read later, it says so, and it may be erased). */
  private endAccount(
    account: AccountRecord,
    input: { reason: string; finalReading: number },
    meterRemainingFen: number | null,
    refundId: number | null,
    operatorId: number,
    at: string,
  ): void {
    const { accounts, cards, cardFees } = this.deps;
    accounts.setState(account.id, 'closed');
    const card = cards.liveFor(account.id);
    if (card) {
      cards.setStatus(card.id, 'cancelled', at);
      // A card never confirmed as written takes no fee with it.
      cardFees.settle(card.id, 'void');
    }
    accounts.recordEvent(
      {
        accountId: account.id,
        kind: 'closed',
        reason: input.reason,
        meterReading: input.finalReading,
        meterRemainingFen,
        refundId,
        operatorId,
      },
      at,
    );
  }
}

/** The preset's figures for the audit record, when the money came off an NK meter. */
function takenOffDetail(off: OffTheMeter | null) {
  return off ? { takenOffMeter: { before: off.taken.beforeFen, after: off.taken.afterFen } } : {};
}
