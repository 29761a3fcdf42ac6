// Money going back to tenants and the account's life after opening: 退费 on its own, 报停
// (suspension, optionally refunding), 恢复 and 销户, run by the ledger's AccountLifecycle
// (core/ledger/accountLifecycle.ts); here, who asks, who approves, and what the screen is shown.
import type { AccountChange } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { signedIn, type AreaContext, type HandlerGroup } from '../api/context';
import type { Act, LifecycleResult } from '../ledger/accountLifecycle';
import { approverOf, type ApprovalArea } from './approval';
import { accountView, type AccountViewArea } from './accounts';

/** The services these handlers reach (their area's), with what account views and approvals need. */
export type RefundArea = AccountViewArea | ApprovalArea | 'accounts' | 'lifecycle' | 'refunds';

/** The signed-in operator's act: who, the call's time, its unit of work. */
export const actOf = (ctx: AreaContext<never>): Act => ({
  operatorId: signedIn(ctx).id,
  now: ctx.now,
  write: ctx.write,
});

/** What the screen shows after a change: the account as it is now, and the refund paid. */
export function change(ctx: AreaContext<RefundArea>, result: LifecycleResult): AccountChange {
  const { accounts, refunds } = ctx.services;
  return {
    account: accountView(ctx, accounts.byId(result.accountId)!),
    refund: result.refundId === null ? null : refunds.view(result.refundId)!,
    ...(result.creditHeld && { creditHeld: true }),
  };
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
  'refunds.create': async (input, ctx) => {
    // A cashier's refund is signed off at the till; who may approve approves their own.
    const approver = await approverOf(ctx, input.approval);
    const id = await ctx.services.lifecycle.refund(input, approver, actOf(ctx));
    return ctx.services.refunds.view(id)!;
  },

  'refunds.list': (input, { services }) => services.refunds.list(input),

  'accounts.suspend': async (input, ctx) =>
    change(ctx, await ctx.services.lifecycle.suspend(input, actOf(ctx))),

  'accounts.resume': (input, ctx) => change(ctx, ctx.services.lifecycle.resume(input, actOf(ctx))),

  'accounts.close': async (input, ctx) =>
    change(ctx, await ctx.services.lifecycle.close(input, actOf(ctx))),

  'accounts.events': (input, { services }) => {
    if (!services.accounts.byId(input.accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    return services.accounts.events(input.accountId);
  },
};
