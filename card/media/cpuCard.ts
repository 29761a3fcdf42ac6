// ISO 7816-4 CPU cards (FM1208 class) with the PT1 profile: the application DF `PT01` holds one
// transparent EF `0001` whose bytes are the card image (the same bytes an SLE4442 holds at 0–247),
// read with READ BINARY and written with UPDATE BINARY after VERIFY of the card's own PIN (the
// same per-card code an SLE4442 gets). A card without PT01 is not one PowerTill can use.
import { AppError } from '../../shared/errors';
import type { CardConnection } from '../reader/types';
import { hex, split } from './apdu';
import type { CardMedia, PresentOptions } from './sle4442';

const DF_NAME = Buffer.from('PT01', 'ascii');
const EF_ID = Buffer.from([0x00, 0x01]);
/** The EF's size: PT1's used bytes. */
export const CPU_IMAGE_BYTES = 248;
const CHUNK = 248;

const apdu = (ins: number, p1: number, p2: number, data?: Buffer, le?: number) =>
  Buffer.concat([
    Buffer.from([0x00, ins, p1, p2]),
    data ? Buffer.from([data.length]) : Buffer.alloc(0),
    data ?? Buffer.alloc(0),
    le !== undefined ? Buffer.from([le]) : Buffer.alloc(0),
  ]);

export class CpuCard implements CardMedia {
  /** The PIN presented this session, needed again to change it. */
  private presented: Buffer | null = null;

  constructor(private readonly connection: CardConnection) {}

  private async send(command: Buffer, what: string): Promise<Buffer> {
    const { data, sw } = split(await this.connection.transmit(command));
    if (sw !== 0x9000) throw new AppError('CARD_PROTOCOL', { detail: `${what}: SW ${hex(sw)}` });
    return data;
  }

  async select(): Promise<void> {
    const { sw } = split(await this.connection.transmit(apdu(0xa4, 0x04, 0x00, DF_NAME)));
    if (sw !== 0x9000)
      throw new AppError('CARD_MEDIA_UNKNOWN', {
        atr: this.connection.atr.toString('hex').toUpperCase(),
      });
    await this.send(apdu(0xa4, 0x00, 0x00, EF_ID), 'select EF 0001');
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const out: Buffer[] = [];
    const end = Math.min(offset + length, CPU_IMAGE_BYTES);
    for (let at = offset; at < end; at += CHUNK) {
      const n = Math.min(CHUNK, end - at);
      out.push(await this.send(apdu(0xb0, at >> 8, at & 0xff, undefined, n), `read ${at}+${n}`));
    }
    // An SLE4442 has 256 bytes; the EF stops at 248: the rest reads as nothing written.
    const got = Buffer.concat(out);
    return got.length >= length ? got : Buffer.concat([got, Buffer.alloc(length - got.length)]);
  }

  async triesLeft(): Promise<number> {
    const { sw } = split(await this.connection.transmit(apdu(0x20, 0x00, 0x01)));
    if (sw === 0x9000) return 3;
    if (sw === 0x6983) return 0;
    if ((sw & 0xfff0) === 0x63c0) return sw & 0x0f;
    throw new AppError('CARD_PROTOCOL', { detail: `PIN tries: SW ${hex(sw)}` });
  }

  async present(psc: Buffer, options: PresentOptions = {}): Promise<void> {
    const before = await this.triesLeft();
    if (before === 0) throw new AppError('CARD_LOCKED');
    if (before === 1 && !options.allowLastTry) throw new AppError('CARD_LAST_TRY');
    const { sw } = split(await this.connection.transmit(apdu(0x20, 0x00, 0x01, psc)));
    if (sw === 0x9000) {
      this.presented = psc;
      return;
    }
    if (sw === 0x6983) throw new AppError('CARD_LOCKED');
    if ((sw & 0xfff0) === 0x63c0) throw new AppError('CARD_PSC_WRONG', { triesLeft: sw & 0x0f });
    throw new AppError('CARD_PROTOCOL', { detail: `verify PIN: SW ${hex(sw)}` });
  }

  async write(offset: number, data: Buffer): Promise<void> {
    if (offset + data.length > CPU_IMAGE_BYTES)
      throw new RangeError(`write ${offset}+${data.length} beyond the EF`);
    for (let at = 0; at < data.length; at += CHUNK) {
      const chunk = data.subarray(at, at + CHUNK);
      const where = offset + at;
      await this.send(
        apdu(0xd6, where >> 8, where & 0xff, chunk),
        `write ${where}+${chunk.length}`,
      );
    }
  }

  async changePsc(psc: Buffer): Promise<void> {
    if (!this.presented)
      throw new AppError('CARD_PROTOCOL', { detail: 'change PIN before VERIFY' });
    await this.send(apdu(0x24, 0x00, 0x01, Buffer.concat([this.presented, psc])), 'change PIN');
    this.presented = psc;
  }
}
