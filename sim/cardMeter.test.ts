// The simulated card meter against docs/domain.md's count rule and the card format, with energy and
// money worked out by hand: 1 kW for an hour is 1 kWh = 100 units of 0.01 kWh; at 0.8500 yuan/kWh
// (8,500 in 1e-4 yuan) that is 85 fen.
import { decodeCard, encodeCard, type CardFields } from '../card/layout/cardImage';
import { SimulatedCardMeter } from './cardMeter';

const site = Buffer.from('0f'.repeat(32), 'hex');
const otherSite = Buffer.from('f0'.repeat(32), 'hex');
const METER = '000000000161';

function userCard(
  purchaseCount: number,
  lastPurchaseFen: number,
  extra: Partial<Record<string, number | string>> = {},
  key = site,
): Buffer {
  const fields: CardFields = {
    cardNo: '000000001234',
    generation: 0,
    tariff: { kind: 'flat', price: 8_500, freeAllowance: 0 },
    blocks: {
      purchase: {
        meterNo: METER,
        customerNo: 'C000123',
        purchaseCount,
        lastPurchaseFen,
        cumulativePurchasedFen: lastPurchaseFen * purchaseCount,
        alarm1Fen: 2_000,
        alarm2Fen: 1_000,
        overdraftFen: 0,
        hoardingFen: 100_000,
        ...extra,
      },
    },
  };
  return encodeCard('user', fields, key);
}

const writeBackOf = (image: Buffer) => decodeCard(image, site).blocks.writeBack!;

describe('simulated card meter: user cards', () => {
  it('loads purchase 1 onto a new meter and writes its state back', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER, clock: '2026-11-01 08:00:00' });
    expect(meter.state.relay).toBe('open'); // no credit yet
    const { outcome, image } = meter.insert(userCard(1, 10_000));
    expect(outcome).toEqual({ kind: 'loaded', purchaseCount: 1, amountFen: 10_000 });
    expect(meter.state).toMatchObject({ loadedCount: 1, remainingFen: 10_000, relay: 'closed' });
    expect(writeBackOf(image)).toMatchObject({
      present: true,
      loadedCount: 1,
      remainingFen: 10_000,
      cumulativeEnergy: 0,
      writtenAt: '2026-11-01 08:00:00',
      meterNo: METER,
    });
    // The office's part of the card is untouched, so its MAC still holds.
    expect(decodeCard(image, site).status).toBe('valid');
  });

  it('applies the count rule: N = M writes back only, N < M is an old card, N ≥ M + 2 is refused', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER });
    const loaded = meter.insert(userCard(1, 10_000)).image;
    expect(meter.insert(loaded).outcome).toEqual({ kind: 'written-back' });
    expect(meter.state.remainingFen).toBe(10_000);
    // An unloaded purchase whose write-back area is still set (the office did not clear it).
    const stale = Buffer.from(loaded);
    userCard(2, 5_000).copy(stale, 0, 0, 176);
    expect(meter.insert(stale).outcome).toEqual({
      kind: 'refused',
      reason: 'write-back-not-clear',
    });
    expect(meter.insert(userCard(3, 5_000)).outcome).toEqual({
      kind: 'refused',
      reason: 'count-gap',
    });
    expect(meter.insert(userCard(2, 5_000)).outcome.kind).toBe('loaded');
    const old = userCard(1, 10_000);
    expect(meter.insert(old)).toEqual({ outcome: { kind: 'old-card' }, image: old });
    expect(meter.state).toMatchObject({ loadedCount: 2, remainingFen: 15_000 });
  });

  it('refuses a load above the hoarding limit and leaves the card as it was', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER });
    meter.insert(userCard(1, 90_000));
    const card = userCard(2, 20_000);
    expect(meter.insert(card)).toEqual({
      outcome: { kind: 'refused', reason: 'hoarding' },
      image: card,
    });
    expect(meter.state).toMatchObject({ loadedCount: 1, remainingFen: 90_000 });
  });

  it('counts foreign and other meters’ cards as illegal insertions; a damaged card is only refused', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER });
    expect(meter.insert(userCard(1, 100, {}, otherSite)).outcome).toEqual({
      kind: 'refused',
      reason: 'foreign',
    });
    expect(meter.insert(userCard(1, 100, { meterNo: '000000000999' })).outcome).toEqual({
      kind: 'refused',
      reason: 'other-meter',
    });
    const damaged = userCard(1, 100);
    damaged[80] = damaged[80]! ^ 0xff;
    expect(meter.insert(damaged).outcome).toEqual({ kind: 'refused', reason: 'damaged' });
    expect(meter.insert(Buffer.alloc(256)).outcome).toEqual({
      kind: 'refused',
      reason: 'not-a-card',
    });
    expect(meter.state.illegalInsertCount).toBe(2);
    expect(meter.state.loadedCount).toBe(0);
  });
});

describe('simulated card meter: consumption', () => {
  it('charges energy at the card’s flat tariff, carrying fractions of a fen', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER, clock: '2026-11-01 00:00:00' });
    meter.insert(userCard(1, 10_000));
    meter.run(3_600, 1_000);
    expect(meter.state).toMatchObject({
      cumulativeEnergy: 100,
      remainingFen: 10_000 - 85,
      clock: '2026-11-01 01:00:00',
    });
    // 0.01 kWh costs 0.85 fen: three of them cost 2.55 fen, so 2 fen are taken and 0.55 carried.
    meter.run(108, 1_000);
    expect(meter.state.cumulativeEnergy).toBe(103);
    expect(meter.state.remainingFen).toBe(10_000 - 85 - 2);
    meter.run(36, 1_000);
    expect(meter.state.remainingFen).toBe(10_000 - 85 - 3); // 3.40 fen in all
  });

  it('charges time-of-use rates by the clock', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER, clock: '2026-11-01 07:00:00' });
    const card = encodeCard(
      'user',
      {
        cardNo: '000000001234',
        generation: 0,
        tariff: {
          kind: 'tou',
          rates: { peak: 12_000, valley: 4_000, flat: 8_000 },
          segments: [
            { start: '00:00', rate: 'valley' },
            { start: '08:00', rate: 'peak' },
            { start: '20:00', rate: 'flat' },
          ],
          freeAllowance: 0,
        },
        blocks: {
          purchase: {
            meterNo: METER,
            customerNo: 'C1',
            purchaseCount: 1,
            lastPurchaseFen: 10_000,
            cumulativePurchasedFen: 10_000,
            alarm1Fen: 0,
            alarm2Fen: 0,
            overdraftFen: 0,
            hoardingFen: 0,
          },
        },
      },
      site,
    );
    meter.insert(card);
    meter.run(2 * 3_600, 1_000); // 07–08 valley 40 fen, 08–09 peak 120 fen
    expect(meter.state.remainingFen).toBe(10_000 - 40 - 120);
  });

  it('trips at the second alarm, restores on reinsertion, and trips again when credit runs out', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER });
    const card = meter.insert(userCard(1, 1_170)).image; // alarm 2 at 10.00 yuan
    meter.run(3_600, 1_000); // 85 fen: 10.85 left
    expect(meter.state.relay).toBe('closed');
    meter.run(3_600, 1_000); // 10.00 left: at the second alarm
    expect(meter.state).toMatchObject({
      remainingFen: 1_000,
      relay: 'open',
      relayReason: 'alarm2',
    });
    meter.run(3_600, 1_000); // nothing counted while open
    expect(meter.state.cumulativeEnergy).toBe(200);
    expect(meter.insert(card).outcome).toEqual({ kind: 'written-back' });
    expect(meter.state.relay).toBe('closed');
    meter.run(12 * 3_600, 1_000);
    expect(meter.state).toMatchObject({ relay: 'open', relayReason: 'credit-exhausted' });
    expect(meter.state.remainingFen).toBeLessThanOrEqual(0);
    expect(meter.state.remainingFen).toBeGreaterThan(-85);
  });

  it('raises tamper flags onto the write-back', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER });
    meter.tamper('coverOpened');
    meter.tamper('magneticField');
    const { image } = meter.insert(userCard(1, 1_000));
    expect(writeBackOf(image).tamperFlags).toBe(3);
  });
});

describe('simulated card meter: management cards', () => {
  const managementFields = (blocks: CardFields['blocks']): CardFields => ({
    cardNo: '900000000001',
    generation: 0,
    tariff: { kind: 'flat', price: 10_000, freeAllowance: 0 },
    blocks,
  });

  it('applies a parameter card for all meters and counts each meter on its result', () => {
    const a = new SimulatedCardMeter(site, { meterNo: METER });
    const b = new SimulatedCardMeter(site, { meterNo: '000000000162' });
    let card = encodeCard(
      'parameter',
      managementFields({
        parameters: {
          targetMeterNo: null,
          alarm1Fen: 3_000,
          alarm2Fen: 1_500,
          overdraftFen: 1_000,
          hoardingFen: 200_000,
          parameterSet: 7,
        },
      }),
      site,
    );
    card = a.insert(card).image;
    const second = b.insert(card);
    expect(second.outcome).toEqual({ kind: 'parameters-applied' });
    expect(decodeCard(second.image, site).blocks.result).toMatchObject({
      present: true,
      meterNo: '000000000162',
      appliedCount: 2,
    });
    expect(b.state.limits).toEqual({
      alarm1Fen: 3_000,
      alarm2Fen: 1_500,
      overdraftFen: 1_000,
      hoardingFen: 200_000,
    });
    expect(b.state.tariff).toEqual({ kind: 'flat', price: 10_000, freeAllowance: 0 });
  });

  it('fills a check card one record per meter', () => {
    const meters = ['000000000161', '000000000162'].map(
      (meterNo) => new SimulatedCardMeter(site, { meterNo }),
    );
    meters[0]!.insert(userCard(1, 5_000));
    let card = encodeCard('check', managementFields({}), site);
    for (const meter of meters) card = meter.insert(card).image;
    const again = meters[0]!.insert(card);
    expect(again.outcome).toEqual({ kind: 'checked', slot: 0 });
    expect(decodeCard(again.image, site).records).toEqual([
      expect.objectContaining({ meterNo: METER, loadedCount: 1, remainingFen: 5_000 }),
      expect.objectContaining({ meterNo: '000000000162', loadedCount: 0 }),
    ]);
  });

  it('clears only the meter and purchase count it was made for, once', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER });
    meter.insert(userCard(1, 5_000));
    const clear = (purchaseCount: number) =>
      encodeCard(
        'clear',
        managementFields({
          clear: { targetMeterNo: METER, purchaseCount, operation: 'op-1' },
        }),
        site,
      );
    expect(meter.insert(clear(2)).outcome).toEqual({ kind: 'refused', reason: 'count-mismatch' });
    const done = meter.insert(clear(1));
    expect(done.outcome).toEqual({ kind: 'cleared', clearedFen: 5_000 });
    expect(meter.state).toMatchObject({ loadedCount: 1, remainingFen: 0, relay: 'open' });
    expect(meter.insert(done.image).outcome).toEqual({
      kind: 'refused',
      reason: 'not-for-this-meter',
    });
    // The tenant's next purchase loads on the kept count.
    expect(meter.insert(userCard(2, 3_000)).outcome).toEqual({
      kind: 'loaded',
      purchaseCount: 2,
      amountFen: 3_000,
    });
  });

  it('carries the old meter’s credit and count onto a new meter with a meter-change card', () => {
    const fresh = new SimulatedCardMeter(site, { meterNo: '000000000300' });
    const card = encodeCard(
      'meterChange',
      managementFields({
        meterChange: {
          oldMeterNo: METER,
          newMeterNo: '000000000300',
          carriedFen: 4_321,
          purchaseCount: 5,
          cumulativePurchasedFen: 50_000,
          customerNo: 'C000123',
        },
      }),
      site,
    );
    const { outcome, image } = fresh.insert(card);
    expect(outcome).toEqual({ kind: 'meter-changed', loadedFen: 4_321 });
    expect(fresh.state).toMatchObject({ loadedCount: 5, remainingFen: 4_321, relay: 'closed' });
    expect(decodeCard(image, site).blocks.result).toMatchObject({
      present: true,
      loadedFen: 4_321,
    });
    // Used once: a second new meter refuses it.
    const another = new SimulatedCardMeter(site, { meterNo: '000000000300' });
    expect(another.insert(image).outcome.kind).toBe('refused');
  });

  it('sets the clock from a time-set card and reports the time it had', () => {
    const meter = new SimulatedCardMeter(site, { meterNo: METER, clock: '2026-03-01 10:00:00' });
    const card = encodeCard(
      'timeSet',
      managementFields({ timeSet: { setTo: '2026-11-24 09:30:00' } }),
      site,
    );
    const { outcome, image } = meter.insert(card);
    expect(outcome).toEqual({ kind: 'time-set', previous: '2026-03-01 10:00:00' });
    expect(meter.state.clock).toBe('2026-11-24 09:30:00');
    expect(decodeCard(image, site).blocks.result).toMatchObject({
      previousTime: '2026-03-01 10:00:00',
    });
  });
});
