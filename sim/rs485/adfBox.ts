// A simulated ADF300 multi-user box: up to 36 prepaid circuits, each a meter of its own on the
// bus at its address (circuitAddress: the ADF400L's public addressing), each taking remote
// recharges under the key it was installed with, relay and limits, and counting its own energy.
// Beyond a prepaid meter, each circuit keeps the box's own controls at the assumed DIs
// (meter-link/devices/boxControl.ts) and acts on them as simulated time goes by, minute by minute:
// loads plugged in draw power and use energy and money; the time tables cut and restore power; a
// load over the power limit, or a resistive one (a heater) not on the allow-list, trips the
// circuit, which closes again after the delay up to the day's restores; forced off cuts it
// whatever else says, forced on lets it past its time table; each trip or forcing is a record.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import {
  BOX_DI,
  parsePowerWindows,
  parseSwitchPoints,
  powerAt,
  switchPoints,
  violationCode,
  violationDi,
  VIOLATIONS_KEPT,
} from '../../meter-link/devices/boxControl';
import { boxDiAt, bytesToRegisters, registersToBytes } from '../../meter-link/devices/boxControl';
import {
  dataId,
  decodeValue,
  encodeValue,
  formatBytes,
  ValueError,
} from '../../meter-link/dlt645/dataIds';
import { FUNCTION, type ModbusReply, type ModbusRequest } from '../../meter-link/modbus/rtu';
import { circuitAddress } from '../../meter-link/profiles/profiles';
import type { ViolationKind } from '../../shared/api/boxControls';
import { exceptionTo, NkMeter, type NkMeterState } from './nkMeter';

/** Something plugged into a room's circuit. */
export interface Load {
  name: string;
  watts: number;
  powerFactor: number;
}

interface Record {
  at: string;
  kind: ViolationKind;
  kw: number;
}

/** Why the box holds a circuit open by itself, and until which minute (null: until the office). */
interface Lockout {
  kind: 'malignantLoad' | 'overPower';
  until: number | null;
}

const MINUTE = 60_000;
/** The box's wall clock as minutes (UTC arithmetic on the office's wall-clock text). */
const minuteOf = (clock: string) => Date.parse(`${clock.replace(' ', 'T')}Z`) / MINUTE;
const clockOf = (minute: number) =>
  new Date(minute * MINUTE).toISOString().slice(0, 19).replace('T', ' ');

/** What a circuit keeps beyond the meter's state across a restart (training's meter room). */
export interface AdfSaved {
  controls: [string, number | string][];
  records: Record[];
  officeOpen: boolean;
  lockout: Lockout | null;
}

export class AdfCircuit extends NkMeter {
  /** The box's controls as they stand at the assumed DIs (the wire's values). */
  readonly controls = new Map<string, number | string>([
    [BOX_DI.timeMode, 0],
    [BOX_DI.weekday, switchPoints([{ from: '00:00', to: '24:00' }])],
    [BOX_DI.holiday, switchPoints([{ from: '00:00', to: '24:00' }])],
    [BOX_DI.powerLimit, 0],
    [BOX_DI.powerRestore, 0],
    [BOX_DI.malignantOn, 0],
    [BOX_DI.powerFactorMin, 0.95],
    [BOX_DI.stepMin, 0.8],
    [BOX_DI.malignantRestore, 5],
    [BOX_DI.restoresMax, 3],
    [BOX_DI.allowed, '0.0000-0.0000,0.0000-0.0000,0.0000-0.0000,0.0000-0.0000'],
    [BOX_DI.forced, 0],
  ]);
  readonly records: Record[] = [];
  loads: Load[] = [];
  private officeOpen = false;
  private moneyOut = false;
  private lockout: Lockout | null = null;
  private restores = { day: '', used: 0 };
  /** Energy used and not yet a whole 0.01 kWh (Wh). */
  private partWh = 0;

  private get forced() {
    return Number(this.controls.get(BOX_DI.forced));
  }

  get power(): number {
    return this.state.relay === 'closed' ? this.loads.reduce((w, l) => w + l.watts, 0) : 0;
  }

  /** Why the relay is open now, for tests to say what they saw; null when closed. */
  get openBecause(): string | null {
    if (this.forced === 2) return 'forcedOff';
    if (this.officeOpen) return 'office';
    if (this.lockout) return this.lockout.kind;
    if (this.moneyOut) return 'money';
    if (!this.timeAllows()) return 'timeControl';
    return null;
  }

  /** Whether the time control lets the circuit have power now. */
  private timeAllows(): boolean {
    const mode = Number(this.controls.get(BOX_DI.timeMode));
    if (mode === 0 || this.forced === 1) return true;
    const clock = this.state.clock;
    const weekend = [0, 6].includes(new Date(`${clock.slice(0, 10)}T00:00:00Z`).getUTCDay());
    const holiday = mode === 3 || (mode === 1 && weekend);
    const table = this.controls.get(holiday ? BOX_DI.holiday : BOX_DI.weekday)!;
    return powerAt(parseSwitchPoints(table), clock.slice(11, 16));
  }

  protected override value(di: string): number | string | null {
    if (this.controls.has(di)) return this.controls.get(di)!;
    if (di === BOX_DI.violationCount) return this.records.length;
    for (let back = 1; back <= VIOLATIONS_KEPT; back += 1) {
      if (di !== violationDi(back)) continue;
      const r = this.records[this.records.length - back];
      return r ? `${r.at}/${violationCode(r.kind)}/${r.kw.toFixed(4)}` : null;
    }
    if (di === '02030000') return this.power / 1_000;
    if (di === '02010100') return 220;
    if (di === '02020100') return Math.round((this.power / 220) * 1_000) / 1_000;
    return super.value(di);
  }

  protected override writeOther(di: string, value: number | string): boolean {
    if (!this.controls.has(di)) return false;
    if (di === BOX_DI.forced && Number(value) !== this.forced && Number(value) > 0)
      this.record(Number(value) === 2 ? 'forcedOff' : 'forcedOn');
    this.controls.set(di, value);
    return true;
  }

  /** The box's DIs over Modbus: their data bytes in holding registers (boxRegister). */
  override answerModbus(request: ModbusRequest): ModbusReply {
    const { unit, fn, data } = request;
    const di = boxDiAt(data.readUInt16BE(0));
    if (!di) return super.answerModbus(request);
    const exception = (code: number) => exceptionTo(request, code);
    const known = dataId(di)!;
    const length = formatBytes(known.format);
    const words = Math.ceil(length / 2);
    const count = data.readUInt16BE(2);
    if (count !== words) return exception(2);
    if (fn === FUNCTION.readHolding) {
      const value = this.value(di);
      if (value === null) return exception(2);
      return {
        kind: 'registers',
        unit,
        fn,
        registers: bytesToRegisters(encodeValue(known.format, value)),
      };
    }
    if (fn !== FUNCTION.writeMultiple) return exception(1);
    if (!known.writable) return exception(2);
    const registers = Array.from({ length: count }, (_, i) => data.readUInt16BE(5 + i * 2));
    let value: number | string;
    try {
      value = decodeValue(known.format, registersToBytes(registers, length));
    } catch (error) {
      if (error instanceof ValueError) return exception(3);
      throw error;
    }
    if (!this.writeOther(di, value)) return exception(2);
    this.programmed.push({ di, value, at: Date.now() });
    this.settle();
    return { kind: 'written', unit, fn, register: data.readUInt16BE(0), value: count };
  }

  protected override relayCommand(action: number): void {
    if (action === 0x1a) this.officeOpen = true;
    else if (action === 0x1b || action === 0x3a) {
      // The office closing it ends the box's own hold as well (the restores of the day too).
      this.officeOpen = false;
      this.lockout = null;
      this.restores.used = 0;
    }
  }

  protected override settle(): void {
    const s = this.state;
    const overdraft = s.overdraftFen;
    if (this.moneyOut && s.remainingFen > -overdraft) this.moneyOut = false;
    s.relay = this.openBecause === null ? 'closed' : 'open';
  }

  /** The box's side of the circuit, to be given back to `restore` after a restart. */
  saved(): AdfSaved {
    return {
      controls: [...this.controls],
      records: [...this.records],
      officeOpen: this.officeOpen,
      lockout: this.lockout,
    };
  }

  restore(saved: AdfSaved): void {
    for (const [di, value] of saved.controls)
      if (this.controls.has(di)) this.controls.set(di, value);
    this.records.splice(0, this.records.length, ...saved.records);
    this.officeOpen = saved.officeOpen;
    this.lockout = saved.lockout;
    this.moneyOut = this.state.remainingFen <= -this.state.overdraftFen;
    this.settle();
  }

  private record(kind: ViolationKind) {
    const kw = this.loads.reduce((w, l) => w + l.watts, 0) / 1_000;
    this.records.push({ at: this.state.clock.slice(0, 16), kind, kw });
  }

  /** One minute of the box's time: restores due, detection, then the minute's energy. */
  minute(): void {
    const s = this.state;
    const now = minuteOf(s.clock) + 1;
    s.clock = clockOf(now);
    const day = s.clock.slice(0, 10);
    if (this.restores.day !== day) this.restores = { day, used: 0 };
    if (this.lockout?.until !== null && this.lockout !== null && now >= this.lockout.until)
      this.lockout = null;
    this.settle();
    if (s.relay === 'closed') this.detect(now);
    this.settle();
    this.use(this.power / 60);
  }

  /** The box's checks on what is drawing power, each a trip and a record when it fires. */
  private detect(now: number) {
    const c = (di: string) => Number(this.controls.get(di));
    const total = this.loads.reduce((w, l) => w + l.watts, 0);
    const allowed = parsePowerWindows(this.controls.get(BOX_DI.allowed)!);
    const heater = this.loads.some(
      (l) =>
        l.powerFactor >= c(BOX_DI.powerFactorMin) &&
        l.watts >= c(BOX_DI.stepMin) * 1_000 &&
        !allowed.some((w) => l.watts >= w.fromW && l.watts <= w.toW),
    );
    if (c(BOX_DI.malignantOn) === 1 && heater) {
      this.record('malignantLoad');
      const restoring = this.restores.used < c(BOX_DI.restoresMax);
      if (restoring) this.restores.used += 1;
      this.lockout = {
        kind: 'malignantLoad',
        until: restoring ? now + c(BOX_DI.malignantRestore) : null,
      };
      return;
    }
    const limitW = c(BOX_DI.powerLimit) * 1_000;
    if (limitW > 0 && total > limitW) {
      this.record('overPower');
      const after = c(BOX_DI.powerRestore);
      this.lockout = { kind: 'overPower', until: after > 0 ? now + after : null };
    }
  }

  /** Energy drawn (Wh) counted and paid for from the circuit's money at its price. */
  private use(wh: number) {
    const s = this.state;
    this.partWh += wh;
    const hundredths = Math.floor(this.partWh / 10);
    if (hundredths === 0) return;
    this.partWh -= hundredths * 10;
    s.energyE2 += hundredths;
    if (s.holdsMoney === false) return;
    // priceE4 is 1e-4 yuan/kWh: 0.01 kWh costs priceE4 / 10,000 fen.
    s.remainingFen -= Math.round((hundredths * s.priceE4) / 10_000);
    if (s.remainingFen <= -s.overdraftFen) this.moneyOut = true;
    this.settle();
  }
}

export class AdfBox {
  readonly circuits: AdfCircuit[];

  constructor(
    readonly boxNo: string,
    size: number,
    officeSecret: Buffer,
    init: (circuit: number) => Partial<NkMeterState> = () => ({}),
  ) {
    this.circuits = Array.from({ length: size }, (_, i) => {
      const address = circuitAddress(boxNo, i + 1);
      return new AdfCircuit({ ...init(i + 1), address }, meterRechargeKey(officeSecret, address));
    });
  }

  /** Circuit `n`, counted from 1 as on the box's label. */
  circuit(n: number): AdfCircuit {
    const circuit = this.circuits[n - 1];
    if (!circuit) throw new RangeError(`box ${this.boxNo} has no circuit ${n}`);
    return circuit;
  }

  /** Sets the box's clock ("YYYY-MM-DD hh:mm:ss"), as a time sync from the office would. */
  setClock(clock: string): void {
    for (const c of this.circuits) c.state.clock = clock;
  }

  /** Lets `minutes` of simulated time go by, every circuit minute by minute. */
  advance(minutes: number): void {
    for (let m = 0; m < minutes; m += 1) for (const c of this.circuits) c.minute();
  }
}

/** The circuits of a box as meters on the bus (the box's own functions included). */
export function adfBox(
  boxNo: string,
  circuits: number,
  officeSecret: Buffer,
  init: (circuit: number) => Partial<NkMeterState> = () => ({}),
): AdfCircuit[] {
  return new AdfBox(boxNo, circuits, officeSecret, init).circuits;
}
