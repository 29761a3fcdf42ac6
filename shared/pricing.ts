// Pricing: money <-> energy under a tariff, with per-step and per-rate splits, in integers only.
//
// Exact arithmetic: energy (0.01 kWh) x price (1e-4 yuan/kWh) is an amount in 1e-6 yuan, and
// one fen is 10,000 of those. Conversions work in that unit and round once, at the end, by the
// stated rule:
// - money -> energy (what a purchase buys) gives the most 0.01 kWh whose exact price does not
//   exceed the money: the customer is never credited energy they did not pay for (floor);
// - energy -> money (what consumption costs) rounds each line half to even to the fen, and a
//   total is the sum of its lines, so a receipt or report always adds up.
// The monthly free allowance is consumed first; stepped thresholds count the month's charged
// energy (after the allowance).
import type { TariffDefinition, TouRate, TouTariff } from './tariff';
import { TOU_RATES, minutesOf } from './tariff';
import { divideHalfEven, type EnergyE2, type Fen, type PriceE4 } from './units';

const MICRO_PER_FEN = 10_000;

export interface PricedPart {
  price: PriceE4;
  energy: EnergyE2;
  /** For stepped tariffs: which step (0-based); for TOU: which rate. */
  step?: number;
  rate?: TouRate;
}

export interface ChargeLine extends PricedPart {
  fen: Fen;
}

export interface Charge {
  /** Energy covered by the monthly free allowance. */
  free: EnergyE2;
  lines: ChargeLine[];
  totalFen: Fen;
}

export interface Purchase {
  energy: EnergyE2;
  parts: PricedPart[];
  /** Money (in 1e-6 yuan) left over because it buys less than 0.01 kWh at the next price. */
  remainderMicroYuan: number;
}

/** Blocks of energy at one price, in the order they are consumed from a month position. */
function priceBlocks(
  tariff: TariffDefinition,
  chargedMonthToDate: EnergyE2,
): { price: PriceE4; capacity: number; step?: number }[] {
  switch (tariff.kind) {
    case 'flat':
      return [{ price: tariff.price, capacity: Infinity }];
    case 'tou':
      // A purchase has no time of day: the flat (平) rate stands for a TOU tariff.
      return [{ price: tariff.rates.flat, capacity: Infinity }];
    case 'stepped': {
      let floor = 0;
      return tariff.steps.flatMap((step, index) => {
        const top = step.upTo ?? Infinity;
        const capacity = Math.max(0, top - Math.max(floor, chargedMonthToDate));
        floor = top;
        return capacity > 0 ? [{ price: step.price, capacity, step: index }] : [];
      });
    }
  }
}

/** The energy a sum of money buys, from the month position the account is at. */
export function energyForMoney(
  tariff: TariffDefinition,
  fen: Fen,
  chargedMonthToDate: EnergyE2 = 0,
): Purchase {
  assertNonNegativeInteger(fen, 'fen');
  assertNonNegativeInteger(chargedMonthToDate, 'chargedMonthToDate');
  let budget = fen * MICRO_PER_FEN;
  if (!Number.isSafeInteger(budget)) throw new RangeError('amount too large');
  const parts: PricedPart[] = [];
  let energy = 0;
  for (const block of priceBlocks(tariff, chargedMonthToDate)) {
    const affordable = Math.floor(budget / block.price);
    const take = Math.min(affordable, block.capacity);
    if (take > 0) {
      parts.push({
        price: block.price,
        energy: take,
        ...(block.step !== undefined && { step: block.step }),
      });
      energy += take;
      budget -= take * block.price;
    }
    if (take < block.capacity) break;
  }
  return { energy, parts, remainderMicroYuan: budget };
}

/** What an amount of energy consumed in a month costs (flat and stepped tariffs). */
export function chargeForEnergy(
  tariff: TariffDefinition,
  energy: EnergyE2,
  monthToDateBefore: EnergyE2 = 0,
): Charge {
  assertNonNegativeInteger(energy, 'energy');
  assertNonNegativeInteger(monthToDateBefore, 'monthToDateBefore');
  const allowanceLeft = Math.max(0, tariff.freeAllowance - monthToDateBefore);
  const free = Math.min(energy, allowanceLeft);
  let toCharge = energy - free;
  const chargedBefore = Math.max(0, monthToDateBefore - tariff.freeAllowance);
  const lines: ChargeLine[] = [];
  for (const block of priceBlocks(tariff, chargedBefore)) {
    if (toCharge === 0) break;
    const take = Math.min(toCharge, block.capacity);
    lines.push(
      line({
        price: block.price,
        energy: take,
        ...(block.step !== undefined && { step: block.step }),
      }),
    );
    toCharge -= take;
  }
  return { free, lines, totalFen: sum(lines) };
}

/**
 * What a month's time-of-use consumption costs, rate by rate. The free allowance covers the
 * dearest energy first, in the customer's favour.
 */
export function chargeTouUsage(
  tariff: TouTariff,
  usage: Partial<Record<TouRate, EnergyE2>>,
  monthToDateBefore: EnergyE2 = 0,
): Charge {
  let allowanceLeft = Math.max(0, tariff.freeAllowance - monthToDateBefore);
  const rates = TOU_RATES.filter((rate) => (usage[rate] ?? 0) > 0).sort(
    (a, b) => (tariff.rates[b] ?? 0) - (tariff.rates[a] ?? 0),
  );
  let free = 0;
  const lines: ChargeLine[] = [];
  for (const rate of rates) {
    const used = usage[rate]!;
    assertNonNegativeInteger(used, rate);
    const price = tariff.rates[rate];
    if (price === undefined) throw new RangeError(`the tariff has no ${rate} rate`);
    const covered = Math.min(used, allowanceLeft);
    allowanceLeft -= covered;
    free += covered;
    if (used > covered) lines.push(line({ price, energy: used - covered, rate }));
  }
  lines.sort((a, b) => TOU_RATES.indexOf(a.rate!) - TOU_RATES.indexOf(b.rate!));
  return { free, lines, totalFen: sum(lines) };
}

/** The TOU rate in force at a local time of day ("HH:MM" or minutes after midnight). */
export function touRateAt(tariff: TouTariff, time: string | number): TouRate {
  const minutes = typeof time === 'number' ? time : minutesOf(time);
  let current = tariff.segments[tariff.segments.length - 1]!.rate;
  for (const segment of tariff.segments) {
    if (minutesOf(segment.start) <= minutes) current = segment.rate;
  }
  return current;
}

/** The price that stands for a tariff when money is shown as energy (receipt's 折合电量). */
export function referencePrice(tariff: TariffDefinition): PriceE4 {
  switch (tariff.kind) {
    case 'flat':
      return tariff.price;
    case 'tou':
      return tariff.rates.flat;
    case 'stepped':
      return tariff.steps[0]!.price;
  }
}

function line(part: PricedPart): ChargeLine {
  return { ...part, fen: divideHalfEven(part.energy * part.price, MICRO_PER_FEN) };
}

const sum = (lines: ChargeLine[]) => lines.reduce((total, l) => total + l.fen, 0);

function assertNonNegativeInteger(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer`);
}
