// The work on one meter of the RS485 line: reading it (kept as a reading, and used to settle an
// unconfirmed recharge of its account; a poll also raises and clears alarms), relay commands and
// money-limit pushes by a supervisor, journaled pending before the frame goes out and resolved
// from what the meter shows when read back afterwards.
import type {
  MeterClient,
  ReadOperation,
  RelayOperation,
  SettingOperation,
} from '../../meter-link/devices/meterClient';
import type { MeterView } from '../../shared/api/ledgerTypes';
import type {
  MeterCommand,
  MeterCommandView,
  MeterLimits,
  MeterReadingView,
  RelayCommand,
} from '../../shared/api/meterLink';
import { AppError } from '../../shared/errors';
import { officeDateTime } from '../../shared/officeTime';
import {
  READ_BACK_KINDS,
  type DeviceJournal,
  type DeviceOperationKind,
  type LineCommandPayload,
} from '../journal/deviceJournalStore';
import type { AccountStore, MeterRegisters } from '../ledger/accountStore';
import type { OfficeBilling } from '../ledger/officeBilling';
import type { MeterStore } from '../ledger/meterStore';
import type { SaleService } from '../ledger/sales';
import type { Write } from '../db/unitOfWork';
import type { SettingsStore } from '../office/settingsStore';
import type { TariffStore } from '../ledger/tariffStore';
import { TOU_RATES, type TariffDefinition } from '../../shared/tariff';
import type { InspectionStore } from '../inspection/inspectionStore';
import type { AlarmStore } from './alarmStore';
import { deviceOf, type OfficeMeterLine } from './officeMeterLine';
import type { BoxControls, ForcedMode } from '../../shared/api/boxControls';
import { mappingOf } from '../../meter-link/profiles/profiles';
import type { TenantNotices } from '../messages/notices';
import type { CalendarStore } from '../dorms/calendarStore';

export interface MeterDeskDeps {
  journal: DeviceJournal;
  tariffs: TariffStore;
  alarms: AlarmStore;
  inspection: InspectionStore;
  line: OfficeMeterLine;
  meters: MeterStore;
  accounts: AccountStore;
  sales: SaleService;
  settings: SettingsStore;
  billing: OfficeBilling;
  /** 主站计费: after a reading is charged, trips or restores the relay as the balance asks. */
  billingRelay?: { enforce(accountId: number, now: Date, write: Write): Promise<unknown> };
  /** What each box circuit's time control is, kept as its pushes are done (the campus calendar). */
  timeControls?: Pick<CalendarStore, 'keep' | 'applied'>;
  /** The tenant told of credit running low or gone (core/messages/notices.ts). */
  notices?: Pick<TenantNotices, 'lowCredit' | 'forcedOff'>;
}

type Readings = [ReadOperation, keyof MeterReadingView][];

/** What the meters page reads: everything the profile maps. */
const READINGS: Readings = [
  ['readEnergy', 'energyKwh'],
  ['readEnergySharp', 'sharpKwh'],
  ['readEnergyPeak', 'peakKwh'],
  ['readEnergyFlat', 'flatKwh'],
  ['readEnergyValley', 'valleyKwh'],
  ['readRemainingMoney', 'remainingFen'],
  ['readPurchaseCount', 'purchaseCount'],
  ['readCumulativePurchased', 'cumulativePurchasedFen'],
  ['readPrice', 'priceYuan'],
  ['readVoltage', 'voltage'],
  ['readCurrent', 'current'],
  ['readPower', 'powerKw'],
];
/** What a poll reads: enough for the history, the alarms and settling a recharge. */
const POLLED: Readings = [
  ['readEnergy', 'energyKwh'],
  ['readRemainingMoney', 'remainingFen'],
  ['readPurchaseCount', 'purchaseCount'],
  ['readCumulativePurchased', 'cumulativePurchasedFen'],
];
/** What a poll reads of an account the office bills itself: its energy, by rate for pricing. */
const POLLED_FOR_BILLING: Readings = [
  ['readEnergy', 'energyKwh'],
  ['readEnergySharp', 'sharpKwh'],
  ['readEnergyPeak', 'peakKwh'],
  ['readEnergyFlat', 'flatKwh'],
  ['readEnergyValley', 'valleyKwh'],
];
const IN_FEN = new Set<keyof MeterReadingView>(['remainingFen', 'cumulativePurchasedFen']);

const RELAY_OPERATION: Record<RelayCommand, RelayOperation> = {
  trip: 'relayTrip',
  allowClose: 'relayAllowClose',
  keepPower: 'keepPower',
};

/** Status word 3, bit 4: the relay is open (assumed pending the vendor, docs/protocols.md). */
export const relayOf = (word: string): 'open' | 'closed' =>
  (parseInt(word, 16) & 0x10) !== 0 ? 'open' : 'closed';

export const LIMIT_OPERATION: Record<keyof MeterLimits, SettingOperation> = {
  alarm1Fen: 'setAlarm1',
  alarm2Fen: 'setAlarm2',
  overdraftFen: 'setOverdraft',
  hoardingFen: 'setHoarding',
};

const KIND_OF_COMMAND: Record<MeterCommand, DeviceOperationKind> = {
  trip: 'relayCommand',
  allowClose: 'relayCommand',
  keepPower: 'relayCommand',
  setLimits: 'limitPush',
  setTariff: 'tariffPush',
  setBoxControls: 'boxControlPush',
  force: 'relayCommand',
};

/**
 * Whether a failed command's outcome is unknown and left pending: a relay command the meter did
 * not confirm, or a tariff or limit push cut off by a silent meter or a failing line after frames
 * went out (it may have landed whole or in part; unconfirmedPushes.ts reads it back). A meter that
 * answered with a refusal, or a read-back that differs, is a failure known for sure.
 */
function unconfirmed(command: MeterCommand, error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code === 'METER_COMMAND_UNCONFIRMED') return true;
  const readBack = (READ_BACK_KINDS as readonly DeviceOperationKind[]).includes(
    KIND_OF_COMMAND[command],
  );
  return readBack && (error.code === 'METER_NO_ANSWER' || error.code === 'METER_LINE_FAILED');
}

/** A reading's registers in 0.01 kWh (by rate only when the meter gave all four). */
function registersOf(view: MeterReadingView): MeterRegisters | null {
  if (view.energyKwh === null) return null;
  const rates = [view.sharpKwh, view.peakKwh, view.flatKwh, view.valleyKwh];
  return {
    total: Math.round(view.energyKwh * 100),
    rates: rates.every((r) => r !== null)
      ? (rates.map((r) => Math.round(r * 100)) as [number, number, number, number])
      : null,
  };
}

export class MeterDesk {
  /** Line commands being sent right now (begun, not resolved yet). */
  private readonly inFlight = new Set<number>();

  constructor(private readonly deps: MeterDeskDeps) {}

  /** Whether this journaled command is being sent right now. */
  sending(operationId: number): boolean {
    return this.inFlight.has(operationId);
  }

  private onLine(meterId: number): MeterView {
    const meter = this.deps.meters.byId(meterId);
    if (!meter) throw new AppError('METER_NOT_FOUND');
    if (meter.kind === 'card') throw new AppError('METER_NOT_ON_LINE', { meterNo: meter.meterNo });
    return meter;
  }

  /** Everything the meter will say; a value it refuses is listed, a meter that is silent throws. */
  read(meterId: number, now: Date, write: Write): Promise<MeterReadingView> {
    return this.take(this.onLine(meterId), READINGS, now, write);
  }

  /**
   * 主站计费 starts (an account opened, a meter replaced) from the meter's registers as they stand:
   * read now if the meter answers; a silent one gives them at its next reading (the account shows
   * 待读底数 until then). Nothing for an account whose meter holds the money.
   */
  async startBilling(
    account: { billing: string; meterId: number },
    now: Date,
    write: Write,
  ): Promise<void> {
    if (account.billing !== 'office') return;
    await this.poll(account.meterId, now, write).catch(() => null);
  }

  /**
   * One meter's turn in a poll or a batch read: the few values the history needs, kept; a credit
   * below the office's threshold raises a low-credit alarm, and a silent meter a no-answer alarm.
   */
  async poll(meterId: number, now: Date, write: Write): Promise<MeterReadingView> {
    const meter = this.onLine(meterId);
    const { alarms } = this.deps;
    const account = this.deps.accounts.openOnMeter(meterId) ?? null;
    const at = now.toISOString();
    try {
      // The alarms and the day's report go into the reading's own transaction.
      const readings = account?.billing === 'office' ? POLLED_FOR_BILLING : POLLED;
      const view = await this.take(meter, readings, now, write, (view) => {
        alarms.clear(meterId, 'no-answer', at);
        this.reportDaily(meter, account?.id ?? null, view);
        // The credit that runs out: the meter's own, or (主站计费) the office's balance after
        // this reading's charge.
        const credit =
          account?.billing === 'office'
            ? (view.charged?.balanceAfterFen ?? account.officeBalanceFen)
            : view.remainingFen;
        if (credit === null || !account || account.state !== 'active') return;
        if (credit < this.deps.settings.lowCreditFen()) {
          alarms.raise(meterId, account.id, 'low-credit', credit, at);
          this.deps.notices?.lowCredit(account, credit, now);
        } else alarms.clear(meterId, 'low-credit', at);
      });
      // The reading was charged: a balance that reached zero trips the meter now (主站计费).
      if (account?.billing === 'office')
        await this.deps.billingRelay?.enforce(account.id, now, write);
      // A dorm box's circuit: what it cut since the last poll goes to inspection. Its records
      // stay in the box until read, so one missed now is read at the next poll.
      await this.collectViolations(meter, account?.id ?? null, now, write).catch((error) => {
        view.problems.push(`readViolations: ${error instanceof Error ? error.message : ''}`);
      });
      return view;
    } catch (error) {
      if (error instanceof AppError && error.code === 'METER_NO_ANSWER')
        write(() => alarms.raise(meterId, account?.id ?? null, 'no-answer', null, at));
      throw error;
    }
  }

  /**
   * The first poll of an office day goes to inspection as the meter's report, so the consumption
   * rule sees its daily use (hourly readings would be too close together to say anything).
   */
  private reportDaily(meter: MeterView, accountId: number | null, view: MeterReadingView) {
    const { inspection } = this.deps;
    const written = officeDateTime(view.at);
    if (view.energyKwh === null || view.remainingFen === null || view.purchaseCount === null)
      return;
    if (inspection.hasBusReadingOn(meter.id, written.slice(0, 10))) return;
    inspection.takeReport(
      {
        meterId: meter.id,
        accountId,
        source: 'bus-reading',
        cardNo: '',
        report: {
          loadedCount: view.purchaseCount,
          remainingFen: view.remainingFen,
          cumulativeEnergy: Math.round(view.energyKwh * 100),
          // The line does not give the card meters' counters; none are claimed.
          illegalInsertCount: 0,
          tamperFlags: 0,
          writtenAt: written,
        },
      },
      view.at,
    );
  }

  private async take(
    meter: MeterView,
    readings: Readings,
    now: Date,
    write: Write,
    also: (view: MeterReadingView) => void = () => {},
  ): Promise<MeterReadingView> {
    const meterId = meter.id;
    const view: MeterReadingView = {
      meterId,
      meterNo: meter.meterNo,
      model: meter.model,
      at: now.toISOString(),
      energyKwh: null,
      remainingFen: null,
      purchaseCount: null,
      cumulativePurchasedFen: null,
      priceYuan: null,
      voltage: null,
      current: null,
      powerKw: null,
      relay: null,
      problems: [],
      settled: null,
      sharpKwh: null,
      peakKwh: null,
      flatKwh: null,
      valleyKwh: null,
      charged: null,
    };
    const { line } = this.deps;
    const attempt = async <T>(
      operation: string,
      work: (client: MeterClient) => Promise<T>,
    ): Promise<T | null> => {
      try {
        return await line.use(meter.meterNo, work);
      } catch (error) {
        // A value the meter does not have is noted; a meter that does not answer ends the read.
        if (
          error instanceof AppError &&
          ['METER_REFUSED', 'METER_NOT_MAPPED'].includes(error.code)
        ) {
          view.problems.push(
            `${operation}: ${error.params?.reasons ?? error.params?.detail ?? ''}`,
          );
          return null;
        }
        throw error;
      }
    };
    for (const [operation, field] of readings) {
      const reading = await attempt(operation, (c) => c.read(deviceOf(meter), operation));
      if (reading === null) continue;
      const value = Number(reading.value);
      (view as unknown as Record<string, number>)[field] = IN_FEN.has(field)
        ? Math.round(value * 100)
        : value;
    }
    const status = await attempt('readStatus', (c) => c.read(deviceOf(meter), 'readStatus'));
    if (status) view.relay = relayOf(String(status.value));
    return this.keep(meter, view, now, write, also);
  }

  /**
   * Settles an unconfirmed recharge of the meter's account (the meter is reachable now), then
   * stores the reading, what it says of the account's meter, and `also`, in one transaction.
   */
  private async keep(
    meter: MeterView,
    view: MeterReadingView,
    now: Date,
    write: Write,
    also: (view: MeterReadingView) => void,
  ): Promise<MeterReadingView> {
    const account = this.deps.accounts.openOnMeter(meter.id);
    if (account) view.settled = await this.deps.sales.settleAccount(account.id, now, write);
    const registers = registersOf(view);
    write(
      () => {
        const readingId = this.deps.meters.keepReading(meter.id, view, registers);
        if (account && view.remainingFen !== null && view.purchaseCount !== null)
          this.deps.accounts.observe(account.id, view.purchaseCount, view.remainingFen, view.at);
        // 主站计费: the reading is charged in its own transaction, once.
        if (account && registers) {
          const fresh = this.deps.accounts.byId(account.id)!;
          const charged = this.deps.billing.onReading(
            fresh,
            readingId,
            registers,
            view.at,
            now.toISOString(),
          );
          if (charged)
            view.charged = {
              amountFen: charged.amountFen,
              balanceAfterFen: charged.balanceAfterFen,
              baseline: charged.baseline,
            };
        }
        also(view);
      },
      () => ({ meterNo: meter.meterNo, reading: { ...view, problems: view.problems.length } }),
    );
    return view;
  }

  /**
   * Journals the command pending in the device journal (before the frame goes out) and returns
   * how to resolve it: committed once the meter read back what it was sent, voided with the error
   * when it refused or did not answer.
   */
  private begin(
    meter: MeterView,
    command: MeterCommand,
    reason: string,
    detail: unknown,
    operatorId: number,
    now: Date,
    write: Write,
  ) {
    const payload: LineCommandPayload = { command, reason, detail };
    const { id } = write(
      () =>
        this.deps.journal.begin(
          {
            kind: KIND_OF_COMMAND[command],
            target: 'remote',
            meterId: meter.id,
            accountId: null,
            payload,
            operatorId,
          },
          now.toISOString(),
        ),
      (operation) => ({
        phase: 'pending',
        commandId: operation.id,
        meterNo: meter.meterNo,
        command,
        reason,
      }),
    );
    const resolve = (state: 'done' | 'failed', error: string | null, also?: () => void) =>
      write(
        () => {
          this.deps.journal.resolve(
            id,
            state === 'done' ? 'committed' : 'voided',
            state === 'done' ? { readBack: true } : { error },
            new Date().toISOString(),
          );
          if (state === 'done') also?.();
        },
        () => ({ phase: state, commandId: id, meterNo: meter.meterNo, error }),
      );
    return { id, resolve };
  }

  private credentials() {
    const password = this.deps.settings.meterPassword();
    if (!password) throw new AppError('METER_PASSWORD_NOT_SET');
    return { password, operator: this.deps.settings.meterOperatorCode() };
  }

  /**
   * Runs a command on a meter through the command journal: pending before anything is sent, done
   * when `work` has sent it and read back what the meter holds, failed when the meter refused or
   * did not answer. An unconfirmed command (sent, not seen) stays pending.
   */
  private async journaled(
    request: { meterId: number; reason: string },
    command: MeterCommand,
    detail: unknown,
    operatorId: number,
    now: Date,
    write: Write,
    work: (meter: MeterView, who: ReturnType<MeterDesk['credentials']>) => Promise<void>,
    /** Booked in the transaction that records the command done, so the two cannot part. */
    also?: () => void,
  ): Promise<MeterCommandView> {
    const meter = this.onLine(request.meterId);
    const who = this.credentials();
    const { id, resolve } = this.begin(
      meter,
      command,
      request.reason,
      detail,
      operatorId,
      now,
      write,
    );
    this.inFlight.add(id);
    try {
      await work(meter, who);
    } catch (error) {
      if (!unconfirmed(command, error))
        resolve('failed', error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      this.inFlight.delete(id);
    }
    resolve('done', null, also);
    return this.command(id)!;
  }

  relay(
    request: { meterId: number; command: RelayCommand; reason: string },
    operatorId: number,
    now: Date,
    write: Write,
    /** What the books say of the relay once the meter shows it (the office's billing flag). */
    also?: () => void,
  ): Promise<MeterCommandView> {
    // The meter ignores a command whose time has passed: ten minutes is room for retries.
    const until = officeDateTime(new Date(now.getTime() + 10 * 60_000).toISOString());
    const { line } = this.deps;
    return this.journaled(
      request,
      request.command,
      null,
      operatorId,
      now,
      write,
      async (meter, who) => {
        await line.use(meter.meterNo, (c) =>
          c.relay(deviceOf(meter), RELAY_OPERATION[request.command], until, who),
        );
        let relay: 'open' | 'closed';
        try {
          const status = await line.use(meter.meterNo, (c) =>
            c.read(deviceOf(meter), 'readStatus'),
          );
          relay = relayOf(String(status.value));
        } catch {
          // Sent and acknowledged, but not seen: stays pending until the meter is read again.
          throw new AppError('METER_COMMAND_UNCONFIRMED', { meterNo: meter.meterNo });
        }
        const expected =
          request.command === 'trip' ? 'open' : request.command === 'keepPower' ? 'closed' : null;
        if (expected && relay !== expected)
          throw new AppError('METER_REFUSED', {
            meterNo: meter.meterNo,
            reasons: `relay still ${relay}`,
          });
      },
      also,
    );
  }

  /** 参数下发: money limits written with the password, each read back to be sure. */
  setLimits(
    request: { meterId: number; limits: MeterLimits; reason: string },
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<MeterCommandView> {
    const { line } = this.deps;
    return this.journaled(
      request,
      'setLimits',
      request.limits,
      operatorId,
      now,
      write,
      async (meter, who) => {
        for (const [name, fen] of Object.entries(request.limits) as [keyof MeterLimits, number][]) {
          const operation = LIMIT_OPERATION[name]!;
          await line.use(meter.meterNo, (c) => c.setLimit(deviceOf(meter), operation, fen, who));
          const back = await line.use(meter.meterNo, (c) =>
            c.readLimit(deviceOf(meter), operation),
          );
          if (back !== fen)
            throw new AppError('METER_REFUSED', {
              meterNo: meter.meterNo,
              reasons: `${name} reads ${back} after writing ${fen}`,
            });
        }
      },
    );
  }

  /**
   * 调价下发: the tariff in force on the meter's account, as the meter's four rate prices and, for
   * time of use, its day segments (padded to the table's 8 by repeating the last).
   */
  pushTariff(
    request: { meterId: number; reason: string },
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<MeterCommandView> {
    const account = this.deps.accounts.openOnMeter(request.meterId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    const version = this.deps.tariffs.versionAt(account.tariffId, now);
    if (!version) throw new AppError('TARIFF_NOT_IN_FORCE', { name: '' });
    const tariff = meterTariff(version.definition);
    const { line } = this.deps;
    return this.journaled(
      request,
      'setTariff',
      { tariffVersionId: version.id, ...tariff },
      operatorId,
      now,
      write,
      (meter, who) => line.use(meter.meterNo, (c) => c.setTariff(deviceOf(meter), tariff, who)),
    );
  }

  /**
   * A dorm box circuit's controls (time control, power limit, malignant loads) written with the
   * password and each read back (assumed DIs, docs/protocols.md).
   */
  setBoxControls(
    request: {
      meterId: number;
      controls: BoxControls;
      reason: string;
      /** The campus calendar switching the day's mode, not the office setting the controls. */
      byCalendar?: boolean;
    },
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<MeterCommandView> {
    const { line, timeControls } = this.deps;
    const time = request.controls.timeControl;
    return this.journaled(
      request,
      'setBoxControls',
      request.controls,
      operatorId,
      now,
      write,
      (meter, who) =>
        line.use(meter.meterNo, (c) => c.setBoxControls(deviceOf(meter), request.controls, who)),
      // Booked with the command done: what the circuit holds is what the books say.
      () => {
        if (!time || !timeControls) return;
        const at = now.toISOString();
        if (request.byCalendar) timeControls.applied(request.meterId, time.mode, at);
        else timeControls.keep(request.meterId, time, time.mode, at);
      },
    );
  }

  /** What a box circuit holds of its controls, and whether it has power now, read live. */
  readBoxControls(
    meterId: number,
  ): Promise<Required<BoxControls> & { forced: ForcedMode; relay: 'open' | 'closed' }> {
    const meter = this.onLine(meterId);
    return this.deps.line.use(meter.meterNo, async (c) => ({
      ...(await c.readBoxControls(deviceOf(meter))),
      forced: await c.readForced(deviceOf(meter)),
      relay: relayOf(String((await c.read(deviceOf(meter), 'readStatus')).value)),
    }));
  }

  /**
   * 强制控制 on a box circuit: forced on past its time table, forced off past everything, or
   * released to its own controls; read back, then the relay read to show what it did.
   */
  force(
    request: { meterId: number; mode: ForcedMode; reason: string },
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<MeterCommandView> {
    const { line } = this.deps;
    return this.journaled(
      request,
      'force',
      { mode: request.mode },
      operatorId,
      now,
      write,
      async (meter, who) => {
        await line.use(meter.meterNo, (c) => c.forceControl(deviceOf(meter), request.mode, who));
        if (request.mode !== 'off') return;
        const status = await line.use(meter.meterNo, (c) => c.read(deviceOf(meter), 'readStatus'));
        if (relayOf(String(status.value)) !== 'open')
          throw new AppError('METER_REFUSED', {
            meterNo: meter.meterNo,
            reasons: 'relay still closed after forced off',
          });
      },
      // The room is told it was cut off, in the write that records it done.
      () => {
        if (request.mode !== 'off') return;
        const account = this.deps.accounts.openOnMeter(request.meterId);
        if (account) this.deps.notices?.forcedOff(account, request.reason, now);
      },
    );
  }

  /**
   * A box circuit's violation records since the last kept, into the books with the findings
   * they raise (inside `write`). Nothing for a meter that keeps none (not a box).
   */
  async collectViolations(
    meter: MeterView,
    accountId: number | null,
    now: Date,
    write: Write,
  ): Promise<number> {
    const { inspection, line } = this.deps;
    if (mappingOf(meter.model, 'readViolations', meter.protocol).mapping.kind === 'unavailable')
      return 0;
    const last = inspection.lastViolation(meter.id);
    const read = await line.use(meter.meterNo, (c) =>
      c.readViolations(deviceOf(meter), last?.seq ?? 0),
    );
    // A count below what was kept: the box was cleared or replaced; its records start again.
    const records =
      last && read.count < last.seq
        ? (await line.use(meter.meterNo, (c) => c.readViolations(deviceOf(meter), 0))).records
        : read.records;
    if (records.length === 0) return 0;
    const found = write(
      () => inspection.takeViolations(meter.id, accountId, records, now.toISOString()),
      (f) => ({
        meterNo: meter.meterNo,
        violations: records.length,
        findings: f.length,
        missed: read.missed,
      }),
    );
    return found.length;
  }

  command(id: number): MeterCommandView | undefined {
    return this.deps.journal.lineCommand(id);
  }

  commands(filter: { meterId?: number; limit: number }): MeterCommandView[] {
    return this.deps.journal.lineCommands(filter);
  }
}

/** A tariff as a meter holds it: four rate prices and, for time of use, 8 day segments. */
export function meterTariff(definition: TariffDefinition): {
  prices: [number, number, number, number];
  segments: string | null;
} {
  if (definition.kind === 'flat') {
    const p = definition.price;
    return { prices: [p, p, p, p], segments: null };
  }
  if (definition.kind === 'tou') {
    const { rates } = definition;
    const entries = definition.segments.map((s) => `${s.start}/${TOU_RATES.indexOf(s.rate) + 1}`);
    while (entries.length < 8) entries.push(entries[entries.length - 1]!);
    return {
      prices: [
        rates.sharp ?? rates.flat,
        rates.peak ?? rates.flat,
        rates.flat,
        rates.valley ?? rates.flat,
      ],
      segments: entries.join(','),
    };
  }
  throw new AppError('METER_NOT_MAPPED', {
    detail: 'stepped tariffs are not pushed to meters yet; the office charges them at the sale',
  });
}
