// How long an SMS is: GSM 7-bit where every character has a code (160 a message, 153 a part of a
// concatenated one), UCS2 otherwise (Chinese: 70, 67 a part; 3GPP TS 23.038 §5, TS 23.040
// §9.2.3.24.1). The till's template preview and the modem's codec count alike.
import { toSeptets } from './gsm7Alphabet';

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Per message and per part of a concatenated one, in the encoding's units. */
export const LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** At most this many parts: a tenant's reminder has no business being longer. */
export const MAX_PARTS = 8;

/** How a text will go: its encoding, its units and how many parts. */
export function segmentsOf(text: string): { encoding: SmsEncoding; units: number; parts: number } {
  const septets = toSeptets(text);
  if (septets) return { encoding: 'gsm7', units: septets.length, parts: gsm7Parts(septets).length };
  const units = ucs2Units(text);
  return { encoding: 'ucs2', units: units.length, parts: ucs2Parts(units).length };
}

/** The parts of a 7-bit text: an escape and its code stay in one part. */
export function gsm7Parts(septets: number[]): number[][] {
  if (septets.length <= LIMITS.gsm7.single) return [septets];
  const parts: number[][] = [];
  for (let at = 0; at < septets.length;) {
    let end = Math.min(at + LIMITS.gsm7.part, septets.length);
    if (end < septets.length && septets[end - 1] === 0x1b) end -= 1;
    parts.push(septets.slice(at, end));
    at = end;
  }
  return parts;
}

export const ucs2Units = (text: string): number[] =>
  Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** The parts of a UCS2 text: a surrogate pair (an emoji) stays in one part. */
export function ucs2Parts(units: number[]): number[][] {
  if (units.length <= LIMITS.ucs2.single) return [units];
  const parts: number[][] = [];
  for (let at = 0; at < units.length;) {
    let end = Math.min(at + LIMITS.ucs2.part, units.length);
    const last = units[end - 1]!;
    if (end < units.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(units.slice(at, end));
    at = end;
  }
  return parts;
}
