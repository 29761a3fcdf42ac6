// A simulated ACRT recharge terminal outside a locked meter room. The tenant puts the card the
// office wrote into it; it checks the card (this office's, a user card, bound to one of its
// meters), reads that NK meter's purchase count over its RS485 bus and applies the card meters'
// count rule: purchase N loads only onto count N − 1 and a clear write-back, by a remote recharge
// (070102FF) to the meter. Then it writes the meter's state back onto the card (回写), as a card
// meter would, so the office learns at the next read what the meter holds. Every insertion goes
// into the terminal's recharge log. On the office's line it answers at its own address: the
// binding table written down to it, the log read back, its clock set and read
// (meter-link/devices/acrt.ts).
import { decodeCard, writeMeterBlock } from '../../card/layout/cardImage';
import { decodeValue, diText, encodeValue } from '../../meter-link/dlt645/dataIds';
import { encodeFrame, type Dlt645Frame } from '../../meter-link/dlt645/frame';
import { CONTROL } from '../../meter-link/dlt645/messages';
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import {
  decodeBinding,
  decodeLength,
  encodeLength,
  encodeLogRecord,
} from '../../meter-link/devices/acrt';
import type { DeviceRef, MeterClient } from '../../meter-link/devices/meterClient';
import type { Answer, BusDevice } from './busEar';

export type AcrtOutcome =
  | 'recharged'
  /** Nothing new to load (N = M): only the write-back. */
  | 'write-back-only'
  /** An old card (N < M): nothing loaded. */
  | 'old-card'
  | 'refused';

export interface AcrtLogEntry {
  /** The terminal's clock, "YYYY-MM-DD hh:mm:ss". */
  at: string;
  cardNo: string | null;
  meterNo: string | null;
  purchaseCount: number | null;
  amountFen: number;
  outcome: AcrtOutcome;
  reason: string | null;
}

export interface AcrtOptions {
  /** Its own DL/T 645 address on the office's line. */
  address: string;
  /** Level-02 password for writes from the office, 6 hex digits. */
  password: string;
  /** The office secret: it checks cards' MACs and derives its meters' recharge keys. */
  officeSecret: Buffer;
  /** The terminal's own RS485 bus to its meters. */
  client: MeterClient;
  /** The meters behind this terminal, by number. */
  meters: Map<string, DeviceRef>;
  /** The terminal's clock. */
  clock: () => string;
}

export class AcrtTerminal implements BusDevice {
  readonly log: AcrtLogEntry[] = [];
  /** Card number to meter number, as the office last wrote it down. */
  readonly bindings = new Map<string, string>();
  private expected = 0;
  /** The clock as the office last set it, and when (real time), so it runs on from there. */
  private clockSet: { value: string; atMs: number } | null = null;

  constructor(private readonly options: AcrtOptions) {}

  /** The terminal's clock: its own, or the office's setting running on. */
  now(): string {
    if (!this.clockSet) return this.options.clock();
    const set = Date.parse(`${this.clockSet.value.replace(' ', 'T')}Z`);
    return new Date(set + Date.now() - this.clockSet.atMs)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
  }

  get address(): string {
    return this.options.address;
  }

  /** The card after the insertion, and what the terminal did. */
  async insert(image: Buffer): Promise<{ outcome: AcrtOutcome; image: Buffer; reason?: string }> {
    const { client, meters, officeSecret } = this.options;
    const card = decodeCard(image, officeSecret);
    const purchase = card.blocks.purchase;
    const entry = (outcome: AcrtOutcome, reason: string | null, amountFen = 0): AcrtLogEntry => ({
      at: this.now(),
      cardNo: card.cardNo,
      meterNo: (purchase?.meterNo as string | undefined) ?? null,
      purchaseCount: (purchase?.purchaseCount as number | undefined) ?? null,
      amountFen,
      outcome,
      reason,
    });
    const refuse = (reason: string) => {
      this.log.push(entry('refused', reason));
      return { outcome: 'refused' as const, image, reason };
    };
    if (card.status !== 'valid' || card.kind !== 'user' || !purchase)
      return refuse(`not a valid user card (${card.status})`);
    const meterNo = purchase.meterNo as string;
    const device = meters.get(meterNo);
    if (!device) return refuse(`meter ${meterNo} is not behind this terminal`);
    if (this.bindings.get(card.cardNo!) !== meterNo)
      return refuse(`card ${card.cardNo} is not bound to meter ${meterNo}`);

    const n = purchase.purchaseCount as number;
    const before = await client.purchaseReading(device);
    const m = before.purchaseCount;
    const clear = card.blocks.writeBack?.present !== true;
    let outcome: AcrtOutcome;
    let amountFen = 0;
    if (n < m) outcome = 'old-card';
    else if (n === m) outcome = 'write-back-only';
    else if (n === m + 1 && clear) {
      amountFen = purchase.lastPurchaseFen as number;
      await client.recharge(
        device,
        { amountFen, purchaseCount: n, customerNo: card.cardNo!, operator: '00000000' },
        meterRechargeKey(officeSecret, meterNo),
      );
      outcome = 'recharged';
    } else return refuse(n > m + 1 ? 'purchase count not next' : 'write-back not clear');

    const after = await client.purchaseReading(device);
    const energy = await client.read(device, 'readEnergy');
    this.log.push(entry(outcome, null, amountFen));
    return {
      outcome,
      image: writeMeterBlock(image, 'user', 'writeBack', {
        present: true,
        loadedCount: after.purchaseCount,
        remainingFen: after.remainingFen,
        cumulativeEnergy: Math.round(Number(energy.value) * 100),
        overdraftUsedFen: 0,
        illegalInsertCount: 0,
        tamperFlags: 0,
        writtenAt: this.now(),
        meterNo,
      }),
    };
  }

  /** The office on the line: the binding table written, the log read. */
  respond(frame: Dlt645Frame): Answer | null {
    if (frame.address !== this.options.address) return null;
    const reply = (control: number, data: Buffer) => ({
      bytes: encodeFrame({ address: this.options.address, control, data }),
      delayMs: 5,
    });
    const error = (code: number) => reply(frame.control | 0xc0, Buffer.from([code]));
    const di = frame.data.length >= 4 ? diText(frame.data) : '';
    const index = parseInt(di.slice(4), 16);
    if (frame.control === CONTROL.read) {
      const data = (value: Buffer) =>
        reply(0x91, Buffer.concat([frame.data.subarray(0, 4), value]));
      if (di === '0F010000') return data(encodeLength(this.log.length));
      if (di === '04000101') return data(encodeValue({ kind: 'date' }, this.now().slice(0, 10)));
      if (di === '04000102') return data(encodeValue({ kind: 'time' }, this.now().slice(11)));
      const entry = di.startsWith('0F01') ? this.log[index - 1] : undefined;
      if (!entry) return error(0x02);
      return data(
        encodeLogRecord({
          at: entry.at,
          cardNo: entry.cardNo ?? '000000000000',
          meterNo: entry.meterNo ?? '000000000000',
          purchaseCount: entry.purchaseCount ?? 0,
          amountFen: entry.amountFen,
          outcome: entry.outcome,
        }),
      );
    }
    if (frame.control === CONTROL.write) {
      const given = Buffer.from(frame.data.subarray(4, 8)).reverse().toString('hex').toUpperCase();
      if (given !== `02${this.options.password}`.toUpperCase()) return error(0x04);
      const value = frame.data.subarray(12);
      if (di === '04000101' || di === '04000102') {
        const now = this.now();
        const decoded = String(decodeValue({ kind: di === '04000101' ? 'date' : 'time' }, value));
        const next =
          di === '04000101' ? `${decoded} ${now.slice(11)}` : `${now.slice(0, 10)} ${decoded}`;
        this.clockSet = { value: next, atMs: Date.now() };
        return reply(0x94, Buffer.alloc(0));
      }
      if (di === '0F000000') {
        const length = decodeLength(value);
        if (length === null) return error(0x01);
        this.bindings.clear();
        this.expected = length;
        return reply(0x94, Buffer.alloc(0));
      }
      const binding = di.startsWith('0F00') ? decodeBinding(value) : null;
      if (!binding || index < 1 || index > this.expected) return error(0x02);
      this.bindings.set(binding.cardNo, binding.meterNo);
      return reply(0x94, Buffer.alloc(0));
    }
    return error(0x01);
  }

  respondModbus(): Answer | null {
    return null;
  }
}
