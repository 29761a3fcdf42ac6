// Money going back to tenants: 退费 on its own, and the account changes that may pay one
// (报停 suspension, 销户 closing), plus resuming a suspended account.
import type { AccountChange, PaymentMethod, RefundView } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { formatEnergy, formatYuan } from '../../shared/units';
import { signedIn, type AreaContext, type HandlerGroup } from '../api/context';
import type { AccountRecord } from '../ledger/accountStore';
import type { RefundBasis } from '../ledger/refunds';
import type { TakenOff } from '../remote/meterCredit';
import { approverOf, type ApprovalArea } from './approval';
import { accountView, type AccountViewArea } from './accounts';

/** The services these handlers reach (their area's), with what account views and approvals need. */
export type RefundArea =
  | AccountViewArea
  | ApprovalArea
  | 'accounts'
  | 'cardFees'
  | 'cards'
  | 'heldCredits'
  | 'meterCredit'
  | 'meters'
  | 'refunds';

/** The account's state before and after a change, for the audit record. */
export function beforeAfter(ctx: AreaContext<RefundArea>, before: AccountRecord) {
  const pick = (a: AccountRecord) => ({
    accountNo: a.accountNo,
    state: a.state,
    meterId: a.meterId,
    meterRemainingFen: a.meterRemainingFen,
    meterCreditOwedFen: a.meterCreditOwedFen,
  });
  return { before: pick(before), after: pick(ctx.services.accounts.byId(before.id)!) };
}

/** The refund's basis and amount once an NK meter gave the money back over the line. */
interface OffTheMeter {
  taken: TakenOff;
  basis: RefundBasis;
  amountFen: number;
}

/**
 * For an NK meter on the office's line: takes the refund's money (`all` as the account closes)
 * off the meter before the refund is booked, so the tenant cannot spend what they were paid back.
 * Null where a clear card does that (card meters, NK meters behind an ACRT), or nothing is there.
 */
export async function offTheMeter(
  ctx: AreaContext<RefundArea>,
  basis: RefundBasis,
  amount: number | 'all',
): Promise<OffTheMeter | null> {
  const { meterCredit, refunds } = ctx.services;
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
        throw new AppError('REFUND_OVER_REFUNDABLE', { max: formatYuan(Math.max(0, held - owed)) });
      return held - amount;
    },
    signedIn(ctx).id,
    ctx.now,
    ctx.write,
  );
  // An earlier preset whose answer was lost is booked as it landed: closing needs it at 0.
  if (amount === 'all' && taken.afterFen !== 0)
    throw new AppError('METER_PRESET_PENDING', {
      meterNo: ctx.services.meters.byId(account.meterId)!.meterNo,
    });
  const fresh = refunds.takenOff(basis, taken.beforeFen);
  return {
    taken,
    basis: fresh,
    amountFen: amount === 'all' ? fresh.refundableFen : taken.beforeFen - taken.afterFen,
  };
}

/**
 * Refuses a refund the books cannot stand behind, unless an NK meter's earlier preset is still
 * unsettled: the meter read for the basis may already hold less by what that preset took off, so
 * the figure is checked against the meter once the earlier preset is settled (`offTheMeter`).
 * Nothing else changed on the account meanwhile: sales and refunds wait for the preset.
 */
function assertRefundableNow(
  ctx: AreaContext<RefundArea>,
  basis: RefundBasis,
  amountFen: number,
): void {
  const { meterCredit, refunds } = ctx.services;
  if (meterCredit.onTheLine(basis.account) && meterCredit.pending(basis.account.meterId)) return;
  refunds.assertRefundable(basis, amountFen);
}

function change(
  ctx: AreaContext<RefundArea>,
  accountId: number,
  refundId: number | null,
): AccountChange {
  const { accounts, refunds } = ctx.services;
  return {
    account: accountView(ctx, accounts.byId(accountId)!),
    refund: refundId === null ? null : refunds.view(refundId)!,
  };
}

/**
 * 销户 while the NK meter does not answer: the account closes as any other (its card with it), and
 * its credit is held on the meter to be taken off and refunded once the meter answers.
 */
function closeHoldingCredit(
  ctx: AreaContext<RefundArea>,
  account: AccountRecord,
  input: { reason: string; finalReading: number; paymentMethod: PaymentMethod },
): AccountChange {
  const operator = signedIn(ctx);
  const { accounts, meters, cards, cardFees, heldCredits } = ctx.services;
  if (account.state === 'closed') throw new AppError('ACCOUNT_ALREADY_CLOSED');
  const meter = meters.byId(account.meterId)!;
  if (input.finalReading < meter.installReading)
    throw new AppError('READING_BELOW_INSTALL', {
      reading: formatEnergy(input.finalReading),
      install: formatEnergy(meter.installReading),
    });
  const at = ctx.now.toISOString();
  ctx.write(
    () => {
      accounts.setState(account.id, 'closed');
      const card = cards.liveFor(account.id);
      if (card) {
        cards.setStatus(card.id, 'cancelled', at);
        cardFees.settle(card.id, 'void');
      }
      accounts.recordEvent(
        {
          accountId: account.id,
          kind: 'closed',
          reason: input.reason,
          meterReading: input.finalReading,
          meterRemainingFen: account.meterRemainingFen,
          refundId: null,
          operatorId: operator.id,
        },
        at,
      );
      return heldCredits.hold(account, input, operator.id, at).id;
    },
    (heldId) => ({
      finalReading: input.finalReading,
      creditHeld: heldId,
      ...beforeAfter(ctx, account),
    }),
  );
  return { ...change(ctx, account.id, null), creditHeld: true };
}

export const refundHandlers: HandlerGroup<
  | 'refunds.create'
  | 'refunds.list'
  | 'accounts.suspend'
  | 'accounts.resume'
  | 'accounts.close'
  | 'accounts.events',
  RefundArea
> = {
  'refunds.create': async (input, ctx): Promise<RefundView> => {
    const operator = signedIn(ctx);
    const approver = await approverOf(ctx, input.approval);
    const { refunds } = ctx.services;
    const basis = await refunds.basis(input.accountId, input, ctx.now, ctx.write);
    if (basis.account.state === 'closed') throw new AppError('ACCOUNT_ALREADY_CLOSED');
    if (basis.account.state === 'active') throw new AppError('REFUND_ACCOUNT_ACTIVE');
    assertRefundableNow(ctx, basis, input.amountFen);
    const off = await offTheMeter(ctx, basis, input.amountFen);
    const at = ctx.now.toISOString();
    const id = ctx.write(
      () => {
        const refundId = refunds.record(
          off?.basis ?? basis,
          {
            kind: 'refund',
            amountFen: off?.amountFen ?? input.amountFen,
            paymentMethod: input.paymentMethod,
            reason: input.reason,
            operatorId: operator.id,
            approverId: approver.id,
            takenOffMeter: off !== null,
          },
          at,
        )!;
        if (off) ctx.services.meterCredit.commit(off.taken, at);
        return refundId;
      },
      (refundId) => ({
        refundId,
        approvedBy: approver.username,
        basis: (off?.basis ?? basis).remainingFen,
        ...(off && { takenOffMeter: { before: off.taken.beforeFen, after: off.taken.afterFen } }),
        ...beforeAfter(ctx, basis.account),
      }),
    );
    return refunds.view(id)!;
  },

  'refunds.list': (input, { services }) => services.refunds.list(input),

  'accounts.suspend': async (input, ctx) => {
    const operator = signedIn(ctx);
    const { accounts, refunds } = ctx.services;
    const basis = await refunds.basis(input.accountId, input.refund ?? {}, ctx.now, ctx.write);
    if (basis.account.state !== 'active') throw new AppError('ACCOUNT_NOT_ACTIVE');
    const amountFen = input.refund && (input.refund.amountFen ?? basis.refundableFen);
    if (input.refund) assertRefundableNow(ctx, basis, amountFen!);
    const off = input.refund ? await offTheMeter(ctx, basis, amountFen!) : null;
    const at = ctx.now.toISOString();
    const refundId = ctx.write(
      () => {
        const refundId = refunds.record(
          off?.basis ?? basis,
          input.refund
            ? {
                kind: 'suspension',
                amountFen: off?.amountFen ?? amountFen!,
                paymentMethod: input.refund.paymentMethod,
                reason: input.reason,
                operatorId: operator.id,
                approverId: operator.id,
                takenOffMeter: off !== null,
              }
            : null,
          at,
        );
        if (off) ctx.services.meterCredit.commit(off.taken, at);
        accounts.setState(basis.account.id, 'suspended');
        accounts.recordEvent(
          {
            accountId: basis.account.id,
            kind: 'suspended',
            reason: input.reason,
            meterReading: input.meterReading ?? null,
            meterRemainingFen: basis.remainingFen,
            refundId,
            operatorId: operator.id,
          },
          at,
        );
        return refundId;
      },
      (refundId) => ({
        refundId,
        ...(off && { takenOffMeter: { before: off.taken.beforeFen, after: off.taken.afterFen } }),
        ...beforeAfter(ctx, basis.account),
      }),
    );
    return change(ctx, basis.account.id, refundId);
  },

  'accounts.resume': (input, ctx) => {
    const operator = signedIn(ctx);
    const { accounts } = ctx.services;
    const account = accounts.byId(input.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    if (account.state !== 'suspended') throw new AppError('ACCOUNT_NOT_SUSPENDED');
    // A refund's preset not confirmed yet: its money is settled by redoing the refund first.
    if (ctx.services.meterCredit.pending(account.meterId))
      throw new AppError('METER_PRESET_PENDING', {
        meterNo: ctx.services.meters.byId(account.meterId)!.meterNo,
      });
    // The meter would otherwise go on spending money the tenant already has back.
    if (account.meterCreditOwedFen > 0 && !input.meterCleared)
      throw new AppError('METER_CREDIT_NOT_CLEARED', {
        owed: formatYuan(account.meterCreditOwedFen),
      });
    ctx.write(
      () => {
        if (input.meterCleared) accounts.clearMeterCredit(account.id, ctx.now.toISOString());
        accounts.setState(account.id, 'active');
        accounts.recordEvent(
          {
            accountId: account.id,
            kind: 'resumed',
            reason: input.reason,
            meterReading: null,
            meterRemainingFen: input.meterCleared ? 0 : account.meterRemainingFen,
            refundId: null,
            operatorId: operator.id,
          },
          ctx.now.toISOString(),
        );
      },
      () => ({ meterCleared: input.meterCleared, ...beforeAfter(ctx, account) }),
    );
    return change(ctx, account.id, null);
  },

  'accounts.close': async (input, ctx) => {
    const operator = signedIn(ctx);
    const { accounts, refunds } = ctx.services;
    // An NK meter on the line that does not answer: held, if the supervisor said so.
    const held = (error: unknown) => {
      const silent =
        error instanceof AppError &&
        (error.code === 'METER_NO_ANSWER' || error.code === 'METER_LINE_FAILED');
      const known = accounts.byId(input.accountId);
      return silent && input.holdIfSilent && known && ctx.services.meterCredit.onTheLine(known)
        ? closeHoldingCredit(ctx, known, input)
        : null;
    };
    let basis: RefundBasis;
    try {
      basis = await refunds.basis(input.accountId, input, ctx.now, ctx.write);
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
      off = await offTheMeter(ctx, basis, 'all');
    } catch (error) {
      const closed = held(error);
      if (closed) return closed;
      throw error;
    }
    const closing = off?.basis ?? basis;
    const at = ctx.now.toISOString();
    const refundId = ctx.write(
      () => {
        const refundId = refunds.record(
          closing,
          closing.refundableFen > 0
            ? {
                kind: 'closing',
                amountFen: closing.refundableFen,
                paymentMethod: input.paymentMethod,
                reason: input.reason,
                operatorId: operator.id,
                approverId: operator.id,
                takenOffMeter: off !== null,
              }
            : null,
          at,
        );
        if (off) {
          ctx.services.meterCredit.commit(off.taken, at);
          // Nothing is left on the meter, earlier refunds' credit included.
          accounts.clearMeterCredit(account.id, at);
        }
        accounts.setState(account.id, 'closed');
        // The tenant's card dies with the account: read later, it says so, and it may be erased.
        const card = ctx.services.cards.liveFor(account.id);
        if (card) {
          ctx.services.cards.setStatus(card.id, 'cancelled', at);
          // A card never confirmed as written takes no fee with it.
          ctx.services.cardFees.settle(card.id, 'void');
        }
        accounts.recordEvent(
          {
            accountId: account.id,
            kind: 'closed',
            reason: input.reason,
            meterReading: input.finalReading,
            meterRemainingFen: closing.remainingFen,
            refundId,
            operatorId: operator.id,
          },
          at,
        );
        return refundId;
      },
      (refundId) => ({
        finalReading: input.finalReading,
        ...(off && { takenOffMeter: { before: off.taken.beforeFen, after: off.taken.afterFen } }),
        refundId,
        cardNo: ctx.services.cards.forAccount(account.id).at(-1)?.cardNo ?? null,
        ...beforeAfter(ctx, account),
      }),
    );
    return change(ctx, account.id, refundId);
  },

  'accounts.events': (input, { services }) => {
    if (!services.accounts.byId(input.accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    return services.accounts.events(input.accountId);
  },
};
