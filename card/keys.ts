// Keys of one card, derived from the office's secret (the "site key") and the card number with
// HKDF-SHA256 (RFC 5869), so that the PSC or MAC key read out of one lost card opens no other.
// The office id written on every card is a one-way tag of the site key: a card made under another
// office's (or an older, replaced) secret is told apart from a forged one before anything is
// written.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const SITE_KEY_BYTES = 32;

export interface CardKeys {
  /** SLE4442 programmable security code (3 bytes). */
  psc: Buffer;
  /** HMAC-SHA256 key of the card's MAC. */
  macKey: Buffer;
  /** ISO 7816 CPU card external-authentication key (16 bytes), for cards with files. */
  cpuKey: Buffer;
}

function derive(siteKey: Buffer, cardNo: string, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', siteKey, Buffer.from(cardNo, 'ascii'), info, length));
}

export function assertSiteKey(siteKey: Buffer): void {
  if (siteKey.length !== SITE_KEY_BYTES)
    throw new RangeError(`the site key is ${SITE_KEY_BYTES} bytes, not ${siteKey.length}`);
}

export function cardKeys(siteKey: Buffer, cardNo: string): CardKeys {
  assertSiteKey(siteKey);
  return {
    psc: derive(siteKey, cardNo, 'powertill/card/v1/psc', 3),
    macKey: derive(siteKey, cardNo, 'powertill/card/v1/mac', 32),
    cpuKey: derive(siteKey, cardNo, 'powertill/card/v1/cpu', 16),
  };
}

/** The 4-byte office id on every card: the same for every card of one office secret. */
export function officeIdOf(siteKey: Buffer): number {
  assertSiteKey(siteKey);
  return createHash('sha256')
    .update('powertill/card/v1/office-id')
    .update(siteKey)
    .digest()
    .readUInt32BE(0);
}

export const MAC_BYTES = 8;

/** HMAC-SHA256 truncated to 8 bytes (as RFC 2104 §5 allows), over the office-written blocks. */
export function cardMac(macKey: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', macKey).update(data).digest().subarray(0, MAC_BYTES);
}

export function macMatches(macKey: Buffer, data: Buffer, mac: Buffer): boolean {
  const expected = cardMac(macKey, data);
  return mac.length === expected.length && timingSafeEqual(mac, expected);
}
