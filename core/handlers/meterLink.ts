// meterLink.* and the meters page's live work: the office's RS485 line (settings, ports, status),
// reading an NK meter, relay commands.
import { listPorts } from '../../meter-link/bus/serialLine';
import type { MeterLineSettings } from '../../shared/api/meterLink';
import { signedIn, type HandlerGroup } from '../api/context';
import type { CoreServices } from '../services';

function lineSettings({ settings }: CoreServices): MeterLineSettings {
  return {
    line: settings.meterLine(),
    passwordSet: settings.meterPassword() !== null,
    operatorCode: settings.meterOperatorCode(),
  };
}

export const meterLinkHandlers: HandlerGroup<
  | 'meterLink.settings'
  | 'meterLink.configure'
  | 'meterLink.ports'
  | 'meterLink.status'
  | 'meters.read'
  | 'meters.relay'
  | 'meters.commands'
> = {
  'meterLink.settings': (_input, { services }) => lineSettings(services),
  'meterLink.configure': (input, ctx) => {
    const { settings } = ctx.services;
    const result = ctx.write(
      () => {
        if (input.line !== undefined) settings.setMeterLine(input.line);
        if (input.password !== undefined) settings.setMeterPassword(input.password);
        if (input.operatorCode !== undefined) settings.setMeterOperatorCode(input.operatorCode);
        return lineSettings(ctx.services);
      },
      // The password itself stays out of the audit trail.
      (after) => ({ after, passwordChanged: input.password !== undefined }),
    );
    ctx.services.meterLine.reconfigured();
    return result;
  },
  'meterLink.ports': () => listPorts(),
  'meterLink.status': (_input, { services }) => services.meterLine.status(),
  'meters.read': (input, ctx) => ctx.services.meterDesk.read(input.meterId, ctx.now, ctx.write),
  'meters.relay': (input, ctx) =>
    ctx.services.meterDesk.relay(input, signedIn(ctx).id, ctx.now, ctx.write),
  'meters.commands': (input, { services }) => services.meterDesk.commands(input),
};
