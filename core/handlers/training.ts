// training.*: the tenant's side of the cycle, acted out on the simulated card and meter.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';

export const trainingHandlers: HandlerGroup<'training.insertCard'> = {
  'training.insertCard': (input, ctx) => {
    const { training, accounts, meters } = ctx.services;
    if (!training) throw new AppError('TRAINING_ONLY');
    const account = accounts.byId(input.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    const meterNo = meters.byId(account.meterId)!.meterNo;
    const outcome = training.insertIntoMeter({ accountNo: account.accountNo, meterNo });
    const meter = training.meterState(meterNo);
    return { outcome, meterRemainingFen: meter.remainingFen, meterLoadedCount: meter.loadedCount };
  },
};
