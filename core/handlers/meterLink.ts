// meterLink.* and the meters page's live work: the office's RS485 line (settings, ports, status),
// reading an NK meter, relay commands.
import { listPorts } from '../../meter-link/bus/serialLine';
import type { MeterLineSettings } from '../../shared/api/meterLink';
import { AppError } from '../../shared/errors';
import { operatorLanguage, signedIn, type AreaContext, type HandlerGroup } from '../api/context';
import { paperWords } from '../../shared/paper/words';
import { officeDay } from '../../shared/officeTime';
import { alarmReportPdf } from '../reports/alarmReport';
import { backgroundWrite } from '../writes';
import type { CoreServices } from '../services';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area =
  | 'audit'
  | 'clock'
  | 'unitOfWork'
  | 'acrt'
  | 'alarms'
  | 'batches'
  | 'clock'
  | 'heldCredits'
  | 'meterDesk'
  | 'meterLine'
  | 'settings'
  | 'tariffPushes';

/** A batch goes on after the call that started it: its records carry the operator and their own time. */
const batchWrite = (ctx: AreaContext<Area>) =>
  backgroundWrite(ctx.services, ctx.method, signedIn(ctx));

const isoOrUndefined = (t: string | undefined) => (t ? new Date(t).toISOString() : undefined);

function lineSettings({ settings }: Pick<CoreServices, 'settings'>): MeterLineSettings {
  return {
    line: settings.meterLine(),
    passwordSet: settings.meterPassword() !== null,
    operatorCode: settings.meterOperatorCode(),
    pollIntervalMinutes: settings.pollIntervalMinutes(),
    lowCreditFen: settings.lowCreditFen(),
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
  | 'meters.setLimits'
  | 'meters.pushTariff'
  | 'meters.tariffPushes'
  | 'meters.pushTariffsNow'
  | 'meters.heldCredits'
  | 'meters.settleHeldCredits'
  | 'alarms.list'
  | 'alarms.acknowledge'
  | 'alarms.reportFile'
  | 'batch.groups'
  | 'batch.start'
  | 'batch.get'
  | 'batch.cancel'
  | 'batch.unfinished'
  | 'batch.retryFailed'
  | 'acrt.list'
  | 'acrt.register'
  | 'acrt.downloadBindings'
  | 'acrt.readLog'
  | 'acrt.syncClock',
  Area
> = {
  'meterLink.settings': (_input, { services }) => lineSettings(services),
  'meterLink.configure': (input, ctx) => {
    const { settings } = ctx.services;
    const result = ctx.write(
      () => {
        if (input.line !== undefined) settings.setMeterLine(input.line);
        if (input.password !== undefined) settings.setMeterPassword(input.password);
        if (input.operatorCode !== undefined) settings.setMeterOperatorCode(input.operatorCode);
        settings.setPolling(input);
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
  'meters.setLimits': (input, ctx) =>
    ctx.services.meterDesk.setLimits(input, signedIn(ctx).id, ctx.now, ctx.write),
  'meters.pushTariff': (input, ctx) =>
    ctx.services.meterDesk.pushTariff(input, signedIn(ctx).id, ctx.now, ctx.write),
  'meters.tariffPushes': (_input, { services, now }) => services.tariffPushes.waiting(now),
  // A tariff push records its own command rows; the call's audit record says it was asked for.
  'meters.pushTariffsNow': (_input, ctx) =>
    ctx.services.tariffPushes.pushDue(ctx.now, ctx.write, { now: true }),
  'meters.heldCredits': (_input, { services }) => services.heldCredits.list(),
  'meters.settleHeldCredits': (_input, ctx) =>
    ctx.services.heldCredits.settleAll(ctx.now, ctx.write),
  'alarms.list': (input, { services }) => {
    const from = isoOrUndefined(input.from);
    const to = isoOrUndefined(input.to);
    return services.alarms.list({ ...input, ...(from && { from }), ...(to && { to }) });
  },
  'alarms.acknowledge': (input, ctx) =>
    ctx.write(
      () => {
        const { alarms } = ctx.services;
        if (!alarms.acknowledge(input.id, signedIn(ctx).id, input.note, ctx.now.toISOString()))
          throw new AppError('ALARM_NOT_FOUND');
        return alarms.byId(input.id)!;
      },
      (alarm) => ({ alarm: alarm.id, meterNo: alarm.meterNo, kind: alarm.kind }),
    ),
  'alarms.reportFile': async (input, ctx) => {
    const { services, now } = ctx;
    const alarms = services.alarms.list({ open: input.open, limit: 1_000 });
    const file = await alarmReportPdf(
      alarms,
      {
        officeName: services.settings.read().officeName,
        printedAt: now.toISOString(),
        open: input.open,
      },
      paperWords(operatorLanguage(ctx)),
    );
    return officeFile(`alarms-${officeDay(now.toISOString())}.pdf`, file);
  },
  'batch.groups': (_input, { services }) => services.batches.groups(),
  'batch.start': (input, ctx) => ctx.services.batches.start(input, signedIn(ctx), batchWrite(ctx)),
  'batch.get': (input, { services }) => services.batches.get(input.id),
  'batch.cancel': (input, { services }) => services.batches.cancel(input.id),
  'batch.unfinished': (_input, { services }) => services.batches.unfinished(),
  'batch.retryFailed': (input, ctx) =>
    ctx.services.batches.retryFailed(input.id, signedIn(ctx), batchWrite(ctx)),
  'acrt.list': (_input, { services }) => services.acrt.list(),
  'acrt.register': (input, ctx) =>
    ctx.write(
      () => ctx.services.acrt.register(input, ctx.now.toISOString()),
      (terminal) => ({ after: terminal }),
    ),
  'acrt.downloadBindings': (input, ctx) =>
    ctx.services.acrt.downloadBindings(input.id, signedIn(ctx).id, ctx.now, ctx.write),
  'acrt.readLog': (input, ctx) => ctx.services.acrt.readLog(input.id, ctx.now, ctx.write),
  // The terminals' clocks as set and read back go into the call's audit record.
  'acrt.syncClock': (input, ctx) =>
    ctx.services.acrt.syncClock(input.id, signedIn(ctx).id, ctx.services.clock, ctx.write),
};
