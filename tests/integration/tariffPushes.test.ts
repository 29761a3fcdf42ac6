// 调价下发 by itself: a scheduled price change reaches every NK meter on the line at its instant,
// through the poller's push (the same code the poller's tick runs), read back from each meter; a
// meter silent part-way is listed as waiting, its push pending until the meter is read back, and
// pushed once it answers; a push a stop cut off is read back at the next start; stepped prices are
// listed as the office's to apply. Over a real TCP serial gateway to simulated DDSY1352-NK meters.
import type { NkMeter } from '../../sim/rs485/nkMeter';
import { openTestCore } from '../../core/testing';
import { systemWrite } from '../../core/writes';
import { openLineOffice, type LineOffice } from './lineOffice';

const METERS = ['000000000161', '000000000162', '000000000163'];

/** A tenant's account opened on a new DDSY1352-NK meter at this address; returns the meter. */
async function openOn(o: LineOffice, meterNo: string, name: string) {
  const customer = await o.core.ok('customers.create', { name }, o.cashier);
  const meter = await o.core.ok('meters.register', { meterNo, model: 'DDSY1352-NK' }, o.cashier);
  await o.core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId: o.tariffId },
    o.cashier,
  );
  return meter;
}

describe('price changes pushed to the meters at their instant', () => {
  let o: LineOffice;
  let meters: NkMeter[];

  beforeEach(async () => {
    o = await openLineOffice(METERS.map((address) => ({ address })));
    meters = o.meters;
    for (const [i, meterNo] of METERS.entries()) await openOn(o, meterNo, `商户${i + 1}`);
  });
  afterEach(() => o.close());

  const waiting = () => o.core.ok('meters.tariffPushes', {}, o.cashier);
  const pushNow = () => o.core.ok('meters.pushTariffsNow', {}, o.supervisor);

  it('new accounts wait for their tariff; pushed, nothing waits', async () => {
    expect((await waiting()).map((w) => [w.meterNo, w.state, w.tariffName])).toEqual(
      METERS.map((m) => [m, 'waiting', '商业电价']),
    );
    await expect(pushNow()).resolves.toEqual({ pushed: 3, failed: 0 });
    for (const meter of meters)
      expect(meter.state.ratePricesE4).toEqual([8_500, 8_500, 8_500, 8_500]);
    await expect(waiting()).resolves.toEqual([]);
  });

  it('a scheduled change waits for its instant, reaches every meter, and a silent one when it answers', async () => {
    await pushNow();
    // Twenty minutes ahead (within the sessions' idle time, which the test clock also advances).
    const at = new Date(o.core.clock.now.getTime() + 20 * 60_000).toISOString();
    await o.core.ok(
      'tariffs.schedule',
      { tariffId: o.tariffId, effectiveFrom: at, definition: { kind: 'flat', price: 9_200 } },
      o.admin,
    );
    // Before its instant nothing is due.
    await expect(waiting()).resolves.toEqual([]);
    await expect(pushNow()).resolves.toEqual({ pushed: 0, failed: 0 });

    o.core.clock.advance(20 * 60_000);
    meters[2]!.faults = Array.from({ length: 30 }, () => 'silent' as const);
    expect((await waiting()).map((w) => w.meterNo)).toEqual(METERS);
    await expect(pushNow()).resolves.toEqual({ pushed: 2, failed: 1 });
    expect(meters.map((m) => m.state.ratePricesE4[2])).toEqual([9_200, 9_200, 8_500]);
    const [silent] = await waiting();
    expect(silent).toMatchObject({
      meterNo: METERS[2],
      state: 'waiting',
      effectiveFrom: at,
      lastTriedAt: o.core.clock.now.toISOString(),
      // Silent part-way, the push may have landed: it waits to be read back, no error yet.
      lastError: null,
    });
    await expect(o.core.ok('journal.pending', {}, o.cashier)).resolves.toEqual([
      expect.objectContaining({ kind: 'tariffPush', meterNo: METERS[2] }),
    ]);

    // It answers again: the poller's next minute reads it back (not there: voided) and, inside
    // the retry interval, leaves it; the one after pushes it. (A supervisor's push now would not
    // wait.)
    meters[2]!.faults = [];
    // The poller's own write: a transaction with the system's audit record.
    const tick = () =>
      o.core.services.tariffPushes.pushDue(
        o.core.clock.now,
        systemWrite(o.core.services, 'meters.poll'),
      );
    o.core.clock.advance(60_000);
    await expect(tick()).resolves.toEqual({ pushed: 0, failed: 0 });
    o.core.clock.advance(5 * 60_000);
    await expect(tick()).resolves.toEqual({ pushed: 1, failed: 0 });
    expect(meters[2]!.state.ratePricesE4).toEqual([9_200, 9_200, 9_200, 9_200]);
    await expect(waiting()).resolves.toEqual([]);
    // Each push is a journaled command, read back; the silent meter's failed try is kept.
    const commands = o.core.services.db
      .prepare("SELECT state FROM device_operations WHERE kind = 'tariffPush' ORDER BY id")
      .all()
      .map((r) => (r as { state: string }).state);
    expect(commands).toEqual([
      'committed',
      'committed',
      'committed',
      'committed',
      'committed',
      'voided',
      'committed',
    ]);
  });

  it('a push now pressed while the minute’s run is going waits for it, and pushes nothing twice', async () => {
    const tick = o.core.services.tariffPushes.pushDue(
      o.core.clock.now,
      systemWrite(o.core.services, 'meters.poll'),
    );
    const now = pushNow();
    await expect(tick).resolves.toEqual({ pushed: 3, failed: 0 });
    await expect(now).resolves.toEqual({ pushed: 0, failed: 0 });
    const pushes = o.core.services.db
      .prepare("SELECT COUNT(*) AS n FROM device_operations WHERE kind = 'tariffPush'")
      .get() as { n: number };
    expect(pushes.n).toBe(3);
  });

  it('lists stepped prices as the office’s to apply, and never sends them', async () => {
    await pushNow();
    await o.core.ok(
      'tariffs.schedule',
      {
        tariffId: o.tariffId,
        effectiveFrom: new Date(o.core.clock.now.getTime() + 60_000).toISOString(),
        definition: {
          kind: 'stepped',
          steps: [
            { upTo: 20_000, price: 6_000 },
            { upTo: null, price: 9_000 },
          ],
        },
      },
      o.admin,
    );
    o.core.clock.advance(60_000);
    expect((await waiting()).map((w) => w.state)).toEqual([
      'cannotHold',
      'cannotHold',
      'cannotHold',
    ]);
    await expect(pushNow()).resolves.toEqual({ pushed: 0, failed: 0 });
    expect(meters[0]!.state.ratePricesE4).toEqual([8_500, 8_500, 8_500, 8_500]);
  });
});

describe('tariff pushes a stop interrupted', () => {
  it('are read back from the meter at the next start: committed where it holds them, voided and tried again where not', async () => {
    const o = await openLineOffice(METERS.map((address) => ({ address })));
    const version = (await o.core.ok('tariffs.list', {}, o.cashier))[0]!.current!;
    const { db, journal } = o.core.services;
    const meterIds: number[] = [];
    for (const meterNo of METERS) {
      const meter = await openOn(o, meterNo, '商户');
      meterIds.push(meter.id);
      // A push written pending, then the office stopped before the meter's answer was read.
      db.transaction(() =>
        journal.begin(
          {
            kind: 'tariffPush',
            target: 'remote',
            meterId: meter.id,
            accountId: null,
            payload: {
              command: 'setTariff',
              reason: '调价生效自动下发',
              // The third as an older PowerTill recorded it, without the prices sent.
              detail:
                meterNo === METERS[2]
                  ? { tariffVersionId: version.id }
                  : {
                      tariffVersionId: version.id,
                      prices: [8_500, 8_500, 8_500, 8_500],
                      segments: null,
                    },
            },
            operatorId: 1,
          },
          o.core.clock.now.toISOString(),
        ),
      )();
    }
    // The first meter took the prices before the stop; the second never got them.
    o.meters[1]!.state.ratePricesE4 = [7_000, 7_000, 7_000, 7_000];
    const { dataDir } = o.core;
    await o.core.close();
    const again = await openTestCore({ dataDir, clock: o.core.clock });
    try {
      // The poller's minute (joining the read-back the start began): nothing new is pushed yet.
      await expect(
        again.services.tariffPushes.pushDue(
          again.clock.now,
          systemWrite(again.services, 'meters.poll'),
        ),
      ).resolves.toEqual({ pushed: 0, failed: 0 });
      const [held, missed, older] = meterIds.map(
        (meterId) => again.services.meterDesk.commands({ meterId, limit: 10 })[0],
      );
      expect(held).toMatchObject({ command: 'setTariff', state: 'done' });
      for (const push of [missed, older])
        expect(push).toMatchObject({
          command: 'setTariff',
          state: 'failed',
          error: expect.stringContaining('does not hold'),
        });
      // The meters without a confirmed push still wait, and get it after the interval.
      expect(again.services.tariffPushes.waiting(again.clock.now)).toEqual([
        expect.objectContaining({ meterNo: METERS[1], lastTriedAt: expect.any(String) }),
        expect.objectContaining({ meterNo: METERS[2], lastTriedAt: expect.any(String) }),
      ]);
      again.clock.advance(6 * 60_000);
      await expect(
        again.services.tariffPushes.pushDue(
          again.clock.now,
          systemWrite(again.services, 'meters.poll'),
        ),
      ).resolves.toEqual({ pushed: 2, failed: 0 });
      expect(o.meters[1]!.state.ratePricesE4).toEqual([8_500, 8_500, 8_500, 8_500]);
      expect(again.services.journal.allPending(['tariffPush'])).toEqual([]);
    } finally {
      await again.dispose();
      await o.bus.close();
    }
  });
});
