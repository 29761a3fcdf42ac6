// Packing GSM 7-bit septets into octets (3GPP TS 23.038 §6.1.2.1.1: the first septet in the low
// bits of the first octet); the alphabet itself is shared/sms/gsm7Alphabet.ts.
export { fromSeptets, toSeptets } from '../../shared/sms/gsm7Alphabet';

/**
 * Septets packed into octets, after `fillBits` zero bits (a user data header before them ends on
 * an octet boundary; the text starts on the next septet boundary: §9.2.3.24).
 */
export function packSeptets(septets: readonly number[], fillBits = 0): Buffer {
  const bits = fillBits + septets.length * 7;
  const out = Buffer.alloc(Math.ceil(bits / 8));
  septets.forEach((s, i) => {
    const at = fillBits + i * 7;
    const byte = at >> 3;
    const shift = at & 7;
    out[byte]! |= (s << shift) & 0xff;
    if (shift > 1) out[byte + 1]! |= s >> (8 - shift);
  });
  return out;
}

/** `count` septets unpacked from octets, after `fillBits` bits. */
export function unpackSeptets(octets: Buffer, count: number, fillBits = 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = fillBits + i * 7;
    const byte = at >> 3;
    const shift = at & 7;
    const word = (octets[byte] ?? 0) | ((octets[byte + 1] ?? 0) << 8);
    out.push((word >> shift) & 0x7f);
  }
  return out;
}
