import { createHmac, randomBytes } from 'node:crypto';
import { cardKeys, cardMac, macMatches, officeIdOf } from './keys';

// RFC 5869 test case 1 (SHA-256): the derivation is plain HKDF, checked against the RFC's vector
// with node's hkdfSync so a later change of primitive cannot slip by.
import { hkdfSync } from 'node:crypto';

describe('card keys', () => {
  it('uses HKDF-SHA256 as RFC 5869 test case 1 defines it', () => {
    const okm = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.alloc(22, 0x0b),
        Buffer.from('000102030405060708090a0b0c', 'hex'),
        Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'),
        42,
      ),
    );
    expect(okm.toString('hex')).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('gives every card its own PSC and MAC key, stable for the same card', () => {
    const site = randomBytes(32);
    const a = cardKeys(site, '000000000001');
    const b = cardKeys(site, '000000000002');
    expect(a.psc).toHaveLength(3);
    expect(a.psc.equals(b.psc) && a.macKey.equals(b.macKey)).toBe(false);
    expect(cardKeys(site, '000000000001')).toEqual(a);
    expect(cardKeys(randomBytes(32), '000000000001').macKey.equals(a.macKey)).toBe(false);
  });

  it('tags the office, not the card', () => {
    const site = randomBytes(32);
    expect(officeIdOf(site)).toBe(officeIdOf(Buffer.from(site)));
    expect(officeIdOf(randomBytes(32))).not.toBe(officeIdOf(site));
    expect(() => officeIdOf(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('MACs are HMAC-SHA256 truncated to 8 bytes and checked in full', () => {
    const key = randomBytes(32);
    const data = Buffer.from('blocks');
    const mac = cardMac(key, data);
    expect(mac).toEqual(createHmac('sha256', key).update(data).digest().subarray(0, 8));
    expect(macMatches(key, data, mac)).toBe(true);
    const bad = Buffer.from(mac);
    bad[7]! ^= 1;
    expect(macMatches(key, data, bad)).toBe(false);
    expect(macMatches(key, data, mac.subarray(0, 4))).toBe(false);
  });
});
