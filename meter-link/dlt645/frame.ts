// DL/T 645-2007 link layer: `[FE FE FE FE] 68 A0..A5 68 C L DATA CS 16`. The address is six BCD
// bytes sent low byte first (`AA` a wildcard digit pair, `99…99` broadcast); every DATA byte goes
// on the wire plus 0x33; CS is the byte sum from the first 68 to the last data byte. The decoder
// takes a byte stream as it comes off a half-duplex line — preambles, echoes, noise, split reads —
// and gives back only frames whose start, length, checksum and end all hold.

export const PREAMBLE = Buffer.from([0xfe, 0xfe, 0xfe, 0xfe]);
const START = 0x68;
const END = 0x16;
const OFFSET = 0x33;
/** The standard's longest data field. */
export const MAX_DATA = 200;
const HEADER = 10; // 68 A0..A5 68 C L

export const BROADCAST = '999999999999';
export const WILDCARD = 'AAAAAAAAAAAA';

export interface Dlt645Frame {
  /** Twelve characters, most significant first: digits, or `A` for a wildcard digit. */
  address: string;
  control: number;
  /** The data field as meant (without the +0x33). */
  data: Buffer;
}

export class FrameError extends Error {
  constructor(
    readonly reason: 'address' | 'length',
    message: string,
  ) {
    super(message);
  }
}

/** `000000000161` → `61 01 00 00 00 00`. */
export function addressBytes(address: string): Buffer {
  if (!/^[0-9A]{12}$/.test(address))
    throw new FrameError('address', `address must be 12 digits (A for wildcard): ${address}`);
  const bytes = Buffer.from(address, 'hex');
  return bytes.reverse();
}

export function addressText(bytes: Buffer): string {
  return Buffer.from(bytes).reverse().toString('hex').toUpperCase();
}

const sum = (bytes: Buffer) => bytes.reduce((total, b) => (total + b) & 0xff, 0);

export function encodeFrame(frame: Dlt645Frame, options: { preamble?: boolean } = {}): Buffer {
  if (frame.data.length > MAX_DATA)
    throw new FrameError('length', `data field of ${frame.data.length} bytes exceeds ${MAX_DATA}`);
  const body = Buffer.concat([
    Buffer.from([START]),
    addressBytes(frame.address),
    Buffer.from([START, frame.control & 0xff, frame.data.length]),
    Buffer.from(frame.data.map((b) => (b + OFFSET) & 0xff)),
  ]);
  const tail = Buffer.from([sum(body), END]);
  return Buffer.concat([options.preamble === false ? Buffer.alloc(0) : PREAMBLE, body, tail]);
}

export interface Scan {
  frames: Dlt645Frame[];
  /** Bytes at the front of the input that are consumed (frames, preambles and noise). */
  consumed: number;
  /** Candidate frames thrown away (bad checksum, end byte or length), for the line statistics. */
  rejected: number;
}

/**
 * Every whole, valid frame in `input`. A 68 that does not begin a valid frame is skipped one byte
 * at a time, so a frame after noise (or inside a garbled one) is still found. Bytes that may be
 * the start of a frame not yet complete are left unconsumed for the next read.
 */
/** Each address digit is 0–9, or A (the wildcard): anything else is noise, not an address. */
const isAddress = (bytes: Buffer) =>
  bytes.every((b) => (b >> 4 <= 9 || b >> 4 === 0xa) && ((b & 0x0f) <= 9 || (b & 0x0f) === 0xa));

export function scanFrames(input: Buffer): Scan {
  const frames: Dlt645Frame[] = [];
  let rejected = 0;
  let at = 0;
  let consumed = 0;
  while (at < input.length) {
    if (input[at] !== START) {
      at += 1;
      consumed = at;
      continue;
    }
    // Not enough yet to judge this candidate: wait for more bytes.
    if (input.length - at < HEADER) break;
    const length = input[at + 9]!;
    const total = HEADER + length + 2;
    if (input[at + 7] !== START || length > MAX_DATA) {
      rejected += 1;
      at += 1;
      consumed = at;
      continue;
    }
    if (input.length - at < total) break;
    const body = input.subarray(at, at + HEADER + length);
    if (
      input[at + total - 1] !== END ||
      input[at + total - 2] !== sum(body) ||
      !isAddress(input.subarray(at + 1, at + 7))
    ) {
      rejected += 1;
      at += 1;
      consumed = at;
      continue;
    }
    frames.push({
      address: addressText(input.subarray(at + 1, at + 7)),
      control: input[at + 8]!,
      data: Buffer.from(
        input.subarray(at + HEADER, at + HEADER + length).map((b) => (b - OFFSET) & 0xff),
      ),
    });
    at += total;
    consumed = at;
  }
  return { frames, consumed, rejected };
}

/** A stream decoder for one line: push what the port delivers, take frames as they complete. */
export class FrameReader {
  private pending = Buffer.alloc(0);
  rejected = 0;

  push(chunk: Buffer): Dlt645Frame[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const scan = scanFrames(this.pending);
    this.rejected += scan.rejected;
    this.pending = this.pending.subarray(scan.consumed);
    return scan.frames;
  }

  /** Drops a half-received frame, e.g. after a response timeout. */
  clear(): void {
    this.pending = Buffer.alloc(0);
  }
}
