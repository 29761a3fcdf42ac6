// accounts.replaceMeter / meterHistory: 换表, the account's meter swapped with the old meter's
// final reading and its credit carried to the new one.
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerGroup } from '../api/context';
import { MODEL_FACTS } from '../ledger/meterStore';
import { accountView } from './accounts';
import { beforeAfter, offTheMeter, type RefundArea } from './refunds';

/** The services these handlers reach (their area's). */
type Area = RefundArea | 'log' | 'meterDesk';

export const meterReplacementHandlers: HandlerGroup<
  'accounts.replaceMeter' | 'accounts.meterHistory',
  Area
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

    // An NK meter on the line gives its credit back over the line, and the new one is read as it
    // stands before the books move the account onto it (its own count and money to start from).
    const { meterCredit } = ctx.services;
    const nk = meterCredit.onTheLine(account);
    const off = nk ? await offTheMeter(ctx, basis, 'all') : null;
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

    const at = ctx.now.toISOString();
    // Set inside the transaction below (a holder, since TypeScript cannot see into the closure).
    const planned: { op: ReturnType<typeof meterCredit.plan> | null } = { op: null };
    const replacementId = ctx.write(
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
        if (off) ctx.services.meterCredit.commit(off.taken, at);
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
            operator.id,
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
        carriedFen,
        ...(off && { takenOffOldMeter: { before: off.taken.beforeFen, after: 0 } }),
      }),
    );
    let carriedOnMeter: boolean | undefined;
    if (planned.op) {
      const presetting = planned.op;
      // Unconfirmed, it stays pending: the meter's next sale (or the next start) sends it again.
      carriedOnMeter = await meterCredit
        .apply(presetting, meters.byId(presetting.meterId!)!, ctx.now, ctx.write)
        .then(() => true)
        .catch((error: unknown) => {
          ctx.services.log.warn(
            { err: error, meterNo: input.newMeterNo },
            'carried balance not confirmed yet',
          );
          return false;
        });
    }
    // 主站计费 goes on from the new meter's registers.
    await ctx.services.meterDesk.startBilling(accounts.byId(account.id)!, ctx.now, ctx.write);
    return {
      account: accountView(ctx, accounts.byId(account.id)!),
      replacement: accounts
        .replacements({ accountId: account.id })
        .find((r) => r.id === replacementId)!,
      ...(carriedOnMeter !== undefined && { carriedOnMeter }),
    };
  },

  'accounts.meterHistory': (input, { services }) => {
    if (!services.accounts.byId(input.accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    return services.accounts.replacements({ accountId: input.accountId });
  },
};
