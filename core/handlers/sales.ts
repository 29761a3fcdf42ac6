// sales.*: selling through the hardware-operation journal, the sales list, and reconciliation.
import { signedIn, type HandlerGroup } from '../api/context';

export const saleHandlers: HandlerGroup<
  'sales.sell' | 'sales.reverse' | 'sales.list' | 'sales.reconcile'
> = {
  'sales.sell': (input, ctx) =>
    ctx.services.sales.sell(input, signedIn(ctx).id, ctx.now, ctx.write),
  'sales.reverse': (input, ctx) =>
    ctx.services.sales.reverse(input, signedIn(ctx), ctx.now, ctx.write),
  'sales.list': (input, { services }) => services.sales.list(input.accountId, input.limit),
  'sales.reconcile': (_input, ctx) => ctx.services.sales.reconcile(ctx.now, ctx.write),
};
