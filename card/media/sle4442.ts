// SLE4442 memory cards through a PC/SC reader's ACS-style pseudo-APDUs (ACR38 family and
// compatibles). Reading needs no code; writing needs the 3-byte PSC, which the chip allows three
// wrong tries of before locking the card for good. So the error counter is read before every
// presentation, and the last try is only spent when a supervisor has said so.
import { AppError } from '../../shared/errors';
import type { CardConnection } from '../reader/types';
import { expectOk, hex, split } from './apdu';

export const SLE4442_BYTES = 256;
/** The maker's area: never written by PowerTill. */
export const SLE4442_PROTECTED = 32;
/** Delivered cards answer to this code until it is changed. */
export const FACTORY_PSC = Buffer.from('ffffff', 'hex');

const apdu = (ins: number, p2: number, lc: number, data: Buffer = Buffer.alloc(0)) =>
  Buffer.concat([Buffer.from([0xff, ins, 0x00, p2, lc]), data]);

/**
 * Most bytes one read or write pseudo-APDU carries: MEM_L is one byte, and 248 keeps the response
 * (data + SW) inside 250 bytes, which every ACS-compatible reader we know of answers in one go.
 */
export const APDU_BYTES = 248;

export interface PresentOptions {
  /** Spend the very last try (a supervisor confirmed it); otherwise refuse to. */
  allowLastTry?: boolean;
}

/** What the card service needs of a card's media: SLE4442 through pseudo-APDUs, or a CPU card. */
export interface CardMedia {
  select(): Promise<void>;
  read(offset: number, length: number): Promise<Buffer>;
  triesLeft(): Promise<number>;
  present(psc: Buffer, options?: PresentOptions): Promise<void>;
  write(offset: number, data: Buffer): Promise<void>;
  changePsc(psc: Buffer): Promise<void>;
}

export class Sle4442 implements CardMedia {
  constructor(private readonly connection: CardConnection) {}

  private send(command: Buffer): Promise<Buffer> {
    return this.connection.transmit(command);
  }

  /** SELECT_CARD_TYPE 06: tells the reader the card is an SLE4432/4442. */
  async select(): Promise<void> {
    expectOk(await this.send(apdu(0xa4, 0x00, 0x01, Buffer.from([0x06]))), 'select SLE4442');
  }

  async read(offset = 0, length = SLE4442_BYTES): Promise<Buffer> {
    const out: Buffer[] = [];
    for (let at = offset; at < offset + length; at += APDU_BYTES) {
      const n = Math.min(APDU_BYTES, offset + length - at);
      out.push(expectOk(await this.send(apdu(0xb0, at, n)), `read ${at}+${n}`));
    }
    return Buffer.concat(out);
  }

  /** Tries left before the card locks (the error counter's set bits: 3, 2, 1 or 0). */
  async triesLeft(): Promise<number> {
    const data = expectOk(await this.send(apdu(0xb1, 0x00, 0x04)), 'read error counter');
    const bits = data[0] ?? 0;
    return (bits & 1) + ((bits >> 1) & 1) + ((bits >> 2) & 1);
  }

  /**
   * PRESENT_CODE. Checks the error counter first: a locked card, or the last try without the
   * supervisor's consent, is refused before a try is spent.
   */
  async present(psc: Buffer, options: PresentOptions = {}): Promise<void> {
    const before = await this.triesLeft();
    if (before === 0) throw new AppError('CARD_LOCKED');
    if (before === 1 && !options.allowLastTry) throw new AppError('CARD_LAST_TRY');
    const { data, sw } = split(await this.send(apdu(0x20, 0x00, 0x03, psc)));
    // ACS readers answer 90 EC: EC 07 when the code was accepted.
    if (sw >> 8 !== 0x90 || data.length !== 0)
      throw new AppError('CARD_PROTOCOL', { detail: `present code: SW ${hex(sw)}` });
    const counter = sw & 0xff;
    if (counter !== 0x07) {
      const left = (counter & 1) + ((counter >> 1) & 1) + ((counter >> 2) & 1);
      throw new AppError(left === 0 ? 'CARD_LOCKED' : 'CARD_PSC_WRONG', { triesLeft: left });
    }
  }

  /** Writes bytes at `offset` (never below byte 32). The chip is silent about refused writes. */
  async write(offset: number, data: Buffer): Promise<void> {
    if (offset < SLE4442_PROTECTED || offset + data.length > SLE4442_BYTES)
      throw new RangeError(`write ${offset}+${data.length} outside 32–255`);
    for (let at = 0; at < data.length; at += APDU_BYTES) {
      const chunk = data.subarray(at, at + APDU_BYTES);
      expectOk(
        await this.send(apdu(0xd0, offset + at, chunk.length, chunk)),
        `write ${offset + at}+${chunk.length}`,
      );
    }
  }

  async changePsc(psc: Buffer): Promise<void> {
    const { sw } = split(await this.send(apdu(0xd2, 0x01, 0x03, psc)));
    if (sw !== 0x9000)
      throw new AppError('CARD_PROTOCOL', { detail: `change code: SW ${hex(sw)}` });
  }
}

/** The byte ranges in [from, to) where two images differ. */
export function changedRanges(
  before: Buffer,
  after: Buffer,
  from = SLE4442_PROTECTED,
  to = after.length,
) {
  const ranges: { offset: number; data: Buffer }[] = [];
  let start = -1;
  for (let i = from; i <= to; i += 1) {
    const differs = i < to && before[i] !== after[i];
    if (differs && start < 0) start = i;
    if (!differs && start >= 0) {
      ranges.push({ offset: start, data: after.subarray(start, i) });
      start = -1;
    }
  }
  return ranges;
}

/**
 * The writes that take `before` to `after`: the changed ranges, joined (unchanged bytes between
 * them written again with their own value) while the joined run still fits one APDU. A sale's
 * purchase block, MAC and cleared write-back go in one write instead of nine.
 */
export function writeRuns(before: Buffer, after: Buffer, from: number, to: number) {
  const runs: { offset: number; data: Buffer }[] = [];
  for (const range of changedRanges(before, after, from, to)) {
    const last = runs[runs.length - 1];
    const end = range.offset + range.data.length;
    if (last && end - last.offset <= APDU_BYTES)
      runs[runs.length - 1] = { offset: last.offset, data: after.subarray(last.offset, end) };
    else runs.push(range);
  }
  return runs;
}
