// Batch operations (批量操作) and polling over a real TCP serial gateway to 36 simulated NK meters
// in two areas: a batch read with its progress pushed meter by meter, a silent meter failing and
// its retry, choosing by area, cancelling, relays and money limits pushed to many meters with the
// password, the broadcast time; polling raising and clearing low-credit and no-answer alarms.
import type { TestCore } from '../../core/testing';
import type { PushEvent } from '../../shared/api/events';
import type { BatchView } from '../../shared/api/meterLink';
import type { NkMeter } from '../../sim/rs485/nkMeter';
import type { TcpBus } from '../../sim/rs485/tcpBus';
import { openLineOffice } from './lineOffice';
import { readPdf } from './pdf';

const address = (i: number) => `0000000010${String(i).padStart(2, '0')}`;

interface Office {
  core: TestCore;
  supervisor: string;
  cashier: string;
  meters: NkMeter[];
  bus: TcpBus;
  accountIds: number[];
  events: BatchView[];
}

async function openOffice(count = 36): Promise<Office> {
  const line = await openLineOffice(
    Array.from({ length: count }, (_, i) => ({
      address: address(i + 1),
      remainingFen: 10_000 + i * 100,
      energyE2: 1_000 * (i + 1),
    })),
  );
  const { core, cashier, supervisor, meters, bus, tariffId } = line;
  const accountIds: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    const customer = await core.ok(
      'customers.create',
      {
        name: `商户${i}`,
        shopUnit: `L${i}`,
        area: i <= 20 ? 'A区' : 'B区',
        floor: `${1 + (i % 3)}F`,
      },
      cashier,
    );
    const meter = await core.ok(
      'meters.register',
      { meterNo: address(i), model: 'DDSY1352-NK' },
      cashier,
    );
    const account = await core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId },
      cashier,
    );
    accountIds.push(account.id);
  }
  const events: BatchView[] = [];
  core.services.events.subscribe((event: PushEvent) => {
    if (event.name === 'batch.progress') events.push(event.payload);
  });
  return { core, supervisor, cashier, meters, bus, accountIds, events };
}

const finished = async (o: Office, id: number): Promise<BatchView> => {
  await o.core.services.batches.settle();
  return o.core.ok('batch.get', { id }, o.supervisor);
};

const count = (core: TestCore, sql: string) =>
  (core.services.db.prepare(sql).get() as { n: number }).n;

describe('batch operations over the line', () => {
  let o: Office;
  beforeAll(async () => (o = await openOffice()));
  afterAll(async () => {
    await o.core.dispose();
    await o.bus.close();
  });
  beforeEach(() => (o.events.length = 0));

  it('reads 36 meters with progress pushed meter by meter, one silent meter failing', async () => {
    o.meters[4]!.faults = ['silent', 'silent', 'silent'];
    const started = await o.core.ok('batch.start', { operation: 'read' }, o.supervisor);
    expect(started).toMatchObject({ state: 'running', total: 36, succeeded: 0 });
    const batch = await finished(o, started.id);
    expect(batch).toMatchObject({ state: 'done', total: 36, succeeded: 35, failed: 1 });
    expect(batch.results[4]).toMatchObject({ meterNo: address(5), state: 'failed' });
    expect(batch.results[4]!.error).toMatchObject({ code: 'METER_NO_ANSWER' });
    expect(batch.results[0]).toMatchObject({
      state: 'ok',
      customerName: '商户1',
      energyKwh: 10,
      remainingFen: 10_000,
    });
    // Pushed after every meter, counts rising to the end.
    const done = o.events.map((e) => e.succeeded + e.failed);
    expect(done.slice(0, 36)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(o.events.at(-1)).toMatchObject({ state: 'done' });
    expect(count(o.core, 'SELECT count(*) AS n FROM meter_readings')).toBe(35);
    // The silent meter raised a no-answer alarm; done again, it answers and the alarm clears.
    const alarms = await o.core.ok('alarms.list', { open: true }, o.cashier);
    expect(alarms).toEqual([expect.objectContaining({ kind: 'no-answer', meterNo: address(5) })]);
    const retry = await o.core.ok('batch.retryFailed', { id: batch.id }, o.supervisor);
    expect(retry.total).toBe(1);
    expect(await finished(o, retry.id)).toMatchObject({ succeeded: 1, failed: 0 });
    expect(await o.core.ok('alarms.list', { open: true }, o.cashier)).toEqual([]);
  }, 60_000);

  it('chooses the meters of one area, and refuses an empty choice', async () => {
    const started = await o.core.ok(
      'batch.start',
      { operation: 'read', selection: { area: 'B区' } },
      o.supervisor,
    );
    expect(started.total).toBe(16);
    expect(started.results.map((r) => r.meterNo)).toEqual(
      Array.from({ length: 16 }, (_, i) => address(i + 21)),
    );
    await finished(o, started.id);
    await expect(
      o.core.call(
        'batch.start',
        { operation: 'read', selection: { area: '无此区' } },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'BATCH_EMPTY' } });
    expect(await o.core.ok('batch.groups', {}, o.supervisor)).toEqual({
      areas: ['A区', 'B区'],
      floors: ['1F', '2F', '3F'],
    });
  }, 60_000);

  it('stops between meters when cancelled, and refuses a second batch while one runs', async () => {
    const started = await o.core.ok('batch.start', { operation: 'read' }, o.supervisor);
    await expect(
      o.core.call('batch.start', { operation: 'read' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'BATCH_RUNNING' } });
    const cancelled = await o.core.ok('batch.cancel', { id: started.id }, o.supervisor);
    expect(cancelled.state).toBe('cancelled');
    const states = cancelled.results.map((r) => r.state);
    expect(states.filter((s) => s === 'cancelled').length).toBeGreaterThan(30);
    expect(states).not.toContain('waiting');
  }, 60_000);

  it('trips the relays of an area with a reason, journaled per meter', async () => {
    await expect(
      o.core.call('batch.start', { operation: 'trip', selection: { area: 'A区' } }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'BATCH_NEEDS' } });
    const started = await o.core.ok(
      'batch.start',
      { operation: 'trip', selection: { area: 'A区' }, reason: '整改停电' },
      o.supervisor,
    );
    expect(await finished(o, started.id)).toMatchObject({ succeeded: 20, failed: 0 });
    expect(o.meters.slice(0, 20).every((m) => m.state.relay === 'open')).toBe(true);
    expect(o.meters.slice(20).every((m) => m.state.relay === 'closed')).toBe(true);
    expect(
      count(
        o.core,
        "SELECT count(*) AS n FROM device_operations WHERE kind = 'relayCommand' AND json_extract(payload, '$.command') = 'trip' AND state = 'committed'",
      ),
    ).toBe(20);
    const close = await o.core.ok(
      'batch.start',
      { operation: 'allowClose', selection: { area: 'A区' }, reason: '整改完成' },
      o.supervisor,
    );
    expect(await finished(o, close.id)).toMatchObject({ succeeded: 20 });
    expect(o.meters.every((m) => m.state.relay === 'closed')).toBe(true);
  }, 60_000);

  it('pushes money limits with the password and reads each back', async () => {
    const started = await o.core.ok(
      'batch.start',
      {
        operation: 'setLimits',
        selection: { floor: '2F' },
        reason: '调整报警金额',
        limits: { alarm1Fen: 3_000, alarm2Fen: 1_500, hoardingFen: 800_000 },
      },
      o.supervisor,
    );
    const batch = await finished(o, started.id);
    expect(batch).toMatchObject({ total: 12, succeeded: 12, failed: 0 });
    const onFloor = o.meters.filter((_, i) => 1 + ((i + 1) % 3) === 2);
    expect(onFloor.map((m) => [m.state.alarm1Fen, m.state.alarm2Fen, m.state.hoardingFen])).toEqual(
      onFloor.map(() => [3_000, 1_500, 800_000]),
    );
    // A meter with another password refuses, and says so.
    onFloor[0]!.state.password = '999999';
    const again = await o.core.ok(
      'batch.start',
      {
        operation: 'setLimits',
        selection: { floor: '2F' },
        reason: '再次下发',
        limits: { alarm1Fen: 2_500 },
      },
      o.supervisor,
    );
    const refused = await finished(o, again.id);
    expect(refused).toMatchObject({ succeeded: 11, failed: 1 });
    expect(refused.results.find((r) => r.state === 'failed')!.error).toMatchObject({
      code: 'METER_REFUSED',
      params: { reasons: expect.stringMatching(/password-or-authority/) },
    });
    onFloor[0]!.state.password = '123456';
  }, 60_000);

  it('pushes the tariff in force to the meters of an area', async () => {
    const started = await o.core.ok(
      'batch.start',
      { operation: 'pushTariff', selection: { area: 'B区' }, reason: '统一调价' },
      o.supervisor,
    );
    expect(await finished(o, started.id)).toMatchObject({ total: 16, succeeded: 16, failed: 0 });
    expect(
      count(
        o.core,
        "SELECT count(*) AS n FROM device_operations WHERE kind = 'tariffPush' AND state = 'committed'",
      ),
    ).toBe(16);
  });

  it('sets every meter’s clock with one broadcast', async () => {
    const started = await o.core.ok('batch.start', { operation: 'timeSync' }, o.supervisor);
    const batch = await finished(o, started.id);
    expect(batch.results.every((r) => r.state === 'sent')).toBe(true);
    // The test clock is 2026-11-24T02:00:00Z: 10:00 in the office. No meter answers a
    // broadcast, so wait until the frame has crossed the gateway.
    const clocks = () => new Set(o.meters.map((m) => m.state.clock));
    for (let i = 0; i < 100 && !clocks().has('2026-11-24 10:00:00'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clocks()).toEqual(new Set(['2026-11-24 10:00:00']));
  });

  it('is for supervisors', async () => {
    await expect(
      o.core.call('batch.start', { operation: 'read' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('polling and alarms', () => {
  let o: Office;
  beforeAll(async () => (o = await openOffice(3)));
  afterAll(async () => {
    await o.core.dispose();
    await o.bus.close();
  });

  it('raises a low-credit alarm once, clears it after a recharge, and takes an acknowledgement', async () => {
    await o.core.ok('meterLink.configure', { lowCreditFen: 15_000 }, o.supervisor);
    o.meters[1]!.state.remainingFen = 900;
    await o.core.services.poller.pollAll();
    await o.core.services.poller.pollAll();
    const open = await o.core.ok('alarms.list', { open: true }, o.cashier);
    // Meters 1 and 2 hold 100.00 and 9.00 yuan, under 150.00; meter 3 holds 102.00.
    expect(open.map((a) => [a.meterNo, a.kind, a.remainingFen, a.customerName])).toEqual([
      [address(3), 'low-credit', 10_200, '商户3'],
      [address(2), 'low-credit', 900, '商户2'],
      [address(1), 'low-credit', 10_000, '商户1'],
    ]);
    expect(count(o.core, 'SELECT count(*) AS n FROM meter_readings')).toBe(6);

    // The tenant of meter 2 buys 200 yuan; the next poll clears its alarm.
    await o.core.ok(
      'sales.sell',
      { accountId: o.accountIds[1]!, amountFen: 20_000, paymentMethod: 'cash' },
      o.cashier,
    );
    await o.core.services.poller.pollAll();
    const still = await o.core.ok('alarms.list', { open: true }, o.cashier);
    expect(still.map((a) => a.meterNo)).toEqual([address(3), address(1)]);
    const all = await o.core.ok('alarms.list', {}, o.cashier);
    expect(all.find((a) => a.meterNo === address(2))!.clearedAt).not.toBeNull();

    const acknowledged = await o.core.ok(
      'alarms.acknowledge',
      { id: still[0]!.id, note: '已电话通知商户' },
      o.cashier,
    );
    expect(acknowledged).toMatchObject({ note: '已电话通知商户', acknowledgedBy: 'cashier' });
    await expect(
      o.core.call('alarms.acknowledge', { id: still[0]!.id, note: '再次' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'ALARM_NOT_FOUND' } });
    expect((await o.core.ok('alarms.list', { open: true }, o.cashier)).length).toBe(1);
    // The printed records: every alarm, the tenant to call, and what was done.
    const { text } = readPdf((await o.core.ok('alarms.reportFile', {}, o.cashier)).base64);
    expect(text).toContain('报警记录');
    expect(text).toContain('共 3 条');
    expect(text).toContain('商户2');
    expect(text).toContain('已电话通知商户');
  }, 60_000);

  it('keeps going past a silent meter and raises a no-answer alarm for it', async () => {
    o.meters[0]!.faults = ['silent', 'silent', 'silent'];
    const outcome = await o.core.services.poller.pollAll();
    expect(outcome).toEqual({ meters: 3, answered: 2 });
    const open = await o.core.ok('alarms.list', { open: true }, o.cashier);
    expect(open[0]).toMatchObject({ kind: 'no-answer', meterNo: address(1) });
  }, 30_000);

  it('reports each meter to inspection once a day, so a day of almost no use is named', async () => {
    const DAY = 24 * 3_600_000;
    const shop = o.meters[2]!;
    await o.core.ok('meterLink.configure', { lowCreditFen: 0 }, o.supervisor);
    // Four days of about 50 kWh a day, read twice a day; then a day with 2 kWh.
    for (let day = 0; day < 5; day += 1) {
      o.core.clock.advance(DAY);
      shop.state.energyE2 += day < 4 ? 5_000 : 200;
      await o.core.services.poller.pollAll();
      o.core.clock.advance(3_600_000);
      await o.core.services.poller.pollAll();
    }
    const reports = o.core.services.db
      .prepare(
        "SELECT count(*) AS n FROM meter_reports r JOIN meters m ON m.id = r.meter_id WHERE m.meter_no = ? AND r.source = 'bus-reading'",
      )
      .get(shop.state.address) as { n: number };
    // One a day: the first poll of this test's days, and the day the earlier polls were on.
    expect(reports.n).toBe(6);
    // Five days later the supervisor signs in again.
    const { sessionId } = await o.core.ok('auth.login', {
      username: 'supervisor',
      password: 'Working123',
    });
    const findings = (await o.core.ok('inspection.list', { open: true }, sessionId)).filter(
      (f) => f.meterNo === shop.state.address,
    );
    expect(findings.filter((f) => f.rule.startsWith('consumption'))).toEqual([
      expect.objectContaining({ rule: 'consumption-low', source: 'bus-reading', cardNo: '' }),
    ]);
    // The simulated meter came with 102.00 yuan the office never sold: that is named too.
    expect(findings.some((f) => f.rule === 'credit-not-sold')).toBe(true);
  }, 60_000);
});
