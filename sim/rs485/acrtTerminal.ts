// A simulated ACRT recharge terminal outside a locked meter room. The tenant puts the card the
// office wrote into it; it checks the card (this office's, a user card, bound to one of its
// meters), reads that NK meter's purchase count over its RS485 bus and applies the card meters'
// count rule: purchase N loads only onto count N − 1 and a clear write-back, by a remote recharge
// (070102FF) to the meter. Then it writes the meter's state back onto the card (回写), as a card
// meter would, so the office learns at the next read what the meter holds. Every insertion goes
// into the terminal's recharge log.
import { decodeCard, writeMeterBlock } from '../../card/layout/cardImage';
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import type { DeviceRef, MeterClient } from '../../meter-link/devices/meterClient';

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
  /** The office secret: it checks cards' MACs and derives its meters' recharge keys. */
  officeSecret: Buffer;
  /** The terminal's own RS485 bus to its meters. */
  client: MeterClient;
  /** The meters behind this terminal, by number. */
  meters: Map<string, DeviceRef>;
  /** The terminal's clock. */
  clock: () => string;
}

export class AcrtTerminal {
  readonly log: AcrtLogEntry[] = [];

  constructor(private readonly options: AcrtOptions) {}

  /** The card after the insertion, and what the terminal did. */
  async insert(image: Buffer): Promise<{ outcome: AcrtOutcome; image: Buffer; reason?: string }> {
    const { client, meters, officeSecret, clock } = this.options;
    const card = decodeCard(image, officeSecret);
    const purchase = card.blocks.purchase;
    const entry = (outcome: AcrtOutcome, reason: string | null, amountFen = 0): AcrtLogEntry => ({
      at: clock(),
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
        writtenAt: clock(),
        meterNo,
      }),
    };
  }
}
