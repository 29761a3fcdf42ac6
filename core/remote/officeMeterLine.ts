// The office's RS485 meter line as the backend uses it: built from the settings (a USB-RS485
// adapter or a TCP serial gateway), one arbiter for it, rebuilt when a supervisor changes it. Every
// use goes through `use`, which turns line and meter failures into the coded errors a cashier or
// technician reads, and keeps the outcome for the status bar and the meters page.
import { BusArbiter, BusError, DLT645_LINE } from '../../meter-link/bus/arbiter';
import type { Line } from '../../meter-link/bus/line';
import { SerialLine } from '../../meter-link/bus/serialLine';
import { defaultGapMs, GATEWAY_GAP_MS } from '../../shared/lineTiming';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import {
  MeterClient,
  MeterRefusal,
  NotMapped,
  type DeviceRef,
} from '../../meter-link/devices/meterClient';
import { circuitAddress, profileOf } from '../../meter-link/profiles/profiles';
import type { MeterView } from '../../shared/api/ledgerTypes';
import type { MeterLineConfig, MeterLineStatus } from '../../shared/api/meterLink';
import type { BusState, HardwareStatus } from '../../shared/api/types';
import { AppError, type ApiError } from '../../shared/errors';
import type { Disposable } from '../events';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../office/settingsStore';

interface Open {
  config: string;
  line: Line;
  bus: BusArbiter;
  client: MeterClient;
}

/** A meter of the books as the line addresses it (a box's circuit at its own address). */
/** How a meter is reached on the line (a meter not yet in the books has these too). */
export type LineAddress = Pick<
  MeterView,
  'meterNo' | 'model' | 'protocol' | 'circuit' | 'modbusUnit'
>;

export const deviceOf = (meter: LineAddress): DeviceRef => ({
  model: meter.model,
  protocol: meter.protocol,
  address: circuitAddress(
    meter.meterNo,
    meter.circuit,
    profileOf(meter.model, meter.protocol)?.phases ?? 1,
  ),
  unit: meter.modbusUnit,
});

export function lineOf(config: MeterLineConfig): Line {
  return config.kind === 'tcp'
    ? new TcpLine(config.host, config.port)
    : new SerialLine(config.path, {
        baudRate: config.baudRate,
        parity: config.parity,
        stopBits: 1,
      });
}

/** The line's own gap, or the one its speed calls for. */
export const lineGapMs = (config: MeterLineConfig): number =>
  config.gapMs ?? (config.kind === 'tcp' ? GATEWAY_GAP_MS : defaultGapMs(config));

export class OfficeMeterLine {
  private open: Open | null = null;
  private last: MeterLineStatus['lastOutcome'] = null;
  private readonly listeners = new Set<(bus: BusState) => void>();

  constructor(private readonly deps: { settings: SettingsStore; log: Logger; clock: () => Date }) {}

  private current(): Open {
    const config = this.deps.settings.meterLine();
    if (!config) throw new AppError('METER_LINE_NOT_SET');
    const key = JSON.stringify(config);
    if (this.open?.config !== key) {
      void this.open?.line.close();
      const line = lineOf(config);
      const bus = new BusArbiter(line, { ...DLT645_LINE, gapMs: lineGapMs(config) });
      this.open = { config: key, line, bus, client: new MeterClient(bus) };
    }
    return this.open;
  }

  /**
   * Runs `work` on the line for the device at `meterNo` (a meter, or a terminal), with failures as
   * coded errors. `work` gets the meter operations and, for other devices, the arbiter itself.
   */
  async use<T>(
    meterNo: string,
    work: (client: MeterClient, bus: BusArbiter) => Promise<T>,
  ): Promise<T> {
    const open = this.current();
    try {
      const result = await work(open.client, open.bus);
      this.record(true, null);
      return result;
    } catch (error) {
      const coded = this.coded(error, meterNo, open.line.name);
      // A refusal is the meter answering: the line itself is fine.
      this.record(coded.code === 'METER_REFUSED', coded.toApiError());
      throw coded;
    }
  }

  private coded(error: unknown, meterNo: string, line: string): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof MeterRefusal)
      return new AppError(
        'METER_REFUSED',
        { meterNo, reasons: error.reasons.join(', ') },
        { cause: error },
      );
    if (error instanceof NotMapped)
      return new AppError('METER_NOT_MAPPED', { detail: error.message });
    if (error instanceof BusError && error.code === 'BUS_TIMEOUT')
      return new AppError('METER_NO_ANSWER', { meterNo }, { cause: error });
    return new AppError(
      'METER_LINE_FAILED',
      { line, detail: (error as Error).message },
      { cause: error },
    );
  }

  private record(ok: boolean, error: ApiError | null) {
    const before = this.busState();
    this.last = { at: this.deps.clock().toISOString(), ok, error };
    const after = this.busState();
    if (JSON.stringify(before) !== JSON.stringify(after))
      for (const listener of this.listeners) listener(after);
  }

  /** Changes take effect on the next use; the old line is closed now. */
  reconfigured(): void {
    void this.open?.line.close();
    this.open = null;
    this.last = null;
    const state = this.busState();
    for (const listener of this.listeners) listener(state);
  }

  busState(): BusState {
    const config = this.deps.settings.meterLine();
    if (!config) return { state: 'none', reason: 'no-port' };
    const line = config.kind === 'tcp' ? `${config.host}:${config.port}` : config.path;
    return { state: 'ready', line, ok: this.last?.ok ?? null };
  }

  status(): MeterLineStatus {
    const state = this.busState();
    const stats = this.open?.bus.stats ?? {
      sent: 0,
      replied: 0,
      timeouts: 0,
      rejected: 0,
      retries: 0,
    };
    return {
      line: state.state === 'ready' ? state.line : null,
      stats: { ...stats },
      lastOutcome: this.last,
    };
  }

  onChange(listener: (bus: BusState) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async close(): Promise<void> {
    await this.open?.line.close();
    this.open = null;
  }
}

/** The reader's status (or none) with the meter line's beside it, for the status bar. */
export function withMeterLine(
  reader: { current(): HardwareStatus; onChange(l: (s: HardwareStatus) => void): Disposable },
  meterLine: OfficeMeterLine,
) {
  const listeners = new Set<(status: HardwareStatus) => void>();
  const current = (): HardwareStatus => ({ ...reader.current(), bus: meterLine.busState() });
  const emit = () => {
    for (const listener of listeners) listener(current());
  };
  const subscriptions = [reader.onChange(emit), meterLine.onChange(emit)];
  return {
    current,
    onChange(listener: (status: HardwareStatus) => void): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}
