// A simulated DDSY1352 / DTSY1352 card meter: what sits in the tenant's shop and what the office's
// cards must satisfy. It takes a card image (the bytes of docs/card-format.md), applies the
// purchase-count rule of docs/domain.md, the hoarding limit, the parameters and the management cards,
// counts energy over simulated time at the tariff it was given, trips its relay, can be tampered
// with, and writes its state back onto the card. It knows the office's site key, as a real meter
// is commissioned for one office; it knows nothing of the ledger.
import {
  decodeCard,
  writeMeterBlock,
  writeRecord,
  type DecodedCard,
} from '../card/layout/cardImage';
import type { BlockValues } from '../card/layout/fields';
import { PT1 } from '../card/layout/pt1';
import { chargeForEnergy, chargeTouUsage, touRateAt } from '../shared/pricing';
import type { TariffDefinition } from '../shared/tariff';
import type { EnergyE2, Fen } from '../shared/units';

export type CardMeterModel = 'DDSY1352' | 'DTSY1352';

/** Tamper bits as the write-back carries them. */
export const TAMPER = { coverOpened: 1, magneticField: 2, reverseCurrent: 4 } as const;

export interface MeterLimits {
  alarm1Fen: Fen;
  alarm2Fen: Fen;
  overdraftFen: Fen;
  /** 0: no limit. */
  hoardingFen: Fen;
}

export type Relay = 'closed' | 'open';

export interface CardMeterState {
  meterNo: string;
  model: CardMeterModel;
  /** M: the purchase count last loaded. */
  loadedCount: number;
  remainingFen: Fen;
  cumulativeEnergy: EnergyE2;
  illegalInsertCount: number;
  tamperFlags: number;
  relay: Relay;
  /** Why the relay is open, shown on the meter's display. */
  relayReason: 'alarm2' | 'credit-exhausted' | null;
  /** The meter's wall clock, "YYYY-MM-DD hh:mm:ss" (it has no time zone). */
  clock: string;
  limits: MeterLimits;
  tariff: TariffDefinition | null;
  /** The month the stepped thresholds and free allowance count from, and energy so far in it. */
  month: string;
  monthEnergy: EnergyE2;
  /** The second alarm was acknowledged by reinserting the card: power stays on until credit runs out. */
  alarm2Acknowledged: boolean;
  /** Cost not yet taken off the credit, in 1e-6 yuan (a fen is 10,000). */
  costPendingMicro: number;
  /** Energy not yet counted, in watt-seconds (0.01 kWh is 36,000). */
  energyPendingWs: number;
  /** Times a parameter card was applied. */
  parameterCount: number;
}

export type Refusal =
  /** No PowerTill card, or of a layout the meter does not know. */
  | 'not-a-card'
  /** Another office's card, or a forged one (counted as an illegal insertion). */
  | 'foreign'
  /** A CRC fails: shown as a card error, nothing counted. */
  | 'damaged'
  /** A user card of another meter (counted as an illegal insertion). */
  | 'other-meter'
  /** N ≥ M + 2. */
  | 'count-gap'
  /** N = M + 1 but the write-back area is not clear. */
  | 'write-back-not-clear'
  /** Balance + purchase would exceed the hoarding limit. */
  | 'hoarding'
  /** A management card meant for another meter, or already used. */
  | 'not-for-this-meter'
  /** Clear card whose purchase count differs from the meter's. */
  | 'count-mismatch'
  /** Meter-change card into a meter that already holds purchases. */
  | 'meter-not-new'
  | 'check-card-full';

export type InsertOutcome =
  | { kind: 'loaded'; purchaseCount: number; amountFen: Fen }
  | { kind: 'written-back' }
  /** N < M: an old card; no credit, nothing written. */
  | { kind: 'old-card' }
  | { kind: 'refused'; reason: Refusal }
  | { kind: 'parameters-applied' }
  | { kind: 'checked'; slot: number }
  | { kind: 'cleared'; clearedFen: Fen }
  | { kind: 'meter-changed'; loadedFen: Fen }
  | { kind: 'time-set'; previous: string }
  | { kind: 'tested' };

export interface Insertion {
  outcome: InsertOutcome;
  /** The card as it leaves the meter (the same bytes when nothing was written). */
  image: Buffer;
}

const MICRO_PER_FEN = 10_000;
const WS_PER_ENERGY_UNIT = 36_000;
/** Simulated time runs in steps no longer than this, so a TOU boundary is honoured. */
const STEP_SECONDS = 15 * 60;

const NO_LIMITS: MeterLimits = { alarm1Fen: 0, alarm2Fen: 0, overdraftFen: 0, hoardingFen: 0 };

/** Wall-clock text <-> milliseconds, treating the wall clock as if it were UTC (no zone games). */
function clockMs(clock: string): number {
  return Date.parse(`${clock.replace(' ', 'T')}Z`);
}
function clockText(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export class SimulatedCardMeter {
  readonly state: CardMeterState;

  constructor(
    private readonly siteKey: Buffer,
    init: Pick<CardMeterState, 'meterNo'> & Partial<CardMeterState>,
  ) {
    const clock = init.clock ?? '2026-01-01 00:00:00';
    this.state = {
      model: 'DDSY1352',
      loadedCount: 0,
      remainingFen: 0,
      cumulativeEnergy: 0,
      illegalInsertCount: 0,
      tamperFlags: 0,
      relay: 'closed',
      relayReason: null,
      clock,
      limits: { ...NO_LIMITS },
      tariff: null,
      month: clock.slice(0, 7),
      monthEnergy: 0,
      alarm2Acknowledged: false,
      costPendingMicro: 0,
      energyPendingWs: 0,
      parameterCount: 0,
      ...init,
    };
    this.updateRelay();
  }

  /** A card goes into the meter's slot and comes out again. */
  insert(image: Buffer): Insertion {
    const card = decodeCard(image, this.siteKey);
    const refuse = (reason: Refusal, illegal = false): Insertion => {
      if (illegal) this.state.illegalInsertCount = Math.min(255, this.state.illegalInsertCount + 1);
      return { outcome: { kind: 'refused', reason }, image };
    };
    switch (card.status) {
      case 'valid':
        break;
      case 'blank':
      case 'unknown-layout':
        return refuse('not-a-card');
      case 'other-office':
      case 'forged':
        return refuse('foreign', true);
      case 'corrupt':
        return refuse('damaged');
    }
    switch (card.kind!) {
      case 'user':
        return this.insertUserCard(card, image, refuse);
      case 'parameter':
        return this.insertParameterCard(card, image, refuse);
      case 'check':
        return this.insertCheckCard(card, image, refuse);
      case 'clear':
        return this.insertClearCard(card, image, refuse);
      case 'meterChange':
        return this.insertMeterChangeCard(card, image, refuse);
      case 'timeSet':
        return this.insertTimeSetCard(card, image);
      case 'test':
        return { outcome: { kind: 'tested' }, image };
    }
  }

  private insertUserCard(
    card: DecodedCard,
    image: Buffer,
    refuse: (reason: Refusal, illegal?: boolean) => Insertion,
  ): Insertion {
    const s = this.state;
    const purchase = card.blocks.purchase!;
    if (purchase.meterNo !== s.meterNo) return refuse('other-meter', true);
    const n = purchase.purchaseCount as number;
    const m = s.loadedCount;
    if (n < m) return { outcome: { kind: 'old-card' }, image };
    if (n >= m + 2) return refuse('count-gap');
    let outcome: InsertOutcome = { kind: 'written-back' };
    if (n === m + 1) {
      if (card.blocks.writeBack!.present === true) return refuse('write-back-not-clear');
      const amount = purchase.lastPurchaseFen as number;
      const limit = purchase.hoardingFen as number;
      if (limit > 0 && s.remainingFen + amount > limit) return refuse('hoarding');
      s.remainingFen += amount;
      s.loadedCount = n;
      s.limits = {
        alarm1Fen: purchase.alarm1Fen as number,
        alarm2Fen: purchase.alarm2Fen as number,
        overdraftFen: purchase.overdraftFen as number,
        hoardingFen: limit,
      };
      if (card.tariff) s.tariff = card.tariff;
      s.alarm2Acknowledged = false;
      outcome = { kind: 'loaded', purchaseCount: n, amountFen: amount };
    } else if (s.relayReason === 'alarm2') {
      // Reinserting the card at the second alarm restores power until the credit runs out.
      s.alarm2Acknowledged = true;
    }
    this.updateRelay();
    return { outcome, image: writeMeterBlock(image, 'user', 'writeBack', this.writeBack()) };
  }

  private insertParameterCard(
    card: DecodedCard,
    image: Buffer,
    refuse: (reason: Refusal) => Insertion,
  ): Insertion {
    const s = this.state;
    const p = card.blocks.parameters!;
    if (p.targetMeterNo !== null && p.targetMeterNo !== s.meterNo)
      return refuse('not-for-this-meter');
    s.limits = {
      alarm1Fen: p.alarm1Fen as number,
      alarm2Fen: p.alarm2Fen as number,
      overdraftFen: p.overdraftFen as number,
      hoardingFen: p.hoardingFen as number,
    };
    if (card.tariff) s.tariff = card.tariff;
    s.parameterCount += 1;
    this.updateRelay();
    const previous = card.blocks.result!;
    const applied = previous.present === true ? (previous.appliedCount as number) : 0;
    return {
      outcome: { kind: 'parameters-applied' },
      image: writeMeterBlock(image, 'parameter', 'result', {
        present: true,
        meterNo: s.meterNo,
        writtenAt: s.clock,
        appliedCount: applied + 1,
      }),
    };
  }

  private insertCheckCard(
    card: DecodedCard,
    image: Buffer,
    refuse: (reason: Refusal) => Insertion,
  ): Insertion {
    const s = this.state;
    // Slots fill in order; a meter checked twice overwrites its own record.
    const slots = PT1.kinds.check.records!.count;
    let slot = card.records.findIndex((r) => r.meterNo === s.meterNo);
    if (slot === -1) slot = card.records.length;
    if (slot >= slots) return refuse('check-card-full');
    const record: BlockValues = {
      meterNo: s.meterNo,
      loadedCount: s.loadedCount,
      remainingFen: s.remainingFen,
      cumulativeEnergy: s.cumulativeEnergy,
      illegalInsertCount: s.illegalInsertCount,
      tamperFlags: s.tamperFlags,
      writtenAt: s.clock,
    };
    return { outcome: { kind: 'checked', slot }, image: writeRecord(image, slot, record) };
  }

  private insertClearCard(
    card: DecodedCard,
    image: Buffer,
    refuse: (reason: Refusal) => Insertion,
  ): Insertion {
    const s = this.state;
    const c = card.blocks.clear!;
    if (c.targetMeterNo !== s.meterNo || card.blocks.result!.present === true)
      return refuse('not-for-this-meter');
    if (c.purchaseCount !== s.loadedCount) return refuse('count-mismatch');
    const clearedFen = s.remainingFen;
    // The purchase count stays: it belongs to the meter, and the tenant's card (after a suspension)
    // or the next tenant's card (after closing) goes on from it.
    Object.assign(s, {
      remainingFen: 0,
      illegalInsertCount: 0,
      tamperFlags: 0,
      costPendingMicro: 0,
      alarm2Acknowledged: false,
    });
    this.updateRelay();
    return {
      outcome: { kind: 'cleared', clearedFen },
      image: writeMeterBlock(image, 'clear', 'result', {
        present: true,
        meterNo: s.meterNo,
        writtenAt: s.clock,
        clearedFen,
      }),
    };
  }

  private insertMeterChangeCard(
    card: DecodedCard,
    image: Buffer,
    refuse: (reason: Refusal) => Insertion,
  ): Insertion {
    const s = this.state;
    const c = card.blocks.meterChange!;
    if (card.blocks.result!.present === true) return refuse('not-for-this-meter');
    if (c.newMeterNo !== null && c.newMeterNo !== s.meterNo) return refuse('not-for-this-meter');
    if (s.loadedCount !== 0) return refuse('meter-not-new');
    const loadedFen = c.carriedFen as number;
    s.remainingFen += loadedFen;
    s.loadedCount = c.purchaseCount as number;
    this.updateRelay();
    return {
      outcome: { kind: 'meter-changed', loadedFen },
      image: writeMeterBlock(image, 'meterChange', 'result', {
        present: true,
        meterNo: s.meterNo,
        writtenAt: s.clock,
        loadedFen,
      }),
    };
  }

  private insertTimeSetCard(card: DecodedCard, image: Buffer): Insertion {
    const s = this.state;
    const previous = s.clock;
    s.clock = card.blocks.timeSet!.setTo as string;
    return {
      outcome: { kind: 'time-set', previous },
      image: writeMeterBlock(image, 'timeSet', 'result', {
        present: true,
        meterNo: s.meterNo,
        writtenAt: s.clock,
        previousTime: previous,
      }),
    };
  }

  /** The write-back block (回写) as this meter would write it now. */
  writeBack(): BlockValues {
    const s = this.state;
    return {
      present: true,
      loadedCount: s.loadedCount,
      remainingFen: s.remainingFen,
      cumulativeEnergy: s.cumulativeEnergy,
      overdraftUsedFen: Math.max(0, -s.remainingFen),
      illegalInsertCount: s.illegalInsertCount,
      tamperFlags: s.tamperFlags,
      writtenAt: s.clock,
      meterNo: s.meterNo,
    };
  }

  /** Runs the shop's load for a while: `watts` while the relay is closed. */
  run(seconds: number, watts: number): void {
    if (!Number.isInteger(seconds) || seconds < 0 || !Number.isInteger(watts) || watts < 0)
      throw new RangeError('seconds and watts are non-negative integers');
    let left = seconds;
    while (left > 0) {
      const step = Math.min(left, STEP_SECONDS);
      if (this.state.relay === 'closed') {
        this.state.energyPendingWs += watts * step;
        const units = Math.floor(this.state.energyPendingWs / WS_PER_ENERGY_UNIT);
        this.state.energyPendingWs -= units * WS_PER_ENERGY_UNIT;
        if (units > 0) this.count(units);
      }
      this.advanceClock(step);
      left -= step;
    }
  }

  /** Someone opens the cover, holds a magnet to it, or wires it backwards. */
  tamper(flag: keyof typeof TAMPER): void {
    this.state.tamperFlags |= TAMPER[flag];
  }

  private advanceClock(seconds: number): void {
    const s = this.state;
    s.clock = clockText(clockMs(s.clock) + seconds * 1000);
    const month = s.clock.slice(0, 7);
    if (month !== s.month) {
      s.month = month;
      s.monthEnergy = 0;
    }
  }

  /** Counts energy and takes its price off the credit. */
  private count(energy: EnergyE2): void {
    const s = this.state;
    s.cumulativeEnergy += energy;
    if (s.tariff) {
      const charge =
        s.tariff.kind === 'tou'
          ? chargeTouUsage(
              s.tariff,
              { [touRateAt(s.tariff, minuteOfDay(s.clock))]: energy },
              s.monthEnergy,
            )
          : chargeForEnergy(s.tariff, energy, s.monthEnergy);
      // Exact cost, carried between steps, so many small steps cost what one big one does.
      s.costPendingMicro += charge.lines.reduce((sum, l) => sum + l.energy * l.price, 0);
      const fen = Math.floor(s.costPendingMicro / MICRO_PER_FEN);
      s.costPendingMicro -= fen * MICRO_PER_FEN;
      s.remainingFen -= fen;
    }
    s.monthEnergy += energy;
    this.updateRelay();
  }

  private updateRelay(): void {
    const s = this.state;
    const { alarm2Fen, overdraftFen } = s.limits;
    if (s.remainingFen <= -overdraftFen) {
      // No credit and the overdraft used up (a meter that never loaded a purchase is here too).
      s.relay = 'open';
      s.relayReason = 'credit-exhausted';
    } else if (alarm2Fen > 0 && s.remainingFen <= alarm2Fen && !s.alarm2Acknowledged) {
      s.relay = 'open';
      s.relayReason = 'alarm2';
    } else {
      s.relay = 'closed';
      s.relayReason = null;
    }
  }
}

function minuteOfDay(clock: string): number {
  return Number(clock.slice(11, 13)) * 60 + Number(clock.slice(14, 16));
}
