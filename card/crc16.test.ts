import { crc16Ccitt } from './crc16';

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the catalogue check value for "123456789"', () => {
    expect(crc16Ccitt(Buffer.from('123456789', 'ascii'))).toBe(0x29b1);
  });
  it('is 0xFFFF for no data and changes with any single bit', () => {
    expect(crc16Ccitt(new Uint8Array())).toBe(0xffff);
    const data = Buffer.from('PowerTill card block');
    const base = crc16Ccitt(data);
    for (let i = 0; i < data.length * 8; i += 1) {
      const flipped = Buffer.from(data);
      flipped[i >> 3]! ^= 1 << (i & 7);
      expect(crc16Ccitt(flipped)).not.toBe(base);
    }
  });
});
