// The amount in Chinese capital numerals (大写金额), as printed on receipts so that a figure
// cannot be altered by adding a stroke: 1234.50 -> 壹仟贰佰叁拾肆元伍角.
import type { Fen } from './units';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Writes a group of up to four digits (0..9999); `lead` tells whether a higher group came first. */
function group(n: number, lead: boolean): string {
  let out = '';
  let zeroPending = false;
  for (let position = 3; position >= 0; position -= 1) {
    const digit = Math.floor(n / 10 ** position) % 10;
    if (digit === 0) {
      if (out !== '' || lead) zeroPending = true;
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    out += DIGITS[digit]! + SMALL_UNITS[position]!;
  }
  return out;
}

export function chineseAmount(fen: Fen): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError('amount must be a non-negative integer of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;

  let integer = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    for (let i = groups.length - 1; i >= 0; i -= 1) {
      const value = groups[i]!;
      const higher = i < groups.length - 1;
      if (value === 0) continue;
      // A gap inside a group boundary (e.g. 1,0050) is read with one 零.
      const needsZero = higher && value < 1000 && !integer.endsWith('零');
      integer += (needsZero ? '零' : '') + group(value, false) + BIG_UNITS[i]!;
    }
    integer += '元';
  }

  if (jiao === 0 && cents === 0) return yuan === 0 ? '零元整' : `${integer}整`;
  let decimals = '';
  if (jiao > 0) decimals += `${DIGITS[jiao]}角`;
  else if (yuan > 0) decimals += '零';
  if (cents > 0) decimals += `${DIGITS[cents]}分`;
  return integer + decimals;
}
