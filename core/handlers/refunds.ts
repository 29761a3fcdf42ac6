// Money going back to tenants: 退费 on its own, and the account changes that may pay one
// (报停 suspension, 销户 closing), plus resuming a suspended account.
import type { AccountChange, RefundView } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { formatYuan } from '../../shared/units';
import { signedIn, type HandlerContext, type HandlerGroup } from '../api/context';
import type { AccountRecord } from '../ledger/accounts';
import { approverOf } from './approval';
import { accountView } from './accounts';

/** The account's state before and after a change, for the audit record. */
export function beforeAfter(ctx: HandlerContext, before: AccountRecord) {
  const pick = (a: AccountRecord) => ({
    accountNo: a.accountNo,
    state: a.state,
    meterId: a.meterId,
    meterRemainingFen: a.meterRemainingFen,
    meterCreditOwedFen: a.meterCreditOwedFen,
  });
  return { before: pick(before), after: pick(ctx.services.accounts.byId(before.id)!) };
}

function change(ctx: HandlerContext, accountId: number, refundId: number | null): AccountChange {
  const { accounts, refunds } = ctx.services;
  return {
    account: accountView(ctx, accounts.byId(accountId)!),
    refund: refundId === null ? null : refunds.view(refundId)!,
  };
}

export const refundHandlers: HandlerGroup<
  | 'refunds.create'
  | 'refunds.list'
  | 'accounts.suspend'
  | 'accounts.resume'
  | 'accounts.close'
  | 'accounts.events'
> = {
  'refunds.create': async (input, ctx): Promise<RefundView> => {
    const operator = signedIn(ctx);
    const approver = await approverOf(ctx, input.approval);
    const { refunds } = ctx.services;
    const basis = await refunds.basis(input.accountId, input, ctx.now, ctx.write);
    if (basis.account.state === 'closed') throw new AppError('ACCOUNT_ALREADY_CLOSED');
    if (basis.account.state === 'active') throw new AppError('REFUND_ACCOUNT_ACTIVE');
    refunds.assertRefundable(basis, input.amountFen);
    const id = ctx.write(
      () =>
        refunds.record(
          basis,
          {
            kind: 'refund',
            amountFen: input.amountFen,
            paymentMethod: input.paymentMethod,
            reason: input.reason,
            operatorId: operator.id,
            approverId: approver.id,
          },
          ctx.now.toISOString(),
        )!,
      (refundId) => ({
        refundId,
        approvedBy: approver.username,
        basis: basis.remainingFen,
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
    if (input.refund) refunds.assertRefundable(basis, amountFen!);
    const at = ctx.now.toISOString();
    const refundId = ctx.write(
      () => {
        const refundId = refunds.record(
          basis,
          input.refund
            ? {
                kind: 'suspension',
                amountFen: amountFen!,
                paymentMethod: input.refund.paymentMethod,
                reason: input.reason,
                operatorId: operator.id,
                approverId: operator.id,
              }
            : null,
          at,
        );
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
      (refundId) => ({ refundId, ...beforeAfter(ctx, basis.account) }),
    );
    return change(ctx, basis.account.id, refundId);
  },

  'accounts.resume': (input, ctx) => {
    const operator = signedIn(ctx);
    const { accounts } = ctx.services;
    const account = accounts.byId(input.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    if (account.state !== 'suspended') throw new AppError('ACCOUNT_NOT_SUSPENDED');
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
    const basis = await refunds.basis(input.accountId, input, ctx.now, ctx.write);
    const { account } = basis;
    refunds.assertLeavingMeter(basis, input.finalReading, 'ACCOUNT_UNLOADED_PURCHASE');
    const at = ctx.now.toISOString();
    const refundId = ctx.write(
      () => {
        const refundId = refunds.record(
          basis,
          basis.refundableFen > 0
            ? {
                kind: 'closing',
                amountFen: basis.refundableFen,
                paymentMethod: input.paymentMethod,
                reason: input.reason,
                operatorId: operator.id,
                approverId: operator.id,
              }
            : null,
          at,
        );
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
            meterRemainingFen: basis.remainingFen,
            refundId,
            operatorId: operator.id,
          },
          at,
        );
        return refundId;
      },
      (refundId) => ({
        finalReading: input.finalReading,
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
