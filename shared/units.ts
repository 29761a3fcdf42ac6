// Money, price and energy as integers, and the only place that converts between them and text.
//
// Money is fen (0.01 yuan). Price is 1e-4 yuan/kWh. Energy is 0.01 kWh. No floats touch a
// money path: text is parsed digit by digit and products are checked to stay safe integers.

/** Integer fen (分). */
export type Fen = number;
/** Integer price in 0.0001 yuan per kWh. */
export type PriceE4 = number;
/** Integer energy in 0.01 kWh. */
export type EnergyE2 = number;

export class UnitParseError extends Error {
  constructor(
    readonly text: string,
    readonly reason: 'empty' | 'format' | 'too-many-decimals' | 'negative' | 'too-large',
  ) {
    super(`cannot parse "${text}": ${reason}`);
    this.name = 'UnitParseError';
  }
}

interface DecimalOptions {
  /** Digits after the decimal point that the unit holds. */
  decimals: number;
  allowNegative?: boolean;
}

/**
 * Parses a plain decimal ("12", "12.3", "-0.05", "１２.５" with full-width digits from a Chinese
 * IME) into an integer of the given scale. Refuses exponents, thousands separators and more
 * decimals than the unit holds, rather than rounding silently: a cashier who typed 12.345 yuan
 * meant something we should ask about.
 */
export function parseDecimal(text: string, { decimals, allowNegative = false }: DecimalOptions) {
  const normalized = toHalfWidth(text).trim();
  if (normalized === '') throw new UnitParseError(text, 'empty');
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(normalized);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new UnitParseError(text, 'format');
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length > decimals) throw new UnitParseError(text, 'too-many-decimals');
  const digits = (whole || '0') + fraction.padEnd(decimals, '0');
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) throw new UnitParseError(text, 'too-large');
  const value = sign === '-' ? -magnitude : magnitude;
  if (value < 0 && !allowNegative) throw new UnitParseError(text, 'negative');
  return value === 0 ? 0 : value;
}

/** Formats an integer of the given scale as a plain decimal with exactly `decimals` places. */
export function formatDecimal(value: number, decimals: number): string {
  assertSafeInteger(value, 'value');
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

export const parseYuan = (text: string, opts: { allowNegative?: boolean } = {}): Fen =>
  parseDecimal(text, { decimals: 2, ...opts });
export const formatYuan = (fen: Fen): string => formatDecimal(fen, 2);
/** "¥1,234.50" for screens and receipts; thousands grouped for reading, not for parsing. */
export function formatMoney(fen: Fen): string {
  const plain = formatYuan(Math.abs(fen));
  const [whole = '0', fraction = '00'] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${grouped}.${fraction}`;
}

export const parsePrice = (text: string): PriceE4 => parseDecimal(text, { decimals: 4 });
export const formatPrice = (price: PriceE4): string => formatDecimal(price, 4);

export const parseEnergy = (text: string, opts: { allowNegative?: boolean } = {}): EnergyE2 =>
  parseDecimal(text, { decimals: 2, ...opts });
export const formatEnergy = (energy: EnergyE2): string => formatDecimal(energy, 2);

/**
 * Integer division rounded half to even (banker's rounding), the stated rule for charges so that
 * rounding errors do not drift one way over a million sales.
 */
export function divideHalfEven(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, 'numerator');
  assertSafeInteger(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('division by zero');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const quotient = Math.floor(n / d);
  const remainder = n - quotient * d;
  const twice = remainder * 2;
  let rounded = quotient;
  if (twice > d || (twice === d && quotient % 2 === 1)) rounded = quotient + 1;
  return sign < 0 ? -rounded : rounded;
}

/** Integer division rounded toward negative infinity. */
export function divideFloor(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, 'numerator');
  assertSafeInteger(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('division by zero');
  return Math.floor(numerator / denominator);
}

/**
 * Energy that a sum of money buys at a price. Floors: the customer is credited only whole
 * 0.01 kWh that were fully paid for (docs/architecture.md: credit to the customer floors).
 * energy[0.01 kWh] = fen * 10000 / price[1e-4 yuan/kWh]
 */
export function energyForMoney(fen: Fen, price: PriceE4): EnergyE2 {
  if (price <= 0) throw new RangeError('price must be positive');
  return divideFloor(checkedMultiply(fen, 10_000), price);
}

/**
 * Money that an amount of energy costs at a price, rounded half to even to the fen.
 * fen = energy[0.01 kWh] * price[1e-4 yuan/kWh] / 10000
 */
export function moneyForEnergy(energy: EnergyE2, price: PriceE4): Fen {
  if (price < 0) throw new RangeError('price must not be negative');
  return divideHalfEven(checkedMultiply(energy, price), 10_000);
}

function checkedMultiply(a: number, b: number): number {
  assertSafeInteger(a, 'a');
  assertSafeInteger(b, 'b');
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new RangeError('product exceeds safe integer range');
  return product;
}

function assertSafeInteger(value: number, name: string) {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer`);
}

/** Full-width digits, point and minus (common from Chinese input methods) to ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
