// Training mode on the real card stack (`--demo --virtual-cards`): the trainee's cards are virtual
// SLE4442s on vpcd, written and read by PowerTill exactly as at a real till, and the meter room is
// a set of simulated DDSY1352 / DTSY1352 meters that load them, consume over simulated time and
// write back. "Insert into meter X" takes the card off the virtual reader, through the meter, and
// back. The meters' state is kept in a JSON file beside the training database.
import fs from 'node:fs';
import { SimulatedCardMeter, type CardMeterState, type InsertOutcome } from './cardMeter';
import type { VirtualCardHost } from './vpcd/virtualCardHost';

/** What the training screen reports, as the simulated delivery also does. */
export type TrainingOutcome = 'loaded' | 'write-back-only' | 'old-card' | 'rejected' | 'applied';

/** A shop's trading day: 10 hours at 2 kW (20 kWh). */
export const TRADING_DAY = { seconds: 10 * 3_600, watts: 2_000 } as const;

const BLANK = (() => {
  const memory = Buffer.alloc(256, 0xff);
  Buffer.from('a2131091ff8115', 'hex').copy(memory);
  return memory;
})();

function outcomeOf(outcome: InsertOutcome): TrainingOutcome {
  switch (outcome.kind) {
    case 'loaded':
      return 'loaded';
    case 'written-back':
      return 'write-back-only';
    case 'old-card':
      return 'old-card';
    case 'refused':
      return 'rejected';
    default:
      return 'applied';
  }
}

export class TrainingCardRoom {
  readonly cards = 'virtual' as const;
  private readonly meters = new Map<string, SimulatedCardMeter>();
  /** The meter room as the last session left it, read once. */
  private readonly stored: Record<string, CardMeterState>;

  constructor(
    private readonly card: VirtualCardHost,
    private readonly file: string,
    /** The office's site key, once the office is set up (the meters are commissioned with it). */
    private readonly siteKey: () => Buffer | null,
    /**
     * Resolves once PC/SC sees the virtual reader with (or without) a card. A card taken off and
     * put back faster than pcscd polls is never seen to leave: pcscd keeps the old card's power
     * state and the new one answers nothing, so every swap waits for pcscd to see each half.
     */
    private readonly readerSees: (present: boolean) => Promise<void> = async () => {},
  ) {
    this.stored = readRoom(file);
  }

  /** Takes the card off the reader and puts this chip on it, as a hand at the counter does. */
  private async swap(chip: Parameters<VirtualCardHost['load']>[0]): Promise<void> {
    await this.card.remove();
    await this.readerSees(false);
    await this.card.load(chip);
    await this.card.insert();
    await this.readerSees(true);
  }

  /** Puts a fresh blank card on the virtual reader (the one there is set aside). */
  async putBlankCard(): Promise<void> {
    await this.swap({ kind: 'sle4442', memory: BLANK.toString('hex') });
  }

  private meter(meterNo: string): SimulatedCardMeter {
    const known = this.meters.get(meterNo);
    if (known) return known;
    const key = this.siteKey();
    if (!key) throw new Error('the office is not set up yet');
    const saved = this.stored[meterNo];
    const meter = new SimulatedCardMeter(key, saved ?? { meterNo, clock: wallClock(new Date()) });
    this.meters.set(meterNo, meter);
    return meter;
  }

  private save(): void {
    const all = { ...this.stored };
    for (const [meterNo, meter] of this.meters) all[meterNo] = meter.state;
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify(all));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }

  /** The card on the reader goes into meter `meterNo` and comes back as the meter left it. */
  async insertIntoMeter(ref: { meterNo: string }): Promise<TrainingOutcome> {
    const state = await this.card.state();
    if (!state.inserted || !state.memory) return 'rejected';
    const meter = this.meter(ref.meterNo);
    const { outcome, image } = meter.insert(Buffer.from(state.memory, 'hex'));
    await this.swap({
      kind: 'sle4442',
      memory: image.toString('hex'),
      ...(state.psc && { psc: state.psc }),
      ...(state.triesLeft !== undefined && { triesLeft: state.triesLeft }),
    });
    this.save();
    return outcomeOf(outcome);
  }

  /** A trading day passes in the shop: the meter counts energy and takes its price off the credit. */
  runDay(meterNo: string): void {
    this.meter(meterNo).run(TRADING_DAY.seconds, TRADING_DAY.watts);
    this.save();
  }

  meterState(meterNo: string): { loadedCount: number; remainingFen: number; relay: string } {
    const { loadedCount, remainingFen, relay } = this.meter(meterNo).state;
    return { loadedCount, remainingFen, relay };
  }

  close(): Promise<void> {
    return this.card.close();
  }
}

function readRoom(file: string): Record<string, CardMeterState> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, CardMeterState>;
  } catch {
    // No room yet (a first training session), or a file this version cannot read: start afresh.
    return {};
  }
}

function wallClock(date: Date): string {
  // The meter's clock in the office's time (UTC+8), as the office sets it with a time-set card.
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}
