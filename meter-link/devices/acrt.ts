// The ACRT recharge terminal as the office reaches it over RS485 (DL/T 645-2007 frames to the
// terminal's own address): the card-to-meter binding table written down to it, and its recharge
// log read back. The data identifiers and layouts are PowerTill's, assumed until Acrel's manual
// (docs/protocols.md): DI3 = 0F is left to makers by the standard.
//
//   0F000000  write: the binding table's length (2 bytes, binary); clears the table
//   0F00iiii  write: binding i (1…): card number, meter number (6 BCD bytes each, low first)
//   0F010000  read:  the recharge log's length (2 bytes, binary)
//   0F01iiii  read:  log entry i (1…): time ss mm hh DD MM YY (BCD), card, meter (BCD),
//                    purchase count and money in fen (4 bytes binary each), outcome (1 byte)
//
// Its clock is the standard's: 04000101 date and day of week (YYMMDDWW), 04000102 time (hhmmss),
// written with the level-02 password and read back (DL/T 645-2007, as for a meter).
import type { BusArbiter } from '../bus/arbiter';
import { decodeValue, encodeValue } from '../dlt645/dataIds';
import { clockBytes, request, type Credentials } from '../dlt645/messages';
import { dlt645 } from '../dlt645/transaction';
import { MeterRefusal } from './meterClient';

export interface Binding {
  cardNo: string;
  meterNo: string;
}

export const ACRT_OUTCOMES = ['recharged', 'write-back-only', 'old-card', 'refused'] as const;
export type AcrtOutcomeCode = (typeof ACRT_OUTCOMES)[number];

export interface AcrtLogRecord {
  /** The terminal's clock, "YYYY-MM-DD hh:mm:ss". */
  at: string;
  cardNo: string;
  meterNo: string;
  purchaseCount: number;
  amountFen: number;
  outcome: AcrtOutcomeCode;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
export const bindingDi = (i: number) => `0F00${hex4(i)}`;
export const logDi = (i: number) => `0F01${hex4(i)}`;
export const MAX_ENTRIES = 0xffff;

const bcd6 = (digits: string) => {
  if (!/^\d{12}$/.test(digits)) throw new RangeError(`12 digits expected: ${digits}`);
  return Buffer.from(digits, 'hex').reverse();
};
const digits6 = (b: Buffer) => Buffer.from(b).reverse().toString('hex');

export const encodeLength = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
export const decodeLength = (b: Buffer) => (b.length === 2 ? b.readUInt16LE(0) : null);

export const encodeBinding = (b: Binding) => Buffer.concat([bcd6(b.cardNo), bcd6(b.meterNo)]);
export function decodeBinding(data: Buffer): Binding | null {
  if (data.length !== 12) return null;
  return { cardNo: digits6(data.subarray(0, 6)), meterNo: digits6(data.subarray(6, 12)) };
}

export function encodeLogRecord(r: AcrtLogRecord): Buffer {
  const numbers = Buffer.alloc(9);
  numbers.writeUInt32LE(r.purchaseCount, 0);
  numbers.writeUInt32LE(r.amountFen, 4);
  numbers[8] = ACRT_OUTCOMES.indexOf(r.outcome);
  return Buffer.concat([clockBytes(r.at), bcd6(r.cardNo), bcd6(r.meterNo), numbers]);
}

export function decodeLogRecord(data: Buffer): AcrtLogRecord | null {
  if (data.length !== 27) return null;
  const t = Buffer.from(data.subarray(0, 6)).reverse().toString('hex'); // YYMMDDhhmmss
  const outcome = ACRT_OUTCOMES[data[26]!];
  if (!outcome || !/^\d{12}$/.test(t)) return null;
  return {
    at: `20${t.slice(0, 2)}-${t.slice(2, 4)}-${t.slice(4, 6)} ${t.slice(6, 8)}:${t.slice(8, 10)}:${t.slice(10, 12)}`,
    cardNo: digits6(data.subarray(6, 12)),
    meterNo: digits6(data.subarray(12, 18)),
    purchaseCount: data.readUInt32LE(18),
    amountFen: data.readUInt32LE(22),
    outcome,
  };
}

export class AcrtClient {
  constructor(private readonly bus: BusArbiter) {}

  private async write(address: string, di: string, value: Buffer, who: Credentials) {
    const reply = await dlt645(this.bus, request.write(address, di, value, who));
    if (reply.kind === 'error') throw new MeterRefusal(reply.reasons, `writing ${di}`);
  }

  private async read(address: string, di: string): Promise<Buffer> {
    const reply = await dlt645(this.bus, request.read(address, di));
    if (reply.kind === 'error') throw new MeterRefusal(reply.reasons, `reading ${di}`);
    if (reply.kind !== 'data' || reply.di !== di)
      throw new MeterRefusal(['unexpected reply'], `reading ${di}`);
    return reply.raw;
  }

  /** Replaces the terminal's binding table with `bindings`; the length first, then each entry. */
  async downloadBindings(address: string, bindings: Binding[], who: Credentials): Promise<void> {
    if (bindings.length > MAX_ENTRIES) throw new RangeError('too many bindings for one terminal');
    await this.write(address, '0F000000', encodeLength(bindings.length), who);
    for (const [i, binding] of bindings.entries())
      await this.write(address, bindingDi(i + 1), encodeBinding(binding), who);
  }

  /**
   * Sets the terminal's clock to `at` ("YYYY-MM-DD hh:mm:ss", office time) and returns what it
   * reads afterwards, so the office sees the clock it set rather than assumes it.
   */
  async setClock(address: string, at: string, who: Credentials): Promise<string> {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/.exec(at);
    if (!m) throw new RangeError(`a clock reads YYYY-MM-DD hh:mm:ss: ${at}`);
    await this.write(address, '04000101', encodeValue({ kind: 'date' }, m[1]!), who);
    await this.write(address, '04000102', encodeValue({ kind: 'time' }, m[2]!), who);
    return this.readClock(address);
  }

  /** The terminal's clock, "YYYY-MM-DD hh:mm:ss". */
  async readClock(address: string): Promise<string> {
    const date = decodeValue({ kind: 'date' }, await this.read(address, '04000101'));
    const time = decodeValue({ kind: 'time' }, await this.read(address, '04000102'));
    return `${String(date)} ${String(time)}`;
  }

  async readLog(address: string): Promise<AcrtLogRecord[]> {
    const length = decodeLength(await this.read(address, '0F010000'));
    if (length === null) throw new MeterRefusal(['unexpected reply'], 'reading the log length');
    const records: AcrtLogRecord[] = [];
    for (let i = 1; i <= length; i += 1) {
      const record = decodeLogRecord(await this.read(address, logDi(i)));
      if (!record) throw new MeterRefusal(['unexpected reply'], `reading log entry ${i}`);
      records.push(record);
    }
    return records;
  }
}
