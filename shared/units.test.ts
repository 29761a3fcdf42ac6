import {
  divideFloor,
  divideHalfEven,
  energyForMoney,
  formatEnergy,
  formatMoney,
  formatPrice,
  formatYuan,
  moneyForEnergy,
  parseEnergy,
  parsePrice,
  parseYuan,
  UnitParseError,
} from './units';

describe('parsing money, price and energy text', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.01', 1],
    ['.5', 50],
    ['7.', 700],
    [' 100 ', 10000],
    ['+3', 300],
    ['１２.５', 1250],
    ['0', 0],
  ])('reads yuan %p as %p fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'format'],
    ['1e3', 'format'],
    ['1,000', 'format'],
    ['12.345', 'too-many-decimals'],
    ['-5', 'negative'],
    ['.', 'format'],
    ['1.2.3', 'format'],
    ['99999999999999999', 'too-large'],
    ['¥10', 'format'],
  ])('refuses yuan %p (%s) instead of guessing', (text, reason) => {
    expect(() => parseYuan(text)).toThrow(UnitParseError);
    try {
      parseYuan(text);
    } catch (error) {
      expect((error as UnitParseError).reason).toBe(reason);
    }
  });

  it('accepts negative money only when asked (refunds, corrections)', () => {
    expect(parseYuan('-5.10', { allowNegative: true })).toBe(-510);
    expect(parseYuan('-0', { allowNegative: true })).toBe(0);
  });

  it('reads prices to 1e-4 yuan and energy to 0.01 kWh', () => {
    expect(parsePrice('0.85')).toBe(8500);
    expect(parsePrice('1.2345')).toBe(12345);
    expect(() => parsePrice('1.23456')).toThrow(UnitParseError);
    expect(parseEnergy('123.45')).toBe(12345);
    expect(() => parseEnergy('0.001')).toThrow(UnitParseError);
  });
});

describe('formatting', () => {
  it('writes exact decimals, never float artefacts', () => {
    expect(formatYuan(1234)).toBe('12.34');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatPrice(8500)).toBe('0.8500');
    expect(formatEnergy(12345)).toBe('123.45');
    expect(formatMoney(123456789)).toBe('¥1,234,567.89');
    expect(formatMoney(-1050)).toBe('-¥10.50');
  });

  it('round-trips every fen value it formats', () => {
    for (let fen = 0; fen < 20_000; fen += 7) expect(parseYuan(formatYuan(fen))).toBe(fen);
  });

  it('refuses to format a non-integer amount (a float leaked into a money path)', () => {
    expect(() => formatYuan(0.1 + 0.2)).toThrow(RangeError);
  });
});

describe('rounding rules', () => {
  it('rounds half to even', () => {
    expect(divideHalfEven(5, 2)).toBe(2);
    expect(divideHalfEven(7, 2)).toBe(4);
    expect(divideHalfEven(-5, 2)).toBe(-2);
    expect(divideHalfEven(-7, 2)).toBe(-4);
    expect(divideHalfEven(10, 4)).toBe(2);
    expect(divideHalfEven(14, 4)).toBe(4);
    expect(divideHalfEven(11, 4)).toBe(3);
    expect(divideHalfEven(9, 4)).toBe(2);
    expect(() => divideHalfEven(1, 0)).toThrow(RangeError);
  });

  it('floors toward negative infinity', () => {
    expect(divideFloor(7, 2)).toBe(3);
    expect(divideFloor(-7, 2)).toBe(-4);
  });

  it('credits only fully paid energy (floor)', () => {
    // 100.00 yuan at 0.8500 yuan/kWh = 117.647... kWh -> 117.64 kWh credited.
    expect(energyForMoney(10_000, 8500)).toBe(11_764);
    // 1.00 yuan at 0.6000 = 1.6666 kWh -> 1.66.
    expect(energyForMoney(100, 6000)).toBe(166);
    expect(energyForMoney(0, 6000)).toBe(0);
    expect(() => energyForMoney(100, 0)).toThrow(RangeError);
  });

  it('charges energy to the fen, half to even', () => {
    // 117.64 kWh at 0.8500 = 99.994 yuan -> 99.99.
    expect(moneyForEnergy(11_764, 8500)).toBe(9_999);
    // 0.50 kWh at 0.5500 = 0.275 yuan -> 0.28 (27.5 fen, rounds to even 28).
    expect(moneyForEnergy(50, 5500)).toBe(28);
    // 0.50 kWh at 0.6500 = 0.325 yuan -> 32.5 fen -> 32 (even).
    expect(moneyForEnergy(50, 6500)).toBe(32);
  });

  it('refuses products beyond the safe integer range instead of losing fen', () => {
    expect(() => energyForMoney(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
  });
});
