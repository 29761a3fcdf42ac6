// Expected values below are worked out by hand from the tariff (shown in comments), never taken
// from the module's own output.
import {
  chargeForEnergy,
  chargeTouUsage,
  energyForMoney,
  referencePrice,
  touRateAt,
} from './pricing';
import {
  tariffDefinitionSchema,
  type SteppedTariff,
  type TariffDefinition,
  type TouTariff,
} from './tariff';

const flat = (price: number, freeAllowance = 0): TariffDefinition => ({
  kind: 'flat',
  price,
  freeAllowance,
});

// A residential-style ladder: to 200 kWh at 0.56, to 400 kWh at 0.61, above at 0.86 yuan/kWh.
const ladder = (freeAllowance = 0): SteppedTariff => ({
  kind: 'stepped',
  freeAllowance,
  steps: [
    { upTo: 20_000, price: 5_600 },
    { upTo: 40_000, price: 6_100 },
    { upTo: null, price: 8_600 },
  ],
});

// 尖峰平谷 1.20 / 1.00 / 0.70 / 0.35 over eight segments.
const tou = (freeAllowance = 0): TouTariff => ({
  kind: 'tou',
  freeAllowance,
  rates: { sharp: 12_000, peak: 10_000, flat: 7_000, valley: 3_500 },
  segments: [
    { start: '00:00', rate: 'valley' },
    { start: '08:00', rate: 'flat' },
    { start: '10:00', rate: 'peak' },
    { start: '12:00', rate: 'flat' },
    { start: '18:00', rate: 'sharp' },
    { start: '20:00', rate: 'peak' },
    { start: '22:00', rate: 'flat' },
    { start: '23:00', rate: 'valley' },
  ],
});

describe('what a purchase buys', () => {
  it('flat: 100.00 yuan at 0.8500 buys 117.64 kWh (117.647… floored)', () => {
    // 100 yuan = 100,000,000 micro-yuan; / 8,500 = 11,764.7 -> 11,764; 11,764 x 8,500 = 99,994,000.
    expect(energyForMoney(flat(8_500), 10_000)).toEqual({
      energy: 11_764,
      parts: [{ price: 8_500, energy: 11_764 }],
      remainderMicroYuan: 6_000,
    });
  });

  it('stepped from the start of the month: fills the first step, then buys into the second', () => {
    // 200 yuan: step 1 all 200 kWh cost 112 yuan; 88 yuan left at 0.61 = 144.262… -> 144.26 kWh.
    expect(energyForMoney(ladder(), 20_000, 0)).toEqual({
      energy: 34_426,
      parts: [
        { price: 5_600, energy: 20_000, step: 0 },
        { price: 6_100, energy: 14_426, step: 1 },
      ],
      remainderMicroYuan: 88_000_000 - 14_426 * 6_100,
    });
  });

  it('stepped from 150 kWh into the month: 50 kWh at step 1, 200 at step 2, the rest at step 3', () => {
    // 28 + 122 = 150 yuan for 250 kWh; 50 yuan left at 0.86 = 58.139… -> 58.13 kWh.
    const purchase = energyForMoney(ladder(), 20_000, 15_000);
    expect(purchase.parts).toEqual([
      { price: 5_600, energy: 5_000, step: 0 },
      { price: 6_100, energy: 20_000, step: 1 },
      { price: 8_600, energy: 5_813, step: 2 },
    ]);
    expect(purchase.energy).toBe(30_813);
  });

  it('TOU purchases are shown at the flat (平) rate', () => {
    // 7.00 yuan at 0.70 = 10.00 kWh exactly.
    expect(energyForMoney(tou(), 700).energy).toBe(1_000);
    expect(referencePrice(tou())).toBe(7_000);
  });

  it('buys nothing for nothing, and refuses negative or fractional money', () => {
    expect(energyForMoney(flat(8_500), 0)).toEqual({ energy: 0, parts: [], remainderMicroYuan: 0 });
    expect(() => energyForMoney(flat(8_500), -1)).toThrow(RangeError);
    expect(() => energyForMoney(flat(8_500), 1.5)).toThrow(RangeError);
  });
});

describe('what consumption costs', () => {
  it('stepped: 250 kWh from the start of the month = 112.00 + 30.50', () => {
    expect(chargeForEnergy(ladder(), 25_000, 0)).toEqual({
      free: 0,
      lines: [
        { price: 5_600, energy: 20_000, step: 0, fen: 11_200 },
        { price: 6_100, energy: 5_000, step: 1, fen: 3_050 },
      ],
      totalFen: 14_250,
    });
  });

  it('the free allowance comes first and the steps count only charged energy', () => {
    // 10 kWh free; 240 kWh charged: 200 at 0.56 (112.00) + 40 at 0.61 (24.40).
    expect(chargeForEnergy(ladder(1_000), 25_000, 0)).toMatchObject({
      free: 1_000,
      totalFen: 13_640,
    });
    // 5 kWh of the allowance already used: 5 free, 245 charged: 112.00 + 45 x 0.61 = 27.45.
    expect(chargeForEnergy(ladder(1_000), 25_000, 500)).toMatchObject({
      free: 500,
      totalFen: 13_945,
    });
    // 210 kWh into the month (200 charged so far): 200 more at 0.61 (122.00) + 50 at 0.86 (43.00).
    expect(chargeForEnergy(ladder(1_000), 25_000, 21_000)).toEqual({
      free: 0,
      lines: [
        { price: 6_100, energy: 20_000, step: 1, fen: 12_200 },
        { price: 8_600, energy: 5_000, step: 2, fen: 4_300 },
      ],
      totalFen: 16_500,
    });
  });

  it('rounds each line half to even to the fen', () => {
    // 0.50 kWh x 0.55 = 0.275 -> 0.28 ; 0.50 kWh x 0.65 = 0.325 -> 0.32.
    expect(chargeForEnergy(flat(5_500), 50).totalFen).toBe(28);
    expect(chargeForEnergy(flat(6_500), 50).totalFen).toBe(32);
  });

  it('TOU: each rate at its own price', () => {
    // 10 kWh sharp 12.00, 20 peak 20.00, 30 flat 21.00, 40 valley 14.00.
    const charge = chargeTouUsage(tou(), { sharp: 1_000, peak: 2_000, flat: 3_000, valley: 4_000 });
    expect(charge.lines.map((l) => [l.rate, l.fen])).toEqual([
      ['sharp', 1_200],
      ['peak', 2_000],
      ['flat', 2_100],
      ['valley', 1_400],
    ]);
    expect(charge.totalFen).toBe(6_700);
  });

  it('TOU: the free allowance covers the dearest energy first', () => {
    // 15 kWh free: all 10 sharp + 5 of peak; 15 peak left = 15.00; total 15 + 21 + 14 = 50.00.
    const charge = chargeTouUsage(tou(1_500), {
      sharp: 1_000,
      peak: 2_000,
      flat: 3_000,
      valley: 4_000,
    });
    expect(charge.free).toBe(1_500);
    expect(charge.lines.map((l) => [l.rate, l.energy])).toEqual([
      ['peak', 1_500],
      ['flat', 3_000],
      ['valley', 4_000],
    ]);
    expect(charge.totalFen).toBe(5_000);
  });
});

describe('TOU segments', () => {
  it.each([
    ['00:00', 'valley'],
    ['07:59', 'valley'],
    ['08:00', 'flat'],
    ['11:30', 'peak'],
    ['19:30', 'sharp'],
    ['22:59', 'flat'],
    ['23:00', 'valley'],
    ['23:59', 'valley'],
  ])('%s is %s', (time, rate) => {
    expect(touRateAt(tou(), time)).toBe(rate);
  });
});

describe('tariff validation', () => {
  const valid = (t: unknown) => tariffDefinitionSchema.safeParse(t).success;
  it('accepts the examples', () => {
    expect(valid(flat(8_500))).toBe(true);
    expect(valid(ladder())).toBe(true);
    expect(valid(tou())).toBe(true);
  });
  it('refuses TOU segments that do not start at midnight, run backwards, exceed 8, or lack a price', () => {
    const base = tou();
    expect(valid({ ...base, segments: base.segments.slice(1) })).toBe(false);
    expect(
      valid({ ...base, segments: [base.segments[0], base.segments[2], base.segments[1]] }),
    ).toBe(false);
    expect(valid({ ...base, segments: [...base.segments, { start: '23:30', rate: 'flat' }] })).toBe(
      false,
    );
    expect(valid({ ...base, rates: { flat: 7_000 } })).toBe(false);
    expect(valid({ ...base, segments: [{ start: '24:00', rate: 'flat' }] })).toBe(false);
  });
  it('refuses steps that are not rising or not open-ended at the end only', () => {
    expect(valid({ kind: 'stepped', steps: [{ upTo: 100, price: 1 }] })).toBe(false);
    expect(
      valid({
        kind: 'stepped',
        steps: [
          { upTo: null, price: 1 },
          { upTo: null, price: 2 },
        ],
      }),
    ).toBe(false);
    expect(
      valid({
        kind: 'stepped',
        steps: [
          { upTo: 200, price: 1 },
          { upTo: 100, price: 2 },
          { upTo: null, price: 3 },
        ],
      }),
    ).toBe(false);
  });
  it('refuses zero or fractional prices', () => {
    expect(valid(flat(0))).toBe(false);
    expect(valid(flat(1.5))).toBe(false);
  });
});

describe('properties over many random tariffs and amounts', () => {
  // A small deterministic generator, so a failure reproduces.
  let seed = 20261124;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const randomLadder = (): SteppedTariff => {
    const count = int(1, 5);
    let top = 0;
    return {
      kind: 'stepped',
      freeAllowance: int(0, 1) ? int(0, 5_000) : 0,
      steps: Array.from({ length: count }, (_, i) => ({
        upTo: i === count - 1 ? null : (top += int(1, 30_000)),
        price: int(1_000, 20_000),
      })),
    };
  };
  const exactCost = (parts: { price: number; energy: number }[]) =>
    parts.reduce((s, p) => s + p.price * p.energy, 0);

  it('a purchase never credits energy beyond the money, and one unit more would exceed it', () => {
    for (let i = 0; i < 3_000; i += 1) {
      const tariff = randomLadder();
      const fen = int(0, 500_000);
      const position = int(0, 60_000);
      const purchase = energyForMoney(tariff, fen, position);
      const cost = exactCost(purchase.parts);
      expect(cost + purchase.remainderMicroYuan).toBe(fen * 10_000);
      expect(purchase.parts.reduce((s, p) => s + p.energy, 0)).toBe(purchase.energy);
      // One more 0.01 kWh at the price that applies next costs more than what is left.
      const nextPrice = chargeForEnergy(
        { ...tariff, freeAllowance: 0 },
        1,
        position + purchase.energy,
      ).lines[0]!.price;
      expect(purchase.remainderMicroYuan).toBeLessThan(nextPrice);
    }
  });

  it('charge lines add up to the total, and stay within rounding of the exact cost', () => {
    for (let i = 0; i < 3_000; i += 1) {
      const tariff = randomLadder();
      const energy = int(0, 80_000);
      const charge = chargeForEnergy(tariff, energy, int(0, 60_000));
      expect(charge.lines.reduce((s, l) => s + l.fen, 0)).toBe(charge.totalFen);
      expect(charge.free + charge.lines.reduce((s, l) => s + l.energy, 0)).toBe(energy);
      const exact = exactCost(charge.lines) / 10_000;
      expect(Math.abs(charge.totalFen - exact)).toBeLessThanOrEqual(charge.lines.length * 0.5);
    }
  });

  it('charging a month in two parts puts the same energy on each step as charging it at once', () => {
    for (let i = 0; i < 2_000; i += 1) {
      const tariff = randomLadder();
      const first = int(0, 40_000);
      const second = int(0, 40_000);
      const perStep = (c: ReturnType<typeof chargeForEnergy>) => {
        const map = new Map<number, number>();
        for (const l of c.lines) map.set(l.step!, (map.get(l.step!) ?? 0) + l.energy);
        return map;
      };
      const once = perStep(chargeForEnergy(tariff, first + second, 0));
      const a = chargeForEnergy(tariff, first, 0);
      const b = chargeForEnergy(tariff, second, first);
      const split = perStep({ ...a, lines: [...a.lines, ...b.lines] });
      expect(split).toEqual(once);
    }
  });
});
