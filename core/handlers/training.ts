// training.*: the tenant's side of the cycle, acted out on the simulated card and meter.
import { AppError } from '../../shared/errors';
import type { AreaContext, HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'accounts' | 'meters' | 'training';

/** The account's meter in the training meter room. */
function trainingMeter(ctx: AreaContext<Area>, accountId: number) {
  const { training, accounts, meters } = ctx.services;
  if (!training) throw new AppError('TRAINING_ONLY');
  const account = accounts.byId(accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  return { training, account, meterNo: meters.byId(account.meterId)!.meterNo };
}

export const trainingHandlers: HandlerGroup<
  'training.insertCard' | 'training.putBlankCard' | 'training.runDay',
  Area
> = {
  'training.insertCard': async (input, ctx) => {
    const { training, account, meterNo } = trainingMeter(ctx, input.accountId);
    const outcome = await training.insertIntoMeter({ accountNo: account.accountNo, meterNo });
    const meter = training.meterState(meterNo);
    return { outcome, meterRemainingFen: meter.remainingFen, meterLoadedCount: meter.loadedCount };
  },

  'training.putBlankCard': async (_input, { services }) => {
    if (!services.training?.putBlankCard) throw new AppError('TRAINING_VIRTUAL_CARDS_ONLY');
    await services.training.putBlankCard();
    return { done: true };
  },

  'training.runDay': (input, ctx) => {
    const { training, meterNo } = trainingMeter(ctx, input.accountId);
    if (!training.runDay) throw new AppError('TRAINING_VIRTUAL_CARDS_ONLY');
    training.runDay(meterNo);
    const meter = training.meterState(meterNo);
    return {
      outcome: 'applied' as const,
      meterRemainingFen: meter.remainingFen,
      meterLoadedCount: meter.loadedCount,
    };
  },
};
