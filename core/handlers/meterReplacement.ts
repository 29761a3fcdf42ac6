// accounts.replaceMeter / meterHistory: 换表, run by the ledger's AccountLifecycle (the old
// meter's final reading, its credit carried to the new one); here, what the screen is shown.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';
import { accountView } from './accounts';
import { actOf, type RefundArea } from './refunds';

/** The services these handlers reach (their area's). */
type Area = RefundArea;

export const meterReplacementHandlers: HandlerGroup<
  'accounts.replaceMeter' | 'accounts.meterHistory',
  Area
> = {
  'accounts.replaceMeter': async (input, ctx) => {
    const { accounts, lifecycle } = ctx.services;
    const done = await lifecycle.replaceMeter(input, actOf(ctx));
    return {
      account: accountView(ctx, accounts.byId(done.accountId)!),
      replacement: accounts
        .replacements({ accountId: done.accountId })
        .find((r) => r.id === done.replacementId)!,
      ...(done.carriedOnMeter !== undefined && { carriedOnMeter: done.carriedOnMeter }),
    };
  },

  'accounts.meterHistory': (input, { services }) => {
    if (!services.accounts.byId(input.accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    return services.accounts.replacements({ accountId: input.accountId });
  },
};
