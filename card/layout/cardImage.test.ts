// The PT1 layout against docs/card-format.md: byte positions read back with plain Buffer reads at
// the documented offsets, the MAC recomputed here from HKDF + HMAC directly, every kind round-trips,
// and every way a card can be wrong is named.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { TariffDefinition } from '../../shared/tariff';
import { crc16Ccitt } from '../crc16';
import { decodeCard, encodeCard, writeMeterBlock, writeRecord, type CardFields } from './cardImage';
import { blockSize } from './fields';
import { CARD_KINDS, PT1 } from './pt1';

const site = Buffer.from('0f'.repeat(32), 'hex');

const userFields = (overrides: Partial<CardFields['blocks']['purchase']> = {}): CardFields => ({
  cardNo: '000000001234',
  generation: 2,
  tariff: { kind: 'flat', price: 8_500, freeAllowance: 0 },
  blocks: {
    purchase: {
      meterNo: '000000000161',
      customerNo: 'C000123',
      purchaseCount: 0x0102,
      lastPurchaseFen: 10_000,
      cumulativePurchasedFen: 250_000,
      alarm1Fen: 2_000,
      alarm2Fen: 1_000,
      overdraftFen: 500,
      hoardingFen: 500_000,
      ...overrides,
    },
  },
});

describe('PT1 geometry', () => {
  it.each(CARD_KINDS)(
    '%s: blocks fit the card, above the maker area, without overlapping',
    (kind) => {
      const layout = PT1.kinds[kind];
      type Span = [string, number, number];
      const spans: Span[] = [
        ['header', PT1.header.offset, blockSize(PT1.header)] as Span,
        ...layout.office.map((b): [string, number, number] => [b.name, b.offset, blockSize(b)]),
        ['mac', layout.macOffset, 8] as Span,
        ...layout.meter.map((b): [string, number, number] => [b.name, b.offset, blockSize(b)]),
        ...(layout.records
          ? [
              [
                'records',
                layout.records.block.offset,
                layout.records.count * blockSize(layout.records.block),
              ] as [string, number, number],
            ]
          : []),
      ].sort((a, b) => a[1] - b[1]);
      expect(spans[0]![1]).toBeGreaterThanOrEqual(PT1.firstByte);
      for (let i = 1; i < spans.length; i += 1) {
        const [prevName, prevAt, prevSize] = spans[i - 1]!;
        const [name, at] = spans[i]!;
        expect({ name, startsAfter: prevName, ok: at >= prevAt + prevSize }).toEqual({
          name,
          startsAfter: prevName,
          ok: true,
        });
      }
      const [, lastAt, lastSize] = spans.at(-1)!;
      expect(lastAt + lastSize).toBeLessThanOrEqual(PT1.imageBytes);
    },
  );
});

describe('a user card, byte by byte as docs/card-format.md gives it', () => {
  const image = encodeCard('user', userFields(), site);

  it('has the header at 32', () => {
    expect(image.subarray(0, 32).every((b) => b === 0)).toBe(true);
    expect(image.subarray(32, 34).toString('ascii')).toBe('PT');
    expect(image[34]).toBe(1); // layout version
    expect(image[35]).toBe(0x01); // user card
    expect(image.subarray(40, 46).toString('hex')).toBe('000000001234');
    expect(image[46]).toBe(2); // reissue generation
    expect(image.readUInt16BE(54)).toBe(crc16Ccitt(image.subarray(32, 54)));
  });

  it('has the purchase block at 56', () => {
    expect(image.subarray(56, 62).toString('hex')).toBe('000000000161');
    expect(image.subarray(62, 72).toString('ascii')).toBe('C000123\0\0\0');
    expect(image.readUInt16BE(72)).toBe(0x0102);
    expect(image.readInt32BE(74)).toBe(10_000);
    expect(image.readUInt32BE(78)).toBe(250_000);
    expect([82, 86, 90, 94].map((at) => image.readUInt32BE(at))).toEqual([
      2_000, 1_000, 500, 500_000,
    ]);
    expect(image.readUInt16BE(98)).toBe(crc16Ccitt(image.subarray(56, 98)));
  });

  it('has the tariff block at 100 and the MAC at 168 over bytes 32–167', () => {
    expect(image[100]).toBe(0); // flat
    expect(image[101]).toBe(1);
    expect(image.readUInt32BE(102)).toBe(8_500);
    expect(image.readUInt16BE(166)).toBe(crc16Ccitt(image.subarray(100, 166)));
    const macKey = Buffer.from(
      hkdfSync('sha256', site, Buffer.from('000000001234', 'ascii'), 'powertill/card/v1/mac', 32),
    );
    const mac = createHmac('sha256', macKey)
      .update(image.subarray(32, 168))
      .digest()
      .subarray(0, 8);
    expect(image.subarray(168, 176)).toEqual(mac);
  });

  it('has an empty write-back at 176 until a meter writes one', () => {
    expect(image[176]).toBe(0);
    expect(image.readUInt16BE(206)).toBe(crc16Ccitt(image.subarray(176, 206)));
    expect(decodeCard(image, site).blocks.writeBack).toMatchObject({
      present: false,
      meterNo: null,
    });
  });

  it('decodes to what was written', () => {
    const card = decodeCard(image, site);
    expect(card).toMatchObject({
      status: 'valid',
      kind: 'user',
      cardNo: '000000001234',
      generation: 2,
      mac: 'valid',
      tariff: { kind: 'flat', price: 8_500 },
      problems: [],
    });
    expect(card.blocks.purchase).toEqual(userFields().blocks.purchase);
  });
});

describe('a card that is not right says how', () => {
  const image = encodeCard('user', userFields(), site);

  it('blank: erased or never issued', () => {
    expect(decodeCard(Buffer.alloc(256, 0xff), site).status).toBe('blank');
    expect(decodeCard(Buffer.alloc(256), site).status).toBe('blank');
    expect(decodeCard(Buffer.alloc(100), site).status).toBe('blank');
  });

  it('other-office: made under another secret', () => {
    const card = decodeCard(image, randomBytes(32));
    expect(card.status).toBe('other-office');
    expect(card.problems[0]).toMatch(/another office secret/);
  });

  it('forged: a changed amount with a correct CRC fails the MAC', () => {
    const forged = Buffer.from(image);
    forged.writeUInt32BE(9_999_999, 78);
    forged.writeUInt16BE(crc16Ccitt(forged.subarray(56, 98)), 98);
    expect(decodeCard(forged, site)).toMatchObject({ status: 'forged', mac: 'invalid' });
    // Without the key the card only looks consistent: the MAC is unchecked, not trusted.
    expect(decodeCard(forged, null)).toMatchObject({ status: 'valid', mac: 'unchecked' });
  });

  it('corrupt: a torn write breaks a CRC, and says which block', () => {
    const torn = Buffer.from(image);
    torn[80] = torn[80]! ^ 0x40;
    const card = decodeCard(torn, site);
    expect(card.status).toBe('corrupt');
    expect(card.problems[0]).toMatch(/^purchase: CRC/);
    const tornBack = Buffer.from(image);
    tornBack[180] = tornBack[180]! ^ 1;
    expect(decodeCard(tornBack, site).problems).toEqual([expect.stringMatching(/^writeBack: CRC/)]);
  });

  it('unknown-layout: a PowerTill card of a later layout version', () => {
    const later = Buffer.from(image);
    later[34] = 2;
    later.writeUInt16BE(crc16Ccitt(later.subarray(32, 54)), 54);
    expect(decodeCard(later, site).status).toBe('unknown-layout');
  });

  it('refuses to encode a field that does not fit, naming it', () => {
    expect(() => encodeCard('user', userFields({ purchaseCount: 70_000 }), site)).toThrow(
      /purchase.purchaseCount: expected an integer 0…65535/,
    );
    expect(() => encodeCard('user', userFields({ meterNo: '12AB' }), site)).toThrow(
      /purchase.meterNo: expected 12 digits/,
    );
    expect(() => encodeCard('user', { ...userFields(), tariff: undefined }, site)).toThrow(
      /tariff/,
    );
  });
});

describe('meter write-back and management cards', () => {
  it('keeps the office part valid when the meter writes back', () => {
    const issued = encodeCard('user', userFields(), site);
    const back = writeMeterBlock(issued, 'user', 'writeBack', {
      present: true,
      loadedCount: 0x0102,
      remainingFen: -150,
      cumulativeEnergy: 1_234_56,
      overdraftUsedFen: 150,
      illegalInsertCount: 1,
      tamperFlags: 0b01,
      writtenAt: '2026-11-24 10:30:00',
      meterNo: '000000000161',
    });
    expect(back.readInt32BE(179)).toBe(-150);
    expect(back.subarray(193, 199).toString('hex')).toBe('261124103000');
    const card = decodeCard(back, site);
    expect(card.status).toBe('valid');
    expect(card.blocks.writeBack).toMatchObject({
      present: true,
      remainingFen: -150,
      tamperFlags: 1,
    });
  });

  it('collects check-card records in their slots', () => {
    let image = encodeCard('check', { cardNo: '900000000001', generation: 0, blocks: {} }, site);
    expect(decodeCard(image, site).records).toEqual([]);
    image = writeRecord(image, 0, {
      meterNo: '000000000161',
      loadedCount: 3,
      remainingFen: 12_345,
      cumulativeEnergy: 99_00,
      illegalInsertCount: 0,
      tamperFlags: 0,
      writtenAt: '2026-11-24 09:00:00',
    });
    const card = decodeCard(image, site);
    expect(card.status).toBe('valid');
    expect(card.records).toEqual([
      expect.objectContaining({ meterNo: '000000000161', remainingFen: 12_345 }),
    ]);
    expect(() => writeRecord(image, 7, {})).toThrow(/slot 7 of 7/);
  });
});

const price = fc.integer({ min: 1, max: 100_000_000 });
const energy = fc.integer({ min: 0, max: 1_000_000_000 });
const tariffs: fc.Arbitrary<TariffDefinition> = fc.oneof(
  fc.record({ kind: fc.constant('flat' as const), price, freeAllowance: energy }),
  fc
    .record({
      rates: fc.record({ sharp: price, peak: price, flat: price, valley: price }),
      starts: fc.uniqueArray(fc.integer({ min: 1, max: 1439 }), { maxLength: 7 }),
      rateIndexes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
      freeAllowance: energy,
    })
    .map(({ rates, starts, rateIndexes, freeAllowance }) => ({
      kind: 'tou' as const,
      rates,
      segments: [0, ...starts.sort((a, b) => a - b)].map((m, i) => ({
        start: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
        rate: (['sharp', 'peak', 'flat', 'valley'] as const)[rateIndexes[i]!]!,
      })),
      freeAllowance,
    })),
  fc
    .record({
      thresholds: fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000_000 }), { maxLength: 5 }),
      prices: fc.array(price, { minLength: 6, maxLength: 6 }),
      freeAllowance: energy,
    })
    .map(({ thresholds, prices, freeAllowance }) => {
      const ups = [...thresholds.sort((a, b) => a - b), null];
      return {
        kind: 'stepped' as const,
        steps: ups.map((upTo, i) => ({ upTo, price: prices[i]! })),
        freeAllowance,
      };
    }),
);

describe('encode -> decode is the identity', () => {
  it('for user cards with any fields and any tariff', () => {
    fc.assert(
      fc.property(
        fc.record({
          cardNo: fc.stringMatching(/^\d{12}$/),
          generation: fc.integer({ min: 0, max: 255 }),
          meterNo: fc.stringMatching(/^\d{12}$/),
          customerNo: fc.stringMatching(/^[A-Za-z0-9-]{0,10}$/),
          purchaseCount: fc.integer({ min: 0, max: 65_535 }),
          lastPurchaseFen: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
          money: fc.array(fc.integer({ min: 0, max: 0xffff_ffff }), { minLength: 5, maxLength: 5 }),
          tariff: tariffs,
          key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        }),
        (r) => {
          const key = Buffer.from(r.key);
          const purchase = {
            meterNo: r.meterNo,
            customerNo: r.customerNo,
            purchaseCount: r.purchaseCount,
            lastPurchaseFen: r.lastPurchaseFen,
            cumulativePurchasedFen: r.money[0]!,
            alarm1Fen: r.money[1]!,
            alarm2Fen: r.money[2]!,
            overdraftFen: r.money[3]!,
            hoardingFen: r.money[4]!,
          };
          const image = encodeCard(
            'user',
            { cardNo: r.cardNo, generation: r.generation, tariff: r.tariff, blocks: { purchase } },
            key,
          );
          const card = decodeCard(image, key);
          expect(card.status).toBe('valid');
          expect(card.blocks.purchase).toEqual(purchase);
          expect(card.tariff).toEqual(r.tariff);
          expect([card.cardNo, card.generation]).toEqual([r.cardNo, r.generation]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the example in docs/card-format.md', () => {
  it('decodes to what the document says it holds', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'card-format.md'), 'utf8');
    const example = doc.slice(doc.indexOf('## Example: a user card'));
    const hex = [...example.matchAll(/^[0-9a-f]{2}: ((?:[0-9a-f]{2} ?){16})$/gm)]
      .map((m) => m[1]!.replaceAll(' ', ''))
      .join('');
    expect(hex).toHaveLength(512);
    const card = decodeCard(Buffer.from(hex, 'hex'), Buffer.alloc(32, 0x0f));
    expect(card).toMatchObject({
      status: 'valid',
      kind: 'user',
      cardNo: '000000001234',
      generation: 0,
      tariff: { kind: 'flat', price: 8_500 },
      blocks: {
        purchase: {
          meterNo: '000000000161',
          customerNo: 'C000123',
          purchaseCount: 3,
          lastPurchaseFen: 10_000,
          cumulativePurchasedFen: 30_000,
          alarm1Fen: 2_000,
          alarm2Fen: 1_000,
          overdraftFen: 500,
          hoardingFen: 500_000,
        },
        writeBack: {
          present: true,
          loadedCount: 2,
          remainingFen: 4_520,
          cumulativeEnergy: 23_456,
          writtenAt: '2026-11-23 18:05:00',
          meterNo: '000000000161',
        },
      },
    });
  });
});
