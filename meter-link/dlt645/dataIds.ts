// DL/T 645-2007 data identifiers the office uses, with their formats as the standard gives them.
// A DI is four bytes written `DI3 DI2 DI1 DI0` (e.g. 00010000) and sent DI0 first. Values are BCD,
// sent low byte first; a format's `X`s are digits and the dot is where the decimals start; a
// signed format uses the top bit of the most significant byte as the sign.

export type DiFormat =
  | { kind: 'bcd'; bytes: number; decimals: number; signed?: boolean; unit: string }
  /** Twelve BCD digits (addresses, customer numbers). */
  | { kind: 'digits'; bytes: number }
  /** YYMMDDWW: date and day of week, 0 = Sunday. */
  | { kind: 'date' }
  /** hhmmss. */
  | { kind: 'time' }
  /** A status word: bits, shown in hex. */
  | { kind: 'word'; bytes: number }
  /**
   * A day's time segments (时段表): `count` entries of hh mm NN (NN the rate, 1 = sharp … 4 =
   * valley), written "hh:mm/N,…" in time order.
   */
  | { kind: 'segments'; count: number }
  /**
   * A day's switch points (assumed, the ADF box's time control): `count` entries of hh mm SS (SS
   * 01 power on, 00 power off), written "hh:mm/on,…" in time order, unused entries repeating the
   * last as the segment tables do.
   */
  | { kind: 'switches'; count: number }
  /**
   * Allowed power windows (assumed, the malignant-load allow-list): `count` pairs of XX.XXXX kW,
   * lower then upper bound, written "0.4000-0.6000,…"; an unused window is 0-0.
   */
  | { kind: 'powerWindows'; count: number }
  /**
   * An event record (assumed, the box's 违规记录): YYMMDDhhmm, a kind (NN) and the power then
   * (XX.XXXX kW), each field low byte first, written "YYYY-MM-DD hh:mm/N/kW".
   */
  | { kind: 'record' };

export interface DataId {
  di: string;
  name: string;
  format: DiFormat;
  /** Whether the office may write it (0x14). */
  writable?: boolean;
}

const money = (): DiFormat => ({ kind: 'bcd', bytes: 4, decimals: 2, unit: 'yuan' });
const energy = (): DiFormat => ({ kind: 'bcd', bytes: 4, decimals: 2, unit: 'kWh' });

const kw = (): DiFormat => ({ kind: 'bcd', bytes: 3, decimals: 4, unit: 'kW' });
const count = (bytes: number, unit = ''): DiFormat => ({ kind: 'bcd', bytes, decimals: 0, unit });

/**
 * The ADF box's own functions per circuit, in a block of the parameter class (DI3 = 04) that
 * DL/T 645-2007 leaves unassigned (DI2 = A1–A5). All assumed: Acrel's identifiers are not public
 * (docs/protocols.md); the values use the standard's formats.
 */
const BOX_IDS: DataId[] = [
  { di: '04A10001', name: 'time control mode', format: count(1), writable: true },
  {
    di: '04A10002',
    name: 'time control, weekday switch points',
    format: { kind: 'switches', count: 16 },
    writable: true,
  },
  {
    di: '04A10003',
    name: 'time control, holiday switch points',
    format: { kind: 'switches', count: 16 },
    writable: true,
  },
  { di: '04A20001', name: 'power limit', format: kw(), writable: true },
  {
    di: '04A20002',
    name: 'power limit, restore after (minutes)',
    format: count(2, 'min'),
    writable: true,
  },
  { di: '04A30001', name: 'malignant load detection on', format: count(1), writable: true },
  {
    di: '04A30002',
    name: 'malignant load, lowest power factor',
    format: { kind: 'bcd', bytes: 2, decimals: 3, unit: '' },
    writable: true,
  },
  { di: '04A30003', name: 'malignant load, smallest step', format: kw(), writable: true },
  {
    di: '04A30004',
    name: 'malignant load, restore after (minutes)',
    format: count(2, 'min'),
    writable: true,
  },
  { di: '04A30005', name: 'malignant load, restores a day', format: count(1), writable: true },
  {
    di: '04A30006',
    name: 'malignant load, allowed power windows',
    format: { kind: 'powerWindows', count: 4 },
    writable: true,
  },
  { di: '04A40001', name: 'forced control', format: count(1), writable: true },
  { di: '04A50000', name: 'violation records kept (running count)', format: count(4) },
  ...Array.from({ length: 10 }, (_, i) => ({
    di: `04A500${String(i + 1).padStart(2, '0')}`,
    name: `violation record, ${i + 1} back`,
    format: { kind: 'record' } as DiFormat,
  })),
];

const LIST: DataId[] = [
  { di: '00010000', name: 'forward active energy, total', format: energy() },
  // The same register per rate (DI1 = 1..4: sharp, peak, flat, valley), for billing by rate.
  { di: '00010100', name: 'forward active energy, rate 1 (sharp)', format: energy() },
  { di: '00010200', name: 'forward active energy, rate 2 (peak)', format: energy() },
  { di: '00010300', name: 'forward active energy, rate 3 (flat)', format: energy() },
  { di: '00010400', name: 'forward active energy, rate 4 (valley)', format: energy() },
  { di: '00900100', name: 'remaining energy', format: energy() },
  { di: '00900200', name: 'remaining money', format: money() },
  { di: '00900201', name: 'overdraft money', format: money() },
  {
    di: '02010100',
    name: 'voltage, phase A',
    format: { kind: 'bcd', bytes: 2, decimals: 1, unit: 'V' },
  },
  {
    di: '02020100',
    name: 'current, phase A',
    format: { kind: 'bcd', bytes: 3, decimals: 3, signed: true, unit: 'A' },
  },
  {
    di: '02030000',
    name: 'active power, total',
    format: { kind: 'bcd', bytes: 3, decimals: 4, signed: true, unit: 'kW' },
  },
  {
    di: '02800020',
    name: 'current price',
    format: { kind: 'bcd', bytes: 4, decimals: 4, unit: 'yuan/kWh' },
  },
  {
    di: '03330201',
    name: 'purchase count after the last purchase',
    format: { kind: 'bcd', bytes: 2, decimals: 0, unit: '' },
  },
  { di: '03330601', name: 'cumulative purchased money after the last purchase', format: money() },
  { di: '04000101', name: 'date and day of week', format: { kind: 'date' }, writable: true },
  { di: '04000102', name: 'time', format: { kind: 'time' }, writable: true },
  { di: '04000401', name: 'communication address', format: { kind: 'digits', bytes: 6 } },
  { di: '0400040E', name: 'customer number', format: { kind: 'digits', bytes: 6 }, writable: true },
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({
    di: `0400050${n}`,
    name: `meter status word ${n}`,
    format: { kind: 'word', bytes: 2 } as DiFormat,
  })),
  {
    di: '04010001',
    name: 'day segment table 1 of set 1',
    format: { kind: 'segments', count: 8 },
    writable: true,
  },
  ...[1, 2, 3, 4].map((n) => ({
    di: `0405010${n}`,
    name: `rate ${n} price of set 1`,
    format: { kind: 'bcd', bytes: 4, decimals: 4, unit: 'yuan/kWh' } as DiFormat,
    writable: true,
  })),
  { di: '04001001', name: 'alarm money limit 1', format: money(), writable: true },
  { di: '04001002', name: 'alarm money limit 2', format: money(), writable: true },
  { di: '04001003', name: 'overdraft money limit', format: money(), writable: true },
  { di: '04001004', name: 'hoarding money limit', format: money(), writable: true },
  ...BOX_IDS,
];

export const DATA_IDS: ReadonlyMap<string, DataId> = new Map(LIST.map((d) => [d.di, d]));

export function dataId(di: string): DataId | undefined {
  return DATA_IDS.get(di.toUpperCase());
}

/** `00010000` → `00 00 01 00` (DI0 first). */
export function diBytes(di: string): Buffer {
  if (!/^[0-9A-Fa-f]{8}$/.test(di))
    throw new RangeError(`a data identifier is 8 hex digits: ${di}`);
  return Buffer.from(di, 'hex').reverse();
}

export function diText(bytes: Buffer): string {
  return Buffer.from(bytes.subarray(0, 4)).reverse().toString('hex').toUpperCase();
}

export type DiValue = number | string;

export function formatBytes(format: DiFormat): number {
  switch (format.kind) {
    case 'date':
      return 4;
    case 'time':
      return 3;
    case 'segments':
    case 'switches':
      return format.count * 3;
    case 'powerWindows':
      return format.count * 6;
    case 'record':
      return 9;
    default:
      return format.bytes;
  }
}

const isBcd = (b: number) => b >> 4 <= 9 && (b & 0x0f) <= 9;

/** BCD bytes, low byte first, to their digits (most significant first); null when not BCD. */
function digitsOf(bytes: Buffer, signMask = 0): string | null {
  const big = Buffer.from(bytes).reverse();
  if (signMask) big[0]! &= ~signMask & 0xff;
  if (!big.every(isBcd)) return null;
  return big.toString('hex');
}

function bcdBytes(digits: string, bytes: number): Buffer {
  return Buffer.from(digits.padStart(bytes * 2, '0'), 'hex').reverse();
}

export class ValueError extends Error {}

/** The typed value of a data field. Throws ValueError when the bytes do not fit the format. */
export function decodeValue(format: DiFormat, bytes: Buffer): DiValue {
  const size = formatBytes(format);
  if (bytes.length !== size) throw new ValueError(`expected ${size} bytes, got ${bytes.length}`);
  switch (format.kind) {
    case 'bcd': {
      const top = bytes[size - 1]!;
      const negative = format.signed === true && (top & 0x80) !== 0;
      const digits = digitsOf(bytes, format.signed ? 0x80 : 0);
      if (digits === null) throw new ValueError(`not BCD: ${bytes.toString('hex')}`);
      const value = Number(digits) / 10 ** format.decimals;
      return negative ? -value : value;
    }
    case 'digits': {
      const digits = digitsOf(bytes);
      if (digits === null) throw new ValueError(`not BCD: ${bytes.toString('hex')}`);
      return digits;
    }
    case 'date': {
      const digits = digitsOf(bytes);
      if (digits === null) throw new ValueError(`not a date: ${bytes.toString('hex')}`);
      // YYMMDDWW
      return `20${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
    }
    case 'time': {
      const digits = digitsOf(bytes);
      if (digits === null) throw new ValueError(`not a time: ${bytes.toString('hex')}`);
      return `${digits.slice(0, 2)}:${digits.slice(2, 4)}:${digits.slice(4, 6)}`;
    }
    case 'word':
      return Buffer.from(bytes).reverse().toString('hex').toUpperCase();
    case 'segments': {
      // Each entry is sent NN mm hh (low byte first) and read back as hh:mm/N.
      const entries: string[] = [];
      for (let i = 0; i < format.count; i += 1) {
        const digits = digitsOf(bytes.subarray(i * 3, i * 3 + 3));
        if (digits === null) throw new ValueError(`not a segment: ${bytes.toString('hex')}`);
        entries.push(`${digits.slice(0, 2)}:${digits.slice(2, 4)}/${Number(digits.slice(4, 6))}`);
      }
      return entries.join(',');
    }
    case 'switches': {
      const entries: string[] = [];
      for (let i = 0; i < format.count; i += 1) {
        const digits = digitsOf(bytes.subarray(i * 3, i * 3 + 3));
        const state = digits?.slice(4, 6);
        if (digits === null || (state !== '00' && state !== '01'))
          throw new ValueError(`not a switch point: ${bytes.toString('hex')}`);
        entries.push(
          `${digits.slice(0, 2)}:${digits.slice(2, 4)}/${state === '01' ? 'on' : 'off'}`,
        );
      }
      return entries.join(',');
    }
    case 'powerWindows': {
      const windows: string[] = [];
      for (let i = 0; i < format.count; i += 1) {
        const from = decodeValue(KW, bytes.subarray(i * 6, i * 6 + 3));
        const to = decodeValue(KW, bytes.subarray(i * 6 + 3, i * 6 + 6));
        windows.push(`${Number(from).toFixed(4)}-${Number(to).toFixed(4)}`);
      }
      return windows.join(',');
    }
    case 'record': {
      const when = digitsOf(bytes.subarray(0, 5));
      const kind = digitsOf(bytes.subarray(5, 6));
      if (when === null || kind === null)
        throw new ValueError(`not a record: ${bytes.toString('hex')}`);
      const power = decodeValue(KW, bytes.subarray(6, 9));
      return `20${when.slice(0, 2)}-${when.slice(2, 4)}-${when.slice(4, 6)} ${when.slice(6, 8)}:${when.slice(8, 10)}/${Number(kind)}/${Number(power).toFixed(4)}`;
    }
  }
}

const KW: DiFormat = { kind: 'bcd', bytes: 3, decimals: 4, unit: 'kW' };

/** The data field for a value, for writes; throws ValueError when it does not fit. */
export function encodeValue(format: DiFormat, value: DiValue): Buffer {
  switch (format.kind) {
    case 'bcd': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new ValueError(`a number is needed, got ${String(value)}`);
      if (value < 0 && !format.signed) throw new ValueError('this value cannot be negative');
      const scaled = Math.round(Math.abs(value) * 10 ** format.decimals);
      const digits = String(scaled);
      const room = format.bytes * 2 - (format.signed ? 1 : 0);
      if (digits.length > format.bytes * 2 || (format.signed && scaled >= 8 * 10 ** room))
        throw new ValueError(`${value} does not fit ${format.bytes} bytes`);
      const out = bcdBytes(digits, format.bytes);
      if (value < 0) out[format.bytes - 1]! |= 0x80;
      return out;
    }
    case 'digits': {
      const text = String(value);
      if (!new RegExp(`^\\d{1,${format.bytes * 2}}$`).test(text))
        throw new ValueError(`${text} is not up to ${format.bytes * 2} digits`);
      return bcdBytes(text, format.bytes);
    }
    case 'date': {
      const m = /^20(\d\d)-(\d\d)-(\d\d)$/.exec(String(value));
      if (!m) throw new ValueError(`a date is YYYY-MM-DD: ${String(value)}`);
      const day = new Date(`20${m[1]}-${m[2]}-${m[3]}T00:00:00Z`).getUTCDay();
      return bcdBytes(`${m[1]}${m[2]}${m[3]}0${day}`, 4);
    }
    case 'time': {
      const m = /^(\d\d):(\d\d):(\d\d)$/.exec(String(value));
      if (!m) throw new ValueError(`a time is hh:mm:ss: ${String(value)}`);
      return bcdBytes(`${m[1]}${m[2]}${m[3]}`, 3);
    }
    case 'word': {
      const text = String(value);
      if (!new RegExp(`^[0-9A-Fa-f]{${format.bytes * 2}}$`).test(text))
        throw new ValueError(`a status word is ${format.bytes * 2} hex digits`);
      return Buffer.from(text, 'hex').reverse();
    }
    case 'segments': {
      const entries = String(value).split(',');
      if (entries.length !== format.count)
        throw new ValueError(`a segment table has ${format.count} entries`);
      return Buffer.concat(
        entries.map((entry) => {
          const m = /^([01]\d|2[0-3]):([0-5]\d)\/([1-4])$/.exec(entry);
          if (!m) throw new ValueError(`a segment is hh:mm/N with N 1–4: ${entry}`);
          return bcdBytes(`${m[1]}${m[2]}0${m[3]}`, 3);
        }),
      );
    }
    case 'switches': {
      const entries = String(value).split(',');
      if (entries.length !== format.count)
        throw new ValueError(`a switch table has ${format.count} entries`);
      return Buffer.concat(
        entries.map((entry) => {
          const m = /^([01]\d|2[0-3]):([0-5]\d)\/(on|off)$/.exec(entry);
          if (!m) throw new ValueError(`a switch point is hh:mm/on or hh:mm/off: ${entry}`);
          return bcdBytes(`${m[1]}${m[2]}0${m[3] === 'on' ? 1 : 0}`, 3);
        }),
      );
    }
    case 'powerWindows': {
      const windows = String(value).split(',');
      if (windows.length !== format.count)
        throw new ValueError(`an allow-list has ${format.count} windows`);
      return Buffer.concat(
        windows.map((w) => {
          const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(w);
          if (!m) throw new ValueError(`a power window is from-to in kW: ${w}`);
          return Buffer.concat([encodeValue(KW, Number(m[1])), encodeValue(KW, Number(m[2]))]);
        }),
      );
    }
    case 'record': {
      const m = /^20(\d\d)-(\d\d)-(\d\d) (\d\d):(\d\d)\/(\d{1,2})\/(\d+(?:\.\d+)?)$/.exec(
        String(value),
      );
      if (!m) throw new ValueError(`a record is YYYY-MM-DD hh:mm/N/kW: ${String(value)}`);
      return Buffer.concat([
        bcdBytes(`${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}`, 5),
        bcdBytes(m[6]!.padStart(2, '0'), 1),
        encodeValue(KW, Number(m[7])),
      ]);
    }
  }
}
