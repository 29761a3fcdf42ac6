// Modbus-RTU: `unit fn data CRC(lo hi)`, CRC-16/MODBUS (reflected 0xA001, init 0xFFFF; "123456789"
// gives 0x4B37). Only what meters need: 03 read holding registers, 04 read input registers, 06 write
// one register, 10 write several, and exception replies (fn | 0x80, one code). RTU frames have no
// length field and no end byte, so a reply is cut out by what the request expects of it.

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

export function crc16Modbus(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) crc = (crc >>> 8) ^ TABLE[(crc ^ byte) & 0xff]!;
  return crc;
}

export const FUNCTION = {
  readHolding: 0x03,
  readInput: 0x04,
  writeSingle: 0x06,
  writeMultiple: 0x10,
} as const;

export const EXCEPTIONS: Record<number, string> = {
  1: 'illegal-function',
  2: 'illegal-data-address',
  3: 'illegal-data-value',
  4: 'server-device-failure',
  5: 'acknowledge',
  6: 'server-device-busy',
  8: 'memory-parity-error',
  10: 'gateway-path-unavailable',
  11: 'gateway-target-failed',
};

export interface ModbusRequest {
  unit: number;
  fn: number;
  /** The PDU data after the function code. */
  data: Buffer;
}

const u16 = (...values: number[]) => {
  const out = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => out.writeUInt16BE(v & 0xffff, i * 2));
  return out;
};

function checkUnit(unit: number) {
  if (!Number.isInteger(unit) || unit < 1 || unit > 247)
    throw new RangeError(`a unit address is 1–247: ${unit}`);
}
function checkRegister(register: number, count = 1, max = 125) {
  if (!Number.isInteger(register) || register < 0 || register > 0xffff)
    throw new RangeError(`a register is 0–65535: ${register}`);
  if (!Number.isInteger(count) || count < 1 || count > max)
    throw new RangeError(`a count is 1–${max}: ${count}`);
}

export const modbusRequest = {
  read(unit: number, fn: 3 | 4, register: number, count: number): ModbusRequest {
    checkUnit(unit);
    checkRegister(register, count);
    return { unit, fn, data: u16(register, count) };
  },
  writeSingle(unit: number, register: number, value: number): ModbusRequest {
    checkUnit(unit);
    checkRegister(register);
    return { unit, fn: FUNCTION.writeSingle, data: u16(register, value) };
  },
  writeMultiple(unit: number, register: number, values: number[]): ModbusRequest {
    checkUnit(unit);
    checkRegister(register, values.length, 123);
    return {
      unit,
      fn: FUNCTION.writeMultiple,
      data: Buffer.concat([
        u16(register, values.length),
        Buffer.from([values.length * 2]),
        u16(...values),
      ]),
    };
  },
};

export function encodeRequest(request: ModbusRequest): Buffer {
  const body = Buffer.concat([Buffer.from([request.unit, request.fn]), request.data]);
  const crc = crc16Modbus(body);
  return Buffer.concat([body, Buffer.from([crc & 0xff, crc >> 8])]);
}

export type ModbusReply =
  | { kind: 'registers'; unit: number; fn: number; registers: number[] }
  | { kind: 'written'; unit: number; fn: number; register: number; value: number }
  | { kind: 'exception'; unit: number; fn: number; code: number; reason: string };

export interface ReplyScan {
  reply: ModbusReply | null;
  /** Bytes consumed (the reply, or noise skipped before it). */
  consumed: number;
  /** Candidates thrown away for a bad CRC or a mismatched echo. */
  rejected: number;
}

/** How long the reply to `request` is, given its first bytes; null until that is known. */
function replyLength(request: ModbusRequest, input: Buffer, at: number): number | null {
  if (input.length - at < 3) return null;
  const fn = input[at + 1]!;
  if (fn === (request.fn | 0x80)) return 5;
  if (request.fn === FUNCTION.readHolding || request.fn === FUNCTION.readInput)
    return 5 + input[at + 2]!;
  return 8;
}

/**
 * The reply to `request` in what the line delivered: it starts with the request's unit and
 * function (or its exception), has the length the request implies and a good CRC. Anything else
 * before it — an echo of the request, noise, another unit's answer — is skipped.
 */
export function scanReply(request: ModbusRequest, input: Buffer): ReplyScan {
  let at = 0;
  let rejected = 0;
  while (at < input.length) {
    const fn = input[at + 1];
    const starts =
      input[at] === request.unit &&
      (fn === undefined || fn === request.fn || fn === (request.fn | 0x80));
    if (!starts) {
      at += 1;
      continue;
    }
    const length = replyLength(request, input, at);
    if (length === null || input.length - at < length)
      return { reply: null, consumed: at, rejected };
    const frame = input.subarray(at, at + length);
    const crc = crc16Modbus(frame.subarray(0, length - 2));
    const reply =
      frame[length - 2] === (crc & 0xff) && frame[length - 1] === crc >> 8
        ? replyOf(request, frame)
        : null;
    if (reply) return { reply, consumed: at + length, rejected };
    rejected += 1;
    at += 1;
  }
  return { reply: null, consumed: at, rejected };
}

function replyOf(request: ModbusRequest, frame: Buffer): ModbusReply | null {
  const unit = frame[0]!;
  const fn = frame[1]!;
  if (fn & 0x80) {
    const code = frame[2]!;
    return { kind: 'exception', unit, fn: fn & 0x7f, code, reason: EXCEPTIONS[code] ?? 'unknown' };
  }
  if (fn === FUNCTION.readHolding || fn === FUNCTION.readInput) {
    const count = request.data.readUInt16BE(2);
    if (frame[2] !== count * 2) return null;
    const registers = Array.from({ length: count }, (_, i) => frame.readUInt16BE(3 + i * 2));
    return { kind: 'registers', unit, fn, registers };
  }
  // 06 echoes register and value; 10 echoes register and count: both must match the request.
  if (!frame.subarray(2, 6).equals(request.data.subarray(0, 4))) return null;
  return {
    kind: 'written',
    unit,
    fn,
    register: frame.readUInt16BE(2),
    value: frame.readUInt16BE(4),
  };
}

/** How long a request with function `fn` is, given the bytes from its start; null until known. */
function requestLength(input: Buffer, at: number): number | null {
  const fn = input[at + 1];
  if (fn === undefined) return null;
  if (fn === FUNCTION.readHolding || fn === FUNCTION.readInput || fn === FUNCTION.writeSingle)
    return 8;
  if (fn === FUNCTION.writeMultiple) {
    const bytes = input[at + 6];
    return bytes === undefined ? null : 9 + bytes;
  }
  return -1;
}

/**
 * Requests cut out of what a device hears (the server side: simulated meters, gateways): each has
 * a known function, the length that function implies and a good CRC; anything else is skipped a
 * byte at a time. `rest` is what may still become a request when more bytes come.
 */
export function scanRequests(input: Buffer): { requests: ModbusRequest[]; rest: Buffer } {
  const requests: ModbusRequest[] = [];
  let at = 0;
  while (at < input.length) {
    const length = requestLength(input, at);
    if (length === null) break;
    if (length < 0 || input[at]! > 247) {
      at += 1;
      continue;
    }
    if (input.length - at < length) break;
    const frame = input.subarray(at, at + length);
    const crc = crc16Modbus(frame.subarray(0, length - 2));
    if (frame[length - 2] === (crc & 0xff) && frame[length - 1] === crc >> 8) {
      requests.push({
        unit: frame[0]!,
        fn: frame[1]!,
        data: Buffer.from(frame.subarray(2, length - 2)),
      });
      at += length;
    } else at += 1;
  }
  return { requests, rest: Buffer.from(input.subarray(at)) };
}

/** A reply as a device sends it: registers read, a write echoed, or an exception. */
export function encodeReply(reply: ModbusReply): Buffer {
  let body: Buffer;
  if (reply.kind === 'exception') body = Buffer.from([reply.unit, reply.fn | 0x80, reply.code]);
  else if (reply.kind === 'registers')
    body = Buffer.concat([
      Buffer.from([reply.unit, reply.fn, reply.registers.length * 2]),
      u16(...reply.registers),
    ]);
  else
    body = Buffer.concat([Buffer.from([reply.unit, reply.fn]), u16(reply.register, reply.value)]);
  const crc = crc16Modbus(body);
  return Buffer.concat([body, Buffer.from([crc & 0xff, crc >> 8])]);
}
