// accounts.replaceMeter / meterHistory: 换表, the account's meter swapped with the old meter's
// final reading and its credit carried to the new one.
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerGroup } from '../api/context';
import { MODEL_FACTS } from '../ledger/meters';
import { accountView } from './accounts';
import { beforeAfter } from './refunds';

export const meterReplacementHandlers: HandlerGroup<
  'accounts.replaceMeter' | 'accounts.meterHistory'
> = {
  'accounts.replaceMeter': async (input, ctx) => {
    const operator = signedIn(ctx);
    const { accounts, meters, refunds } = ctx.services;
    const basis = await refunds.basis(input.accountId, input, ctx.now, ctx.write);
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

    const at = ctx.now.toISOString();
    const replacementId = ctx.write(
      () => {
        // Stores what the card said and refuses if another till changed the account meanwhile.
        refunds.record(basis, null, at);
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
          },
          at,
        );
        meters.install(newMeter.id, at, input.newInstallReading);
        meters.retire(oldMeter.id);
        // Refunded credit still on the old meter is not the tenant's: it stays behind.
        accounts.moveToMeter(account.id, newMeter.id, basis.refundableFen, at);
        return accounts.recordReplacement(
          {
            accountId: account.id,
            oldMeterId: oldMeter.id,
            newMeterId: newMeter.id,
            oldFinalReading: input.oldFinalReading,
            newInstallReading: input.newInstallReading,
            carriedFen: basis.refundableFen,
            carriedSource: basis.source,
            purchaseCount: basis.loadedCount,
            reason: input.reason,
            operatorId: operator.id,
          },
          at,
        );
      },
      (id) => ({
        replacementId: id,
        ...beforeAfter(ctx, account),
        oldMeterNo: oldMeter.meterNo,
        newMeterNo: input.newMeterNo,
        carriedFen: basis.refundableFen,
      }),
    );
    return {
      account: accountView(ctx, accounts.byId(account.id)!),
      replacement: accounts
        .replacements({ accountId: account.id })
        .find((r) => r.id === replacementId)!,
    };
  },

  'accounts.meterHistory': (input, { services }) => {
    if (!services.accounts.byId(input.accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    return services.accounts.replacements({ accountId: input.accountId });
  },
};
