// 批量充值 over a real TCP serial gateway to 36 simulated DDSY1352-NK meters: one amount to every
// account with one silent meter failing and its retry in the same batch; a recharge whose answer
// is lost settled from the meter, never sent twice; each member at most once per batch whatever is
// asked again; the office's grant kept out of the takings; the monthly free allowance priced per
// tariff and given once a month; and a batch cut short by a restart found again and finished.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { openTestCore, type TestCore } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import type { BatchView } from '../../shared/api/meterLink';
import { openLineOffice, type LineOffice } from './lineOffice';

const address = (i: number) => `0000000020${String(i).padStart(2, '0')}`;

interface Office extends LineOffice {
  accountIds: number[];
}

async function openOffice(count = 36): Promise<Office> {
  const line = await openLineOffice(
    Array.from({ length: count }, (_, i) => ({ address: address(i + 1), remainingFen: 1_000 })),
  );
  const accountIds: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    const customer = await line.core.ok(
      'customers.create',
      { name: `宿舍${i}`, area: i <= 24 ? '1号楼' : '2号楼', floor: `${1 + (i % 3)}F` },
      line.cashier,
    );
    const meter = await line.core.ok(
      'meters.register',
      { meterNo: address(i), model: 'DDSY1352-NK' },
      line.cashier,
    );
    const account = await line.core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId: line.tariffId },
      line.cashier,
    );
    accountIds.push(account.id);
  }
  return { ...line, accountIds };
}

const finished = async (core: TestCore, session: string, id: number): Promise<BatchView> => {
  await core.services.batches.settle();
  return core.ok('batch.get', { id }, session);
};

const rows = <T>(core: TestCore, sql: string, ...args: unknown[]) =>
  core.services.db.prepare(sql).all(...args) as T[];

describe('batch recharge (批量充值) over the line', () => {
  let o: Office;
  beforeAll(async () => (o = await openOffice()));
  afterAll(async () => {
    await o.core.dispose();
    await o.bus.close();
  });

  it('recharges 36 meters with one amount, a silent one failing and done in the same batch', async () => {
    await expect(
      o.core.call('batch.start', { operation: 'recharge', reason: '停电补偿' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'BATCH_AMOUNT_NEEDED' } });
    await expect(
      o.core.call('batch.start', { operation: 'recharge', amountFen: 5_000 }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    o.meters[6]!.faults = Array.from({ length: 12 }, () => 'silent' as const);
    const started = await o.core.ok(
      'batch.start',
      { operation: 'recharge', amountFen: 5_000, reason: '停电补偿' },
      o.supervisor,
    );
    expect(started).toMatchObject({ total: 36, rechargeBatchId: expect.any(Number) });
    const batch = await finished(o.core, o.supervisor, started.id);
    expect(batch).toMatchObject({ state: 'done', succeeded: 35, failed: 1 });
    expect(batch.results[6]).toMatchObject({ meterNo: address(7), state: 'failed' });
    expect(batch.results[0]).toMatchObject({ state: 'ok', amountFen: 5_000, remainingFen: 6_000 });
    expect(o.meters[6]!.state.remainingFen).toBe(1_000);
    // Not finished while a member waits: the office is shown it again.
    expect(await o.core.ok('batch.unfinished', {}, o.supervisor)).toEqual([
      expect.objectContaining({ rechargeBatchId: started.rechargeBatchId, failed: 1 }),
    ]);

    o.meters[6]!.faults = [];
    const retry = await o.core.ok('batch.retryFailed', { id: batch.id }, o.supervisor);
    expect(retry).toMatchObject({ rechargeBatchId: started.rechargeBatchId, total: 1 });
    expect(await finished(o.core, o.supervisor, retry.id)).toMatchObject({
      succeeded: 1,
      failed: 0,
    });
    expect(o.meters.map((m) => m.state.remainingFen)).toEqual(o.meters.map(() => 6_000));
    expect(await o.core.ok('batch.unfinished', {}, o.supervisor)).toEqual([]);

    // The office's grant: 36 sales of ¥50 paid 'grant', in no shift, journaled as batch members.
    expect(
      rows(
        o.core,
        "SELECT payment_method AS method, shift_id AS shift, count(*) AS n, sum(amount_fen) AS fen FROM sales WHERE status = 'committed' GROUP BY 1, 2",
      ),
    ).toEqual([{ method: 'grant', shift: null, n: 36, fen: 180_000 }]);
    expect(
      rows(
        o.core,
        'SELECT kind, state, count(*) AS n FROM device_operations WHERE kind = ? GROUP BY 1, 2',
        'batchRecharge',
      ),
    ).toEqual([{ kind: 'batchRecharge', state: 'committed', n: 36 }]);

    // Asked again (the first run's failed row, once more): recharged already, nothing sent.
    const again = await o.core.ok('batch.retryFailed', { id: batch.id }, o.supervisor);
    expect(await finished(o.core, o.supervisor, again.id)).toMatchObject({ succeeded: 1 });
    expect(o.meters[6]!.state.remainingFen).toBe(6_000);
    expect(o.meters[6]!.state.purchaseCount).toBe(1);
  }, 120_000);

  it('settles a recharge whose answer was lost from the meter, and never sends it twice', async () => {
    // The meter takes the money; its answer, and every read-back after it, are lost.
    const meter = o.meters[2]!;
    meter.rechargeFaults = ['silent', 'silent', 'silent', 'silent'];
    const realAnswer = meter.answer.bind(meter);
    meter.answer = (request) => {
      const reply = realAnswer(request);
      if (request.control === 0x03) meter.faults = Array.from({ length: 40 }, () => 'silent');
      return reply;
    };
    const started = await o.core.ok(
      'batch.start',
      { operation: 'recharge', amountFen: 1_000, reason: '补贴', selection: { area: '1号楼' } },
      o.supervisor,
    );
    const batch = await finished(o.core, o.supervisor, started.id);
    expect(batch).toMatchObject({ total: 24, failed: 1 });
    expect(batch.results[2]!.error).toMatchObject({ code: 'RECHARGE_UNCONFIRMED' });
    const taken = o.meters[2]!.state.remainingFen;

    meter.answer = realAnswer;
    meter.faults = [];
    meter.rechargeFaults = [];
    const retry = await o.core.ok('batch.retryFailed', { id: batch.id }, o.supervisor);
    expect(await finished(o.core, o.supervisor, retry.id)).toMatchObject({ succeeded: 1 });
    // Whichever way the first went, the meter holds the ¥10 once.
    expect(o.meters[2]!.state.remainingFen).toBe(7_000);
    expect(taken === 6_000 || taken === 7_000).toBe(true);
    expect(
      rows(
        o.core,
        'SELECT status, count(*) AS n FROM sales WHERE batch_id = ? GROUP BY status',
        started.rechargeBatchId,
      ),
    ).toEqual([{ status: 'committed', n: 24 }]);
    // The schema itself refuses a second live member in the batch.
    const sale = o.core.services.db
      .prepare('SELECT * FROM sales WHERE batch_id = ? LIMIT 1')
      .get(started.rechargeBatchId) as Record<string, unknown>;
    expect(() =>
      o.core.services.db
        .prepare(
          `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id,
           purchase_count, payment_method, operator_id, status, created_at, batch_id)
           VALUES (?, ?, 999999, 1, 0, 1, ?, 9, 'grant', ?, 'pending', 't', ?)`,
        )
        .run(
          sale.operation_id,
          sale.account_id,
          sale.tariff_version_id,
          sale.operator_id,
          sale.batch_id,
        ),
    ).toThrow(/UNIQUE|FOREIGN/);
  }, 120_000);

  it('gives the monthly free allowance priced by each tariff, once a month', async () => {
    // Two new dorm rooms on a tariff with 20 kWh free a month at ¥0.60; the others have none.
    const dorm = await o.core.ok(
      'tariffs.create',
      { name: '宿舍电价', definition: { kind: 'flat', price: 6_000, freeAllowance: 2_000 } },
      o.admin,
    );
    const secret = o.core.services.secret.read()!.secret;
    const rooms = [address(37), address(38)].map(
      (a) => new NkMeter({ address: a, remainingFen: 6_000 }, meterRechargeKey(secret, a)),
    );
    if (o.bus.meters !== o.meters) o.bus.meters.push(...rooms);
    o.meters.push(...rooms);
    for (const [i, room] of rooms.entries()) {
      const customer = await o.core.ok(
        'customers.create',
        { name: `新生宿舍${i + 1}`, area: '3号楼' },
        o.cashier,
      );
      const meter = await o.core.ok(
        'meters.register',
        { meterNo: room.state.address, model: 'DDSY1352-NK' },
        o.cashier,
      );
      await o.core.ok(
        'accounts.open',
        { customerId: customer.id, meterId: meter.id, tariffId: dorm.id },
        o.cashier,
      );
    }
    await expect(
      o.core.call(
        'batch.start',
        { operation: 'allowance', reason: '基础免费电量', selection: { area: '1号楼' } },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'ALLOWANCE_NONE' } });
    const started = await o.core.ok(
      'batch.start',
      { operation: 'allowance', reason: '基础免费电量' },
      o.supervisor,
    );
    expect(started.results.map((r) => [r.meterNo, r.amountFen])).toEqual([
      [address(37), 1_200],
      [address(38), 1_200],
    ]);
    expect(await finished(o.core, o.supervisor, started.id)).toMatchObject({ succeeded: 2 });
    expect(rooms.map((r) => r.state.remainingFen)).toEqual([7_200, 7_200]);
    await expect(
      o.core.call('batch.start', { operation: 'allowance', reason: '再发一次' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'ALLOWANCE_ALREADY_GIVEN' } });
    expect(
      rows(
        o.core,
        'SELECT DISTINCT allowance_month AS m FROM sales WHERE allowance_month IS NOT NULL',
      ),
    ).toEqual([{ m: expect.stringMatching(/^\d{4}-\d{2}$/) }]);
  }, 120_000);

  it('finds a batch cut short by a restart, and finishes it without doing a member twice', async () => {
    const started = await o.core.ok(
      'batch.start',
      { operation: 'recharge', amountFen: 500, reason: '节日补贴', selection: { area: '2号楼' } },
      o.supervisor,
    );
    // The office closes part-way (the cancel stands for the power going: what was done stays).
    await o.core.ok('batch.cancel', { id: started.id }, o.supervisor);
    const before = o.meters.map((m) => m.state.remainingFen);
    const doneBefore = rows<{ n: number }>(
      o.core,
      "SELECT count(*) AS n FROM sales WHERE batch_id = ? AND status = 'committed'",
      started.rechargeBatchId,
    )[0]!.n;
    expect(doneBefore).toBeLessThan(12);
    await o.core.close();

    const core = await openTestCore({ dataDir: o.core.dataDir });
    o.core = core;
    const admin = (await core.ok('auth.login', { username: 'admin', password: 'Admin1234' }))
      .sessionId;
    const [unfinished] = await core.ok('batch.unfinished', {}, admin);
    expect(unfinished).toMatchObject({
      rechargeBatchId: started.rechargeBatchId,
      state: 'cancelled',
      total: 12,
      succeeded: doneBefore,
    });
    expect(unfinished!.results.find((r) => r.state === 'failed')!.error).toMatchObject({
      code: 'BATCH_INTERRUPTED',
    });
    const resumed = await core.ok('batch.retryFailed', { id: unfinished!.id }, admin);
    expect(await finished(core, admin, resumed.id)).toMatchObject({
      total: 12 - doneBefore,
      failed: 0,
    });
    const after = o.meters.map((m) => m.state.remainingFen);
    expect(after.slice(24, 36).map((fen, i) => fen - before[24 + i]!)).toEqual(
      before.slice(24, 36).map((_, i) => (i < doneBefore ? 0 : 500)),
    );
    expect(await core.ok('batch.unfinished', {}, admin)).toEqual([]);
  }, 120_000);
});

describe('the monthly free allowance, given by itself', () => {
  it('goes out once a month from the poller, to the accounts whose tariff gives one', async () => {
    const line = await openLineOffice(
      Array.from({ length: 3 }, (_, i) => ({ address: address(50 + i), remainingFen: 0 })),
    );
    try {
      const dorm = await line.core.ok(
        'tariffs.create',
        { name: '宿舍电价', definition: { kind: 'flat', price: 5_000, freeAllowance: 1_000 } },
        line.admin,
      );
      for (const [i, tariffId] of [dorm.id, dorm.id, line.tariffId].entries()) {
        const customer = await line.core.ok('customers.create', { name: `宿舍${i}` }, line.cashier);
        const meter = await line.core.ok(
          'meters.register',
          { meterNo: address(50 + i), model: 'DDSY1352-NK' },
          line.cashier,
        );
        await line.core.ok(
          'accounts.open',
          { customerId: customer.id, meterId: meter.id, tariffId },
          line.cashier,
        );
      }
      const { poller, batches } = line.core.services;
      await poller.tick();
      await batches.settle();
      // 10 kWh at ¥0.50 to the two dorm rooms; nothing to the shop without an allowance.
      expect(line.meters.map((m) => m.state.remainingFen)).toEqual([500, 500, 0]);
      // Asked again the same day, and the next: not given twice in the month.
      await poller.tick();
      line.core.clock.advance(24 * 3_600_000);
      await poller.tick();
      await batches.settle();
      expect(line.meters.map((m) => m.state.remainingFen)).toEqual([500, 500, 0]);
      // The next month, once more.
      line.core.clock.advance(31 * 24 * 3_600_000);
      await poller.tick();
      await batches.settle();
      expect(line.meters.map((m) => m.state.remainingFen)).toEqual([1_000, 1_000, 0]);
      expect(
        rows(
          line.core,
          "SELECT allowance_month AS month, count(*) AS n FROM sales WHERE status = 'committed' GROUP BY 1 ORDER BY 1",
        ),
      ).toEqual([
        { month: '2026-11', n: 2 },
        { month: '2026-12', n: 2 },
      ]);
    } finally {
      await line.close();
    }
  }, 120_000);
});
