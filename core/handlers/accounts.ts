// accounts.*: opening an account (开户) binds a customer, a meter and a tariff.
import type { AccountView } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerContext, type HandlerGroup } from '../api/context';
import type { AccountRecord } from '../ledger/accounts';

export function accountView(ctx: HandlerContext, account: AccountRecord): AccountView {
  const { services, now } = ctx;
  const tariffName = services.tariffs.get(account.tariffId, now)?.name ?? '';
  return services.accounts.view(account, tariffName, services.settings.read().hoardingLimitFen);
}

export const accountHandlers: HandlerGroup<
  'accounts.open' | 'accounts.get' | 'accounts.forCustomer'
> = {
  'accounts.open': (input, ctx) => {
    const { accounts, customers, meters, tariffs } = ctx.services;
    const operator = signedIn(ctx);
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
        return accounts.open({ ...input, operatorId: operator.id }, at);
      },
      (opened) => ({ accountNo: opened.accountNo }),
    );
    return accountView(ctx, account);
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
