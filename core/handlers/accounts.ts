// accounts.*: opening an account (开户) binds a customer, a meter and a tariff.
import type { AccountView } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { signedIn, type AreaContext, type HandlerGroup } from '../api/context';
import type { AccountRecord } from '../ledger/accountStore';
import { takesCard } from '../../shared/delivery';

/** The services these handlers reach (their area's). */
type Area =
  | 'accounts'
  | 'billingRelay'
  | 'customers'
  | 'heldCredits'
  | 'meterDesk'
  | 'meters'
  | 'settings'
  | 'tariffs';

/** What an account's view needs: the tariff's name and the office's hoarding limit. */
export type AccountViewArea = 'accounts' | 'settings' | 'tariffs';

export function accountView(
  ctx: AreaContext<AccountViewArea>,
  account: AccountRecord,
): AccountView {
  const { services, now } = ctx;
  const tariffName = services.tariffs.get(account.tariffId, now)?.name ?? '';
  return services.accounts.view(account, tariffName, services.settings.read().hoardingLimitFen);
}

export const accountHandlers: HandlerGroup<
  'accounts.open' | 'accounts.get' | 'accounts.forCustomer' | 'accounts.keepPower',
  Area
> = {
  'accounts.open': async (input, ctx) => {
    const { accounts, customers, meters, tariffs } = ctx.services;
    const operator = signedIn(ctx);
    const opening = meters.byId(input.meterId);
    // A metering meter holds no money: only the office can bill it. A card's money cannot be
    // kept by the office (the card meter deducts it itself).
    const billing = opening?.kind === 'metering' ? 'office' : (input.billing ?? 'meter');
    if (opening && billing === 'office' && takesCard(opening))
      throw new AppError('BILLING_NEEDS_LINE', { meterNo: opening.meterNo });
    if (opening?.kind === 'metering' && input.billing === 'meter')
      throw new AppError('METERING_BILLED_BY_OFFICE', { meterNo: opening.meterNo });
    const account = ctx.write(
      () => {
        if (!customers.byId(input.customerId)) throw new AppError('CUSTOMER_NOT_FOUND');
        const meter = meters.byId(input.meterId);
        if (!meter) throw new AppError('METER_NOT_FOUND');
        if (meter.state === 'replaced' || meter.state === 'removed') {
          throw new AppError('METER_NOT_AVAILABLE', { meterNo: meter.meterNo });
        }
        // A closed account's credit still on this meter is not a new tenant's to spend.
        if (ctx.services.heldCredits.heldOn(meter.id))
          throw new AppError('METER_CREDIT_HELD', { meterNo: meter.meterNo });
        const holder = accounts.openOnMeter(meter.id);
        if (holder)
          throw new AppError('METER_IN_USE', {
            meterNo: meter.meterNo,
            accountNo: holder.accountNo,
          });
        const tariff = tariffs.get(input.tariffId, ctx.now);
        if (!tariff) throw new AppError('TARIFF_NOT_FOUND');
        if (!tariff.current) throw new AppError('TARIFF_NOT_IN_FORCE', { name: tariff.name });
        const at = ctx.now.toISOString();
        if (meter.state === 'in_stock') meters.install(meter.id, at, input.installReading);
        return accounts.open({ ...input, billing, operatorId: operator.id }, at);
      },
      (opened) => ({ accountNo: opened.accountNo, billing }),
    );
    await ctx.services.meterDesk.startBilling(account, ctx.now, ctx.write);
    return accountView(ctx, ctx.services.accounts.byId(account.id)!);
  },

  'accounts.keepPower': async (input, ctx) => {
    const { accounts, billingRelay } = ctx.services;
    const account = accounts.byId(input.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    if (account.billing !== 'office') throw new AppError('KEEP_POWER_NEEDS_OFFICE_BILLING');
    ctx.write(
      () => accounts.setKeepPower(account.id, input.keep),
      () => ({ accountNo: account.accountNo, keep: input.keep, reason: input.reason }),
    );
    // Put on 保电 while tripped: the power goes back on now.
    await billingRelay.enforce(account.id, ctx.now, ctx.write);
    return accountView(ctx, accounts.byId(account.id)!);
  },

  'accounts.get': (input, ctx) => {
    const account = ctx.services.accounts.byId(input.id);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    return accountView(ctx, account);
  },

  'accounts.forCustomer': (input, ctx) => {
    if (!ctx.services.customers.byId(input.customerId)) throw new AppError('CUSTOMER_NOT_FOUND');
    return ctx.services.accounts.forCustomer(input.customerId).map((a) => accountView(ctx, a));
  },
};
