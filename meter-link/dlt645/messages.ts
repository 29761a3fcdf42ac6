// DL/T 645-2007 application layer: the requests the office sends and what the replies mean. The
// control byte's top bits say who speaks (bit 7: the meter's reply), whether it went wrong (bit 6,
// with one error byte) and whether more frames follow (bit 5, read with 0x12).
import { BROADCAST, WILDCARD, type Dlt645Frame } from './frame';
import { decodeValue, diBytes, diText, dataId, type DiFormat, type DiValue } from './dataIds';
import { SECURITY, securityReasons, type SecurityErrorReason } from './recharge';

export const CONTROL = {
  broadcastTime: 0x08,
  read: 0x11,
  readFollowUp: 0x12,
  readAddress: 0x13,
  write: 0x14,
  writeAddress: 0x15,
  relay: 0x1c,
  security: SECURITY,
} as const;

const REPLY = 0x80;
const ABNORMAL = 0x40;
const MORE = 0x20;
const FUNCTION = 0x1f;

/** The error byte of an abnormal reply, bit by bit as the standard lists them. */
export const ERROR_BITS = [
  [0x01, 'other'],
  [0x02, 'no-such-data'],
  [0x04, 'password-or-authority'],
  [0x08, 'baud-rate'],
  [0x10, 'year-zones'],
  [0x20, 'day-segments'],
  [0x40, 'rates'],
] as const;
export type MeterErrorReason = (typeof ERROR_BITS)[number][1];

/** The password (level + 3 bytes) and operator code a write or relay command carries. */
export interface Credentials {
  /** Eight hex digits: level (02 or 04 for settings) then the password, e.g. `02123456`. */
  password: string;
  /** Eight hex digits identifying who operates (the office's operator code). */
  operator: string;
}

const fourBytes = (hex: string, what: string) => {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) throw new RangeError(`${what} is 8 hex digits`);
  return Buffer.from(hex, 'hex').reverse();
};

const bcd = (n: number) => ((Math.floor(n / 10) % 10) << 4) | (n % 10);

/** ss mm hh DD MM YY, low byte first as sent, from a wall-clock "YYYY-MM-DD hh:mm:ss". */
export function clockBytes(clock: string): Buffer {
  const m = /^20(\d\d)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(clock);
  if (!m) throw new RangeError(`a clock is YYYY-MM-DD hh:mm:ss: ${clock}`);
  const [, yy, mo, dd, hh, mi, ss] = m.map(Number) as number[];
  return Buffer.from([bcd(ss!), bcd(mi!), bcd(hh!), bcd(dd!), bcd(mo!), bcd(yy!)]);
}

export const request = {
  read: (address: string, di: string): Dlt645Frame => ({
    address,
    control: CONTROL.read,
    data: diBytes(di),
  }),
  /** The next frame of a multi-frame reply; `seq` counts from 1. */
  readFollowUp: (address: string, di: string, seq: number): Dlt645Frame => ({
    address,
    control: CONTROL.readFollowUp,
    data: Buffer.concat([diBytes(di), Buffer.from([seq & 0xff])]),
  }),
  /** Only one meter may be on the line: every meter answers the wildcard. */
  readAddress: (): Dlt645Frame => ({
    address: WILDCARD,
    control: CONTROL.readAddress,
    data: Buffer.alloc(0),
  }),
  write: (address: string, di: string, value: Buffer, who: Credentials): Dlt645Frame => ({
    address,
    control: CONTROL.write,
    data: Buffer.concat([
      diBytes(di),
      fourBytes(who.password, 'the password'),
      fourBytes(who.operator, 'the operator code'),
      value,
    ]),
  }),
  writeAddress: (newAddress: string): Dlt645Frame => ({
    address: WILDCARD,
    control: CONTROL.writeAddress,
    data: Buffer.from(newAddress, 'hex').reverse(),
  }),
  broadcastTime: (clock: string): Dlt645Frame => ({
    address: BROADCAST,
    control: CONTROL.broadcastTime,
    data: clockBytes(clock),
  }),
  /**
   * Relay control: 1A trip, 1B allow closing, 2A alarm, 2B alarm off, 3A keep power on, 3B keep
   * power off; valid until `until` (the meter ignores a command past it).
   */
  relay: (address: string, action: RelayAction, until: string, who: Credentials): Dlt645Frame => ({
    address,
    control: CONTROL.relay,
    data: Buffer.concat([
      fourBytes(who.password, 'the password'),
      fourBytes(who.operator, 'the operator code'),
      Buffer.from([RELAY_CODES[action], 0x00]),
      clockBytes(until),
    ]),
  }),
};

export const RELAY_CODES = {
  trip: 0x1a,
  allowClose: 0x1b,
  alarm: 0x2a,
  alarmOff: 0x2b,
  keepPower: 0x3a,
  keepPowerOff: 0x3b,
} as const;
export type RelayAction = keyof typeof RELAY_CODES;

export type Reply =
  | { kind: 'data'; address: string; fn: number; more: boolean; di: string; raw: Buffer }
  | { kind: 'address'; address: string }
  | { kind: 'ack'; address: string; fn: number }
  | {
      kind: 'error';
      address: string;
      fn: number;
      code: number;
      reasons: (MeterErrorReason | SecurityErrorReason)[];
    };

export class ReplyError extends Error {}

/** What a meter's frame says; throws ReplyError for a frame that is not a reply or is malformed. */
export function parseReply(frame: Dlt645Frame): Reply {
  const { control, data, address } = frame;
  if ((control & REPLY) === 0) throw new ReplyError('not a reply (direction bit clear)');
  const fn = control & FUNCTION;
  if (control & ABNORMAL) {
    // A security command's error is a 2-byte word (SERR), low byte first.
    if (fn === CONTROL.security) {
      if (data.length !== 2) throw new ReplyError('a security error reply carries 2 bytes');
      const code = data.readUInt16LE(0);
      return { kind: 'error', address, fn, code, reasons: securityReasons(code) };
    }
    if (data.length !== 1) throw new ReplyError('an error reply carries one error byte');
    const code = data[0]!;
    return {
      kind: 'error',
      address,
      fn,
      code,
      reasons: ERROR_BITS.filter(([bit]) => code & bit).map(([, name]) => name),
    };
  }
  if (fn === CONTROL.readAddress) {
    if (data.length !== 6) throw new ReplyError('an address reply carries 6 bytes');
    return { kind: 'address', address: Buffer.from(data).reverse().toString('hex').toUpperCase() };
  }
  if (fn === CONTROL.read || fn === CONTROL.readFollowUp || fn === CONTROL.security) {
    if (data.length < 4) throw new ReplyError('a read reply starts with the data identifier');
    // A follow-up reply ends with its sequence byte.
    const end = fn === CONTROL.readFollowUp ? data.length - 1 : data.length;
    return {
      kind: 'data',
      address,
      fn,
      more: (control & MORE) !== 0,
      di: diText(data),
      raw: Buffer.from(data.subarray(4, end)),
    };
  }
  return { kind: 'ack', address, fn };
}

export interface Reading {
  di: string;
  value: DiValue;
  unit: string;
}

/** The typed value of a read reply, by the DI's format in the registry (or the one given). */
export function readingOf(reply: Extract<Reply, { kind: 'data' }>, format?: DiFormat): Reading {
  const known = format ?? dataId(reply.di)?.format;
  if (!known) throw new ReplyError(`data identifier ${reply.di} is not in the registry`);
  return {
    di: reply.di,
    value: decodeValue(known, reply.raw),
    unit: known.kind === 'bcd' ? known.unit : '',
  };
}
