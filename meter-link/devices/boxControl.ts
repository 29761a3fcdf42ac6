// The ADF box's controls as the office means them (shared/api/boxControls.ts) and as its DIs carry
// them (dataIds.ts, assumed): on-periods become switch points, watts become kW, the forced mode
// and the time-control mode become numbers, a violation record's text becomes a record.
import {
  FORCED_MODES,
  TIME_CONTROL_MODES,
  VIOLATION_KINDS,
  type BoxViolation,
  type ForcedMode,
  type MalignantLoad,
  type OnPeriod,
  type PowerLimit,
  type TimeControlMode,
} from '../../shared/api/boxControls';
import { DATA_IDS, type DiValue } from '../dlt645/dataIds';

/** Switch points a day table holds on the wire (two per on-period). */
export const SWITCH_POINTS = 16;
/** Allowed windows the malignant-load allow-list holds on the wire. */
export const POWER_WINDOWS = 4;

export const BOX_DI = {
  timeMode: '04A10001',
  weekday: '04A10002',
  holiday: '04A10003',
  powerLimit: '04A20001',
  powerRestore: '04A20002',
  malignantOn: '04A30001',
  powerFactorMin: '04A30002',
  stepMin: '04A30003',
  malignantRestore: '04A30004',
  restoresMax: '04A30005',
  allowed: '04A30006',
  forced: '04A40001',
  violationCount: '04A50000',
} as const;

/**
 * Where a box DI's value sits over Modbus-RTU (assumed, as the DIs are: docs/protocols.md): its
 * DL/T 645 data bytes as they are (same format, same byte order), two to a holding register, first
 * byte high, an odd length padded with 00; read with 03, written with 10. Each DI has 32 registers
 * from 0x1000 + (DI2 − A1) × 0x400 + DI0 × 0x20, so 04A10002 is at 0x1040 and 04A50010 (the
 * tenth record back) at 0x2200.
 */
export function boxRegister(di: string): number {
  const group = parseInt(di.slice(2, 4), 16) - 0xa1;
  const item = parseInt(di.slice(6, 8), 16);
  if (!/^04A[1-5]00[0-9A-F]{2}$/.test(di) || item >= 0x20)
    throw new RangeError(`${di} is not a box DI`);
  return 0x1000 + group * 0x400 + item * 0x20;
}

/** Every box DI (04A1xxxx–04A5xxxx) in the registry. */
const BOX_DIS = [...DATA_IDS.keys()].filter((di) => /^04A[1-5]/.test(di));

/** The box DI whose registers start at `register`, if any (the simulated box answers by it). */
export function boxDiAt(register: number): string | undefined {
  return BOX_DIS.find((di) => boxRegister(di) === register);
}

/** A DI's data bytes as holding registers (boxRegister), and back. */
export function bytesToRegisters(bytes: Buffer): number[] {
  const padded = bytes.length % 2 === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(1)]);
  return Array.from({ length: padded.length / 2 }, (_, i) => padded.readUInt16BE(i * 2));
}

export function registersToBytes(registers: readonly number[], length: number): Buffer {
  const bytes = Buffer.alloc(registers.length * 2);
  registers.forEach((r, i) => bytes.writeUInt16BE(r, i * 2));
  return bytes.subarray(0, length);
}

/** The DI of the violation record `back` places before the newest (1 = the newest), 1–10. */
export const violationDi = (back: number): string => `04A500${String(back).padStart(2, '0')}`;
/** Records the box answers for: older ones are gone from it. */
export const VIOLATIONS_KEPT = 10;

export interface SwitchPoint {
  at: string;
  on: boolean;
}

/** A day's on-periods as switch points, in time order, padded by repeating the last. */
export function switchPoints(periods: readonly OnPeriod[]): string {
  const points: SwitchPoint[] = periods.flatMap((p) =>
    p.to === '24:00'
      ? [{ at: p.from, on: true }]
      : [
          { at: p.from, on: true },
          { at: p.to, on: false },
        ],
  );
  // Before its first point a day takes the last one's state (carried over from the day before):
  // a day that ends with power on but starts without it says so at 00:00. No period at all is
  // the same point alone.
  if (points[0]?.at !== '00:00' && points[points.length - 1]?.on !== false)
    points.unshift({ at: '00:00', on: false });
  while (points.length < SWITCH_POINTS) points.push(points[points.length - 1]!);
  return points.map((p) => `${p.at}/${p.on ? 'on' : 'off'}`).join(',');
}

/** The switch points of a table as the box holds them (repeats dropped). */
export function parseSwitchPoints(text: DiValue): SwitchPoint[] {
  const points: SwitchPoint[] = [];
  for (const entry of String(text).split(',')) {
    const [at, state] = entry.split('/') as [string, string];
    const last = points[points.length - 1];
    if (last && last.at === at && last.on === (state === 'on')) continue;
    points.push({ at, on: state === 'on' });
  }
  return points;
}

/**
 * Whether a day table gives power at `hhmm`: the state of the last switch point at or before it,
 * or (before the first) the day's last point, carried over from the day before.
 */
export function powerAt(points: readonly SwitchPoint[], hhmm: string): boolean {
  if (points.length === 0) return false;
  let state = points[points.length - 1]!.on;
  for (const p of points) if (p.at <= hhmm) state = p.on;
  return state;
}

/** Switch points back to the on-periods they say, for reading a table back. */
export function onPeriods(points: readonly SwitchPoint[]): OnPeriod[] {
  if (points.length === 0) return [];
  const periods: OnPeriod[] = [];
  let from: string | null = powerAt(points, '00:00') ? '00:00' : null;
  for (const p of points) {
    if (p.on && from === null) from = p.at;
    else if (!p.on && from !== null) {
      if (p.at > from) periods.push({ from, to: p.at });
      from = null;
    }
  }
  if (from !== null) periods.push({ from, to: '24:00' });
  return periods;
}

export const timeModeCode = (mode: TimeControlMode): number => TIME_CONTROL_MODES.indexOf(mode);
export const timeModeOf = (code: DiValue): TimeControlMode =>
  TIME_CONTROL_MODES[Number(code)] ?? 'off';
export const forcedCode = (mode: ForcedMode): number => FORCED_MODES.indexOf(mode);
export const forcedOf = (code: DiValue): ForcedMode => FORCED_MODES[Number(code)] ?? 'released';

export const kwOf = (watts: number): number => watts / 1_000;
export const wattsOf = (kw: DiValue): number => Math.round(Number(kw) * 1_000);

/** The power limit's two DIs and their values. */
export function powerLimitValues(limit: PowerLimit): [string, DiValue][] {
  return [
    [BOX_DI.powerLimit, kwOf(limit.limitW)],
    [BOX_DI.powerRestore, limit.restoreAfterMin],
  ];
}

/** The allow-list as the wire's windows ("0.4000-0.6000", unused 0-0). */
export function powerWindows(allowed: MalignantLoad['allowed']): string {
  const windows = allowed.map((w) => `${kwOf(w.fromW).toFixed(4)}-${kwOf(w.toW).toFixed(4)}`);
  while (windows.length < POWER_WINDOWS) windows.push('0.0000-0.0000');
  return windows.join(',');
}

export function parsePowerWindows(text: DiValue): MalignantLoad['allowed'] {
  return String(text)
    .split(',')
    .map((w) => {
      const [from, to] = w.split('-') as [string, string];
      return { fromW: wattsOf(from), toW: wattsOf(to) };
    })
    .filter((w) => w.toW > 0);
}

/** The malignant-load settings' DIs and their values. */
export function malignantValues(m: MalignantLoad): [string, DiValue][] {
  return [
    [BOX_DI.malignantOn, m.enabled ? 1 : 0],
    [BOX_DI.powerFactorMin, m.powerFactorMin],
    [BOX_DI.stepMin, kwOf(m.stepMinW)],
    [BOX_DI.malignantRestore, m.restoreAfterMin],
    [BOX_DI.restoresMax, m.restoresMax],
    [BOX_DI.allowed, powerWindows(m.allowed)],
  ];
}

/** A violation record's text ("2026-12-07 23:05/1/2.0000") as the office keeps it. */
export function parseViolation(seq: number, text: DiValue): BoxViolation | null {
  const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d)\/(\d+)\/([\d.]+)$/.exec(String(text));
  const kind = m ? VIOLATION_KINDS[Number(m[2]) - 1] : undefined;
  if (!m || !kind) return null;
  return { seq, at: m[1]!, kind, powerW: wattsOf(m[3]!) };
}

/** The record's kind number on the wire (1 malignant load, 2 over power, 3 / 4 forced). */
export const violationCode = (kind: BoxViolation['kind']): number =>
  VIOLATION_KINDS.indexOf(kind) + 1;
