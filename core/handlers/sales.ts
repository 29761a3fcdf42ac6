// sales.*: selling through the hardware-operation journal, the sales list, and reconciliation.
import { may, signedIn, type HandlerGroup } from '../api/context';
import { paidScreen } from '../display/tillDisplay';
import { approverOf, type ApprovalArea } from './approval';

/** The services these handlers reach (their area's). */
type Area = ApprovalArea | 'billingRelay' | 'sales' | 'settings' | 'display' | 'accounts';

export const saleHandlers: HandlerGroup<
  'sales.sell' | 'sales.reverse' | 'sales.list' | 'sales.reconcile',
  Area
> = {
  'sales.sell': async (input, ctx) => {
    const sale = await ctx.services.sales.sell(input, signedIn(ctx).id, ctx.now, ctx.write);
    // 主站计费: a purchase that brings the balance back turns a tripped meter on (if it answers
    // now; else the poller's next minute does).
    await ctx.services.billingRelay.enforce(sale.accountId, ctx.now, ctx.write);
    // The tenant sees what was paid: not waited for, a display gone never holds up the sale.
    void ctx.services.display.show(paidScreen(sale, ctx.services.accounts.byId(sale.accountId)));
    return sale;
  },
  'sales.reverse': async (input, ctx) => {
    const operator = signedIn(ctx);
    // Asked for by the office (设置): a cashier's reversal is signed off by a supervisor in place.
    const approver =
      ctx.services.settings.read().reversalNeedsApproval && !may(ctx, 'approve')
        ? await approverOf(ctx, input.approval, 'REVERSAL_APPROVAL_REQUIRED')
        : null;
    const reverser = { id: operator.id, anySale: may(ctx, 'reverse.any') };
    return ctx.services.sales.reverse(input, reverser, approver?.id ?? null, ctx.now, ctx.write);
  },
  'sales.list': (input, { services }) => services.sales.list(input.accountId, input.limit),
  'sales.reconcile': (_input, ctx) => ctx.services.sales.reconcile(ctx.now, ctx.write),
};
