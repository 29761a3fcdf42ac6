// Device profiles as data: for each meter model and protocol (the NK meters speak DL/T 645-2007 or
// Modbus-RTU, chosen per device), how each logical operation the office needs maps onto that
// protocol. Every mapping says where it comes from: the DL/T 645-2007 standard itself, or an
// assumption pending the vendor's manual (Acrel's own maps are not public; every Modbus register
// is such an assumption). `docs/protocols.md` is the same table for people.

export const OPERATIONS = [
  'readAddress',
  'readEnergy',
  // Forward active energy by rate (尖 / 峰 / 平 / 谷), for the office's own billing.
  'readEnergySharp',
  'readEnergyPeak',
  'readEnergyFlat',
  'readEnergyValley',
  'readRemainingMoney',
  'readPurchaseCount',
  'readCumulativePurchased',
  'readPrice',
  'readStatus',
  'readVoltage',
  'readCurrent',
  'readPower',
  'relayTrip',
  'relayAllowClose',
  'keepPower',
  'setAlarm1',
  'setAlarm2',
  'setOverdraft',
  'setHoarding',
  'setPrices',
  'setTouTable',
  'timeSync',
  'recharge',
  'presetBalance',
  // The ADF box's own functions per circuit (时间控制, 功率控制, 恶性负载, 强制控制, 违规记录).
  'setTimeControl',
  'setPowerLimit',
  'setMalignantLoad',
  'forceControl',
  'readViolations',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export type Mapping =
  | { kind: 'dlt645-read'; di: string }
  | { kind: 'dlt645-write'; di: string }
  | { kind: 'dlt645-relay'; action: 'trip' | 'allowClose' | 'keepPower' }
  | { kind: 'dlt645-address' }
  | { kind: 'dlt645-broadcast-time' }
  /** 070102FF under the security code 0x03 (meter-link/dlt645/recharge.ts). */
  | { kind: 'dlt645-recharge' }
  /** 070103FF under the security code 0x03 (meter-link/dlt645/preset.ts). */
  | { kind: 'dlt645-preset' }
  /** The rate prices, sharp / peak / flat / valley, one DI each (written with the password). */
  | { kind: 'dlt645-prices'; dis: readonly [string, string, string, string] }
  /**
   * Holding (03) or input (04) registers: one 16-bit register, or two as a 32-bit number high
   * word first; the value is the number divided by `scale`, in `unit`.
   */
  | { kind: 'modbus-read'; fn: 3 | 4; register: number; words: 1 | 2; scale: number; unit: string }
  /** A 32-bit money limit in fen written to two holding registers (10). */
  | { kind: 'modbus-write'; register: number }
  /** A command code written to one register (06). */
  | { kind: 'modbus-command'; register: number; value: number }
  /** Purchase count, money (fen) and MAC1 as 32-bit numbers written to six registers (10). */
  | { kind: 'modbus-recharge'; register: number }
  /** Purchase count, preset money (fen) and its MAC as 32-bit numbers, six registers (10). */
  | { kind: 'modbus-preset'; register: number }
  /**
   * The box's settings written with the password and read back, or its records read, at these
   * DIs (meter-link/devices/boxControl.ts says what each carries).
   */
  | { kind: 'dlt645-box'; dis: readonly string[] }
  /** The same DIs' values in holding registers (boxRegister in meter-link/devices/boxControl.ts). */
  | { kind: 'modbus-box'; dis: readonly string[] }
  /** Not mapped: the reason says what is missing (usually the vendor's manual). */
  | { kind: 'unavailable'; why: string };

export interface Mapped {
  mapping: Mapping;
  /** `standard`: DL/T 645-2007 defines it; `assumed`: PowerTill's reading, to check with the vendor. */
  source: 'standard' | 'assumed';
}

export type Protocol = 'dlt645' | 'modbus';

export interface DeviceProfile {
  model: string;
  protocol: Protocol;
  phases: 1 | 3;
  /**
   * Metering circuits in one box (ADF300: up to 36, each an account). Each circuit answers as a
   * meter of its own at the box's number plus the circuit number (assumed, docs/protocols.md).
   */
  circuits: number;
  operations: Record<Operation, Mapped>;
}

const std = (mapping: Mapping): Mapped => ({ mapping, source: 'standard' });
const read = (di: string) => std({ kind: 'dlt645-read', di });
const write = (di: string) => std({ kind: 'dlt645-write', di });
const assumed = (mapping: Mapping): Mapped => ({ mapping, source: 'assumed' });
const pending = (why: string): Mapped => ({
  mapping: { kind: 'unavailable', why },
  source: 'assumed',
});

/** What a prepaid DL/T 645-2007 meter offers by the standard's data identifiers. */
function prepaidDlt645(): Record<Operation, Mapped> {
  return {
    readAddress: std({ kind: 'dlt645-address' }),
    readEnergy: read('00010000'),
    readEnergySharp: read('00010100'),
    readEnergyPeak: read('00010200'),
    readEnergyFlat: read('00010300'),
    readEnergyValley: read('00010400'),
    readRemainingMoney: read('00900200'),
    readPurchaseCount: read('03330201'),
    readCumulativePurchased: read('03330601'),
    readPrice: read('02800020'),
    readStatus: read('04000503'),
    readVoltage: read('02010100'),
    readCurrent: read('02020100'),
    readPower: read('02030000'),
    relayTrip: std({ kind: 'dlt645-relay', action: 'trip' }),
    relayAllowClose: std({ kind: 'dlt645-relay', action: 'allowClose' }),
    keepPower: std({ kind: 'dlt645-relay', action: 'keepPower' }),
    setAlarm1: write('04001001'),
    setAlarm2: write('04001002'),
    setOverdraft: write('04001003'),
    setHoarding: write('04001004'),
    // 费率电价 and 时段表 of the first set, as DL/T 645-2007's parameter table lists them.
    setPrices: std({
      kind: 'dlt645-prices',
      dis: ['04050101', '04050102', '04050103', '04050104'],
    }),
    setTouTable: write('04010001'),
    timeSync: std({ kind: 'dlt645-broadcast-time' }),
    // DL/T 645-2007 itself has no purchase command; State Grid's cost-control meters take one
    // under the security code 0x03 (070102FF). Assumed for Acrel's NK meters until their manual
    // says otherwise; the landing is verified with the standard's 03330201 and 03330601 reads.
    recharge: assumed({ kind: 'dlt645-recharge' }),
    // Taking refunded credit off (and loading a replacement meter) needs the money set, which the
    // standard has no command for either: modelled on State Grid's wallet initialisation, 070103FF.
    presetBalance: assumed({ kind: 'dlt645-preset' }),
    ...NO_BOX,
  };
}

const notABox = pending('only a multi-user box (ADF300) has time control, load limits and records');
const NO_BOX = {
  setTimeControl: notABox,
  setPowerLimit: notABox,
  setMalignantLoad: notABox,
  forceControl: notABox,
  readViolations: notABox,
} satisfies Partial<Record<Operation, Mapped>>;

/**
 * What an ADF300 circuit does beyond a prepaid meter: on DL/T 645 at DIs the standard leaves
 * unassigned (04A1xxxx–04A5xxxx), on Modbus-RTU the same DIs' values in holding registers; all
 * assumed, Acrel's are not public (docs/protocols.md).
 */
function boxOperations(protocol: Protocol): Record<Operation, Mapped> {
  const box = (...dis: string[]) =>
    assumed({ kind: protocol === 'dlt645' ? 'dlt645-box' : 'modbus-box', dis });
  return {
    ...(protocol === 'dlt645' ? prepaidDlt645() : prepaidModbus()),
    setTimeControl: box('04A10001', '04A10002', '04A10003'),
    setPowerLimit: box('04A20001', '04A20002'),
    setMalignantLoad: box('04A30001', '04A30002', '04A30003', '04A30004', '04A30005', '04A30006'),
    forceControl: box('04A40001'),
    readViolations: box(
      '04A50000',
      ...Array.from({ length: 10 }, (_, i) => `04A500${String(i + 1).padStart(2, '0')}`),
    ),
  };
}

const holding = (register: number, words: 1 | 2, scale: number, unit: string) =>
  assumed({ kind: 'modbus-read', fn: 3, register, words, scale, unit });
const input = (register: number, words: 1 | 2, scale: number, unit: string) =>
  assumed({ kind: 'modbus-read', fn: 4, register, words, scale, unit });
const command = (value: number) => assumed({ kind: 'modbus-command', register: 0x0100, value });

/**
 * The NK meters' Modbus-RTU variant: PowerTill's own register map (docs/protocols.md), every
 * entry assumed until Acrel's manual replaces it. Relay codes follow DL/T 645's (1A, 1B, 3A).
 */
function prepaidModbus(): Record<Operation, Mapped> {
  return {
    readAddress: pending('Modbus-RTU has no address discovery: set the unit on the meter'),
    readEnergy: holding(0x0000, 2, 100, 'kWh'),
    readEnergySharp: pending('no per-rate energy registers in the Modbus map yet: use DL/T 645'),
    readEnergyPeak: pending('no per-rate energy registers in the Modbus map yet: use DL/T 645'),
    readEnergyFlat: pending('no per-rate energy registers in the Modbus map yet: use DL/T 645'),
    readEnergyValley: pending('no per-rate energy registers in the Modbus map yet: use DL/T 645'),
    readRemainingMoney: holding(0x0002, 2, 100, 'yuan'),
    readPurchaseCount: holding(0x0004, 2, 1, ''),
    readCumulativePurchased: holding(0x0006, 2, 100, 'yuan'),
    readPrice: holding(0x0008, 2, 10_000, 'yuan/kWh'),
    readStatus: holding(0x000a, 1, 1, ''),
    readVoltage: input(0x0000, 1, 10, 'V'),
    readCurrent: input(0x0001, 1, 1_000, 'A'),
    readPower: input(0x0002, 2, 10_000, 'kW'),
    relayTrip: command(0x1a),
    relayAllowClose: command(0x1b),
    keepPower: command(0x3a),
    setAlarm1: assumed({ kind: 'modbus-write', register: 0x0010 }),
    setAlarm2: assumed({ kind: 'modbus-write', register: 0x0012 }),
    setOverdraft: assumed({ kind: 'modbus-write', register: 0x0014 }),
    setHoarding: assumed({ kind: 'modbus-write', register: 0x0016 }),
    setPrices: pending('no price registers in the Modbus map yet: push prices over DL/T 645'),
    setTouTable: pending('no time-segment registers in the Modbus map yet'),
    timeSync: pending('no clock registers in the Modbus map yet: set the time over DL/T 645'),
    recharge: assumed({ kind: 'modbus-recharge', register: 0x0200 }),
    presetBalance: assumed({ kind: 'modbus-preset', register: 0x0210 }),
    ...NO_BOX,
  };
}

/**
 * A metering meter (DDSD1352 / DTSD1352) on DL/T 645-2007: it measures, reports and switches its
 * relay by the standard, and holds no money, so the office bills it itself (主站计费).
 */
function meteringDlt645(): Record<Operation, Mapped> {
  const noMoney = pending('a metering meter holds no money: the office bills it (主站计费)');
  return {
    ...prepaidDlt645(),
    readRemainingMoney: noMoney,
    readPurchaseCount: noMoney,
    readCumulativePurchased: noMoney,
    setAlarm1: noMoney,
    setAlarm2: noMoney,
    setOverdraft: noMoney,
    setHoarding: noMoney,
    setPrices: noMoney,
    recharge: noMoney,
    presetBalance: noMoney,
  };
}

const metering = (model: string, phases: 1 | 3): DeviceProfile => ({
  model,
  protocol: 'dlt645',
  phases,
  circuits: 1,
  operations: meteringDlt645(),
});

const nk = (model: string, phases: 1 | 3, protocol: Protocol): DeviceProfile => ({
  model,
  protocol,
  phases,
  circuits: 1,
  operations: protocol === 'dlt645' ? prepaidDlt645() : prepaidModbus(),
});

export const PROFILES: readonly DeviceProfile[] = [
  nk('DDSY1352-NK', 1, 'dlt645'),
  nk('DTSY1352-NK', 3, 'dlt645'),
  nk('DDSY1352-NK', 1, 'modbus'),
  nk('DTSY1352-NK', 3, 'modbus'),
  // ADM100: a DIN-rail prepaid single-phase meter for dorms, taken to speak as the NK meters do.
  nk('ADM100', 1, 'dlt645'),
  nk('ADM100', 1, 'modbus'),
  // Metering meters, billed by the office (主站计费); their Modbus variant is not mapped yet.
  metering('DDSD1352', 1),
  metering('DTSD1352', 3),
  // ADF300: up to 36 circuits in one box, each a prepaid meter of its own, on DL/T 645 or on
  // Modbus-RTU at its own station (the box's station number on, by the ADF400L's addressing).
  { ...nk('ADF300', 1, 'dlt645'), circuits: 36, operations: boxOperations('dlt645') },
  { ...nk('ADF300', 1, 'modbus'), circuits: 36, operations: boxOperations('modbus') },
];

/**
 * The address circuit `circuit` of box `boxNo` answers at, by the public addressing of Acrel's
 * ADF400L (a sibling box; its manual: a box takes station numbers 1, 37, 73…, single-phase users
 * one apart, three-phase and CT users three apart): the first circuit at the box's own number,
 * each next one `spacing` on — taken for the ADF300 until its own manual says otherwise. A whole
 * meter (circuit 0) answers at its own number.
 */
export function circuitAddress(boxNo: string, circuit: number, phases: 1 | 3 = 1): string {
  if (circuit === 0) return boxNo;
  const address = BigInt(boxNo) + BigInt((circuit - 1) * (phases === 3 ? 3 : 1));
  if (address > 999_999_999_999n)
    throw new RangeError(`box ${boxNo} has no room for circuit ${circuit}`);
  return address.toString().padStart(12, '0');
}

export function profileOf(model: string, protocol: Protocol = 'dlt645'): DeviceProfile | undefined {
  return PROFILES.find((p) => p.model === model && p.protocol === protocol);
}

/** The mapping of an operation, or why it cannot be done on this model. */
export function mappingOf(
  model: string,
  operation: Operation,
  protocol: Protocol = 'dlt645',
): Mapped {
  const profile = profileOf(model, protocol);
  if (!profile) return pending(`no profile for ${model} (${protocol}) yet`);
  return profile.operations[operation];
}
