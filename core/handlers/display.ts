// display.*: the customer display (客显) — the amount shown while the cashier confirms, the
// greeting again, a test pattern, its settings and the USB-HID devices to choose from (issue 19).
// The sale's own screen is shown by sales.sell.
import { AppError } from '../../shared/errors';
import { DISPLAY_COLUMNS, displayWidth } from '../../shared/displayText';
import { energyForMoney } from '../../shared/pricing';
import { unshowable } from '../../tenant-link/display/commandSets';
import { DisplayLinkError, listHidDevices } from '../../tenant-link/display/links';
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'display' | 'settings' | 'accounts' | 'tariffs';

export const displayHandlers: HandlerGroup<
  | 'display.quote'
  | 'display.rest'
  | 'display.state'
  | 'display.test'
  | 'display.configure'
  | 'display.hidDevices',
  Area
> = {
  'display.quote': (input, { services, now }) => {
    const account = services.accounts.byId(input.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    const tariff = services.tariffs.versionAt(account.tariffId, now);
    const change =
      input.tenderedFen !== undefined && input.tenderedFen >= input.amountFen
        ? input.tenderedFen - input.amountFen
        : null;
    return services.display.show({
      kind: 'quote',
      amountFen: input.amountFen,
      // What the sale itself will credit: the tariff's reference price (sales.ts).
      energy: tariff ? energyForMoney(tariff.definition, input.amountFen).energy : null,
      changeFen: change,
    });
  },

  'display.rest': (_input, { services }) => services.display.show({ kind: 'greeting' }),

  'display.state': (_input, { services }) => services.display.state(),

  'display.test': (_input, { services }) => services.display.show({ kind: 'test' }),

  'display.configure': async (input, ctx) => {
    if (input.kind === 'serial' && !input.port) throw new AppError('DISPLAY_PORT_REQUIRED');
    if (input.kind === 'hid' && !input.hidPath) throw new AppError('DISPLAY_HID_REQUIRED');
    const refused = unshowable(input.greeting, input.charset);
    if (refused.length > 0)
      throw new AppError('DISPLAY_GREETING_CHARSET', { chars: [...new Set(refused)].join(' ') });
    const width = displayWidth(input.greeting);
    if (width > DISPLAY_COLUMNS) throw new AppError('DISPLAY_GREETING_TOO_WIDE', { width });
    ctx.write(
      () => ctx.services.settings.setDisplay(input),
      () => ({ kind: input.kind }),
    );
    // The new display greets at once: the technician sees it is wired.
    return ctx.services.display.show({ kind: 'greeting' });
  },

  'display.hidDevices': async () => {
    try {
      const devices = await listHidDevices();
      return devices
        .filter((device) => device.path)
        .map((device) => ({
          path: device.path!,
          vendorId: device.vendorId,
          productId: device.productId,
          product: device.product ?? null,
          manufacturer: device.manufacturer ?? null,
        }));
    } catch (error) {
      if (error instanceof DisplayLinkError) throw new AppError('DISPLAY_HID_UNAVAILABLE');
      throw error;
    }
  },
};
