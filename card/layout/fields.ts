// Fixed-width fields and CRC-closed blocks: the vocabulary a card layout profile is written in.
// Numbers are big-endian; meter and card numbers are packed BCD; times are BCD YYMMDDhhmmss in the
// office's wall-clock time (a card meter has no time zone).
import { crc16Ccitt } from '../crc16';

export type FieldType =
  | { kind: 'u8' }
  | { kind: 'u16' }
  | { kind: 'u32' }
  | { kind: 'i32' }
  /** Packed BCD of 2×bytes digits; all 0xFF decodes as null ("any" / "all meters"). */
  | { kind: 'bcd'; bytes: number }
  /** ASCII, right-padded with 0x00. */
  | { kind: 'ascii'; bytes: number }
  /** BCD YYMMDDhhmmss, decoded as "YYYY-MM-DD hh:mm:ss"; all zero or all 0xFF is null. */
  | { kind: 'time' }
  /** A flag byte: 0xA5 set, 0x00 clear, anything else refused. */
  | { kind: 'flag' }
  | { kind: 'reserved'; bytes: number };

export interface FieldSpec {
  name: string;
  type: FieldType;
}

export interface BlockSpec {
  name: string;
  offset: number;
  fields: FieldSpec[];
  /** Who writes the block: the office (covered by the card MAC) or the meter (CRC only). */
  writer: 'office' | 'meter';
}

export type FieldValue = number | string | boolean | null;
export type BlockValues = Record<string, FieldValue>;

export const FLAG_SET = 0xa5;
export const CRC_BYTES = 2;

export function fieldSize(type: FieldType): number {
  switch (type.kind) {
    case 'u8':
    case 'flag':
      return 1;
    case 'u16':
      return 2;
    case 'u32':
    case 'i32':
      return 4;
    case 'time':
      return 6;
    case 'bcd':
    case 'ascii':
    case 'reserved':
      return type.bytes;
  }
}

/** The block's length including its trailing CRC. */
export function blockSize(block: BlockSpec): number {
  return block.fields.reduce((sum, f) => sum + fieldSize(f.type), 0) + CRC_BYTES;
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'FieldError';
  }
}

function toBcd(digits: string, bytes: number, field: string): Buffer {
  if (!new RegExp(`^\\d{${bytes * 2}}$`).test(digits))
    throw new FieldError(field, `expected ${bytes * 2} digits, got "${digits}"`);
  return Buffer.from(digits, 'hex');
}

function fromBcd(raw: Buffer, field: string): string | null {
  if (raw.every((b) => b === 0xff)) return null;
  const hex = raw.toString('hex');
  if (!/^\d+$/.test(hex)) throw new FieldError(field, `not BCD: ${hex}`);
  return hex;
}

const TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function encodeTime(value: FieldValue, field: string): Buffer {
  if (value === null) return Buffer.alloc(6);
  const m = typeof value === 'string' ? TIME_TEXT.exec(value) : null;
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2099)
    throw new FieldError(
      field,
      `expected "YYYY-MM-DD hh:mm:ss" in 2000–2099, got ${String(value)}`,
    );
  return Buffer.from(`${m[1]!.slice(2)}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}`, 'hex');
}

function decodeTime(raw: Buffer, field: string): string | null {
  if (raw.every((b) => b === 0) || raw.every((b) => b === 0xff)) return null;
  const hex = raw.toString('hex');
  const m = /^(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec(
    hex,
  );
  if (!m) throw new FieldError(field, `not a BCD time: ${hex}`);
  return `20${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
}

function integer(value: FieldValue, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new FieldError(field, `expected an integer ${min}…${max}, got ${String(value)}`);
  return value;
}

function encodeField(spec: FieldSpec, value: FieldValue | undefined): Buffer {
  const { name, type } = spec;
  const out = Buffer.alloc(fieldSize(type));
  if (type.kind === 'reserved') return out;
  if (value === undefined) throw new FieldError(name, 'missing');
  switch (type.kind) {
    case 'u8':
      out.writeUInt8(integer(value, name, 0, 0xff));
      return out;
    case 'u16':
      out.writeUInt16BE(integer(value, name, 0, 0xffff));
      return out;
    case 'u32':
      out.writeUInt32BE(integer(value, name, 0, 0xffff_ffff));
      return out;
    case 'i32':
      out.writeInt32BE(integer(value, name, -0x8000_0000, 0x7fff_ffff));
      return out;
    case 'flag':
      if (typeof value !== 'boolean') throw new FieldError(name, 'expected true or false');
      out.writeUInt8(value ? FLAG_SET : 0);
      return out;
    case 'bcd':
      if (value === null) return out.fill(0xff);
      if (typeof value !== 'string') throw new FieldError(name, 'expected a digit string');
      return toBcd(value, type.bytes, name);
    case 'ascii': {
      if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value))
        throw new FieldError(name, 'expected printable ASCII');
      if (value.length > type.bytes)
        throw new FieldError(name, `longer than ${type.bytes} characters`);
      out.write(value, 'ascii');
      return out;
    }
    case 'time':
      return encodeTime(value, name);
  }
}

function decodeField(spec: FieldSpec, raw: Buffer): FieldValue {
  const { name, type } = spec;
  switch (type.kind) {
    case 'u8':
      return raw.readUInt8(0);
    case 'u16':
      return raw.readUInt16BE(0);
    case 'u32':
      return raw.readUInt32BE(0);
    case 'i32':
      return raw.readInt32BE(0);
    case 'flag':
      if (raw[0] === FLAG_SET) return true;
      if (raw[0] === 0) return false;
      throw new FieldError(name, `flag byte 0x${raw.toString('hex')}`);
    case 'bcd':
      return fromBcd(raw, name);
    case 'ascii': {
      const end = raw.indexOf(0);
      return raw.subarray(0, end === -1 ? raw.length : end).toString('ascii');
    }
    case 'time':
      return decodeTime(raw, name);
    case 'reserved':
      return null;
  }
}

/** The block's bytes: its fields in order, then the CRC of those bytes (big-endian). */
export function encodeBlock(block: BlockSpec, values: BlockValues): Buffer {
  const body = Buffer.concat(
    block.fields.map((f) => encodeField({ ...f, name: `${block.name}.${f.name}` }, values[f.name])),
  );
  const crc = Buffer.alloc(CRC_BYTES);
  crc.writeUInt16BE(crc16Ccitt(body));
  return Buffer.concat([body, crc]);
}

export type BlockReading =
  { ok: true; values: BlockValues } | { ok: false; problem: 'crc' | 'field'; detail: string };

export function decodeBlock(block: BlockSpec, bytes: Buffer): BlockReading {
  const size = blockSize(block);
  const body = bytes.subarray(0, size - CRC_BYTES);
  const stored = bytes.readUInt16BE(size - CRC_BYTES);
  const computed = crc16Ccitt(body);
  if (stored !== computed)
    return {
      ok: false,
      problem: 'crc',
      detail: `CRC ${stored.toString(16).padStart(4, '0')} ≠ ${computed.toString(16).padStart(4, '0')}`,
    };
  const values: BlockValues = {};
  let at = 0;
  try {
    for (const f of block.fields) {
      const raw = body.subarray(at, at + fieldSize(f.type));
      at += raw.length;
      if (f.type.kind !== 'reserved')
        values[f.name] = decodeField({ ...f, name: `${block.name}.${f.name}` }, raw);
    }
  } catch (error) {
    return { ok: false, problem: 'field', detail: (error as Error).message };
  }
  return { ok: true, values };
}
