// The amount in English words, the way a cheque writes it, for receipts printed in English:
// 1234.50 -> "One thousand two hundred thirty-four and 50/100 yuan". Like 大写金额 on a Chinese
// receipt it makes a figure hard to alter; the fraction stays in digits over 100, as on cheques.
import type { Fen } from '../units';

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

/** 0..999 in words ("two hundred thirty-four"). */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds]} hundred`);
  if (rest >= 20)
    parts.push(TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${ONES[rest % 10]}` : ''));
  else if (rest > 0) parts.push(ONES[rest]!);
  return parts.join(' ');
}

function words(n: number): string {
  if (n === 0) return ONES[0]!;
  const parts: string[] = [];
  let rest = n;
  for (const [scale, name] of SCALES) {
    const count = Math.floor(rest / scale);
    if (count > 0) parts.push(`${words(count)} ${name}`);
    rest %= scale;
  }
  if (rest > 0) parts.push(belowThousand(rest));
  return parts.join(' ');
}

export function englishAmount(fen: Fen): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError('amount must be a non-negative integer of fen');
  const text = words(Math.floor(fen / 100));
  const cents = String(fen % 100).padStart(2, '0');
  return `${text[0]!.toUpperCase()}${text.slice(1)} and ${cents}/100 yuan`;
}
