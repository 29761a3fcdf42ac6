// Refunded credit leaves an NK meter with the refund: closing an account sets the meter to 0 over
// the line, a refund on a suspended account (or with the suspension) leaves it holding the rest,
// each a balance preset journaled in device_operations and booked with the refund in one
// transaction. Over a real TCP serial gateway on 127.0.0.1 to simulated DDSY1352-NK meters, on
// DL/T 645 and on Modbus-RTU; a lost answer, a silent meter and a second attempt included.
import type { AccountView } from '../../shared/api/ledgerTypes';
import type { NkMeter } from '../../sim/rs485/nkMeter';
import { openLineOffice, type LineOffice } from './lineOffice';
import { readPdf } from './pdf';

const A = '000000000161';

interface Office extends LineOffice {
  meter: NkMeter;
  account: AccountView;
}

async function openOffice(protocol: 'dlt645' | 'modbus' = 'dlt645'): Promise<Office> {
  const line = await openLineOffice([{ address: A, remainingFen: 0, protocol, unit: 7 }]);
  const { core, cashier, tariffId } = line;
  const customer = await core.ok(
    'customers.create',
    { name: '海底捞', shopUnit: 'L3-301' },
    cashier,
  );
  const meter = await core.ok(
    'meters.register',
    {
      meterNo: A,
      model: 'DDSY1352-NK',
      ...(protocol === 'modbus' && { protocol, modbusUnit: 7 }),
    },
    cashier,
  );
  const account = await core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId },
    cashier,
  );
  await core.ok(
    'sales.sell',
    { accountId: account.id, amountFen: 10_000, paymentMethod: 'cash' },
    cashier,
  );
  return { ...line, meter: line.meters[0]!, account };
}

const presets = (o: Office) =>
  o.core.services.db
    .prepare(
      "SELECT state, payload, outcome FROM device_operations WHERE kind = 'balancePreset' ORDER BY id",
    )
    .all()
    .map((r) => {
      const row = r as { state: string; payload: string; outcome: string | null };
      return {
        state: row.state,
        ...JSON.parse(row.payload),
        outcome: row.outcome && JSON.parse(row.outcome),
      };
    });

const count = (o: Office, table: string) =>
  (o.core.services.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const close = (o: Office) =>
  o.core.call(
    'accounts.close',
    { accountId: o.account.id, reason: '退租', finalReading: 0, paymentMethod: 'cash' },
    o.supervisor,
  );

describe('refunded credit taken off an NK meter over the line', () => {
  let o: Office;
  afterEach(() => o.close());

  it('closing sets the meter to 0 and refunds what it held, journaled and printed', async () => {
    o = await openOffice();
    expect(o.meter.state.remainingFen).toBe(10_000);
    o.meter.state.remainingFen = 9_450; // the tenant used 5.50 yuan since
    const closed = await close(o);
    expect(closed).toMatchObject({
      ok: true,
      value: {
        account: { state: 'closed', meterCreditOwedFen: 0 },
        refund: { kind: 'closing', amountFen: 9_450, meterRemainingFen: 9_450 },
      },
    });
    expect(o.meter.state).toMatchObject({
      remainingFen: 0,
      purchaseCount: 1,
      cumulativePurchasedFen: 10_000,
    });
    expect(presets(o)).toEqual([
      expect.objectContaining({
        state: 'committed',
        beforeFen: 9_450,
        afterFen: 0,
        purchaseCount: 1,
      }),
    ]);
    if (!closed.ok) throw new Error('closed');
    const voucher = readPdf(
      (
        await o.core.ok(
          'receipts.print',
          { receiptNo: closed.value.refund!.receiptNo },
          o.supervisor,
        )
      ).base64,
    ).text;
    expect(voucher).toContain('销户退费');
    expect(voucher).toMatch(/表内余额\s+¥94\.50（线路读表/);
    // Nothing is left to clear: the voucher does not send the tenant for a clear card.
    expect(voucher).toContain('已通过 RS485 线路从电表中扣除');
    expect(voucher).not.toContain('清零卡');
  });

  it('a refund with the suspension leaves the meter holding the rest, and resuming needs no clear card', async () => {
    o = await openOffice();
    const suspended = await o.core.ok(
      'accounts.suspend',
      {
        accountId: o.account.id,
        reason: '装修',
        refund: { amountFen: 3_000, paymentMethod: 'cash' },
      },
      o.supervisor,
    );
    expect(suspended).toMatchObject({
      account: { state: 'suspended', meterCreditOwedFen: 0 },
      refund: { kind: 'suspension', amountFen: 3_000, meterRemainingFen: 10_000 },
    });
    expect(o.meter.state.remainingFen).toBe(7_000);
    // More than the meter holds is refused before anything is sent.
    await expect(
      o.core.call(
        'refunds.create',
        { accountId: o.account.id, amountFen: 8_000, paymentMethod: 'cash', reason: '多退' },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ error: { code: 'REFUND_OVER_REFUNDABLE' } });
    const refund = await o.core.ok(
      'refunds.create',
      { accountId: o.account.id, amountFen: 2_000, paymentMethod: 'wechat', reason: '再退' },
      o.supervisor,
    );
    expect(refund).toMatchObject({ amountFen: 2_000, meterRemainingFen: 7_000 });
    expect(o.meter.state.remainingFen).toBe(5_000);
    await o.core.ok('accounts.resume', { accountId: o.account.id, reason: '复业' }, o.supervisor);
    await o.core.ok(
      'sales.sell',
      { accountId: o.account.id, amountFen: 1_000, paymentMethod: 'cash' },
      o.cashier,
    );
    expect(o.meter.state).toMatchObject({ remainingFen: 6_000, purchaseCount: 2 });
    expect(presets(o).map((p) => [p.state, p.beforeFen, p.afterFen])).toEqual([
      ['committed', 10_000, 7_000],
      ['committed', 7_000, 5_000],
    ]);
  });

  it('a lost answer books nothing; the sale waits; the next attempt finds the preset landed and books it once', async () => {
    o = await openOffice();
    // The meter takes the preset; every answer to it (the line's retries too) is lost.
    o.meter.rechargeFaults = Array.from({ length: 10 }, () => 'silent' as const);
    const first = await close(o);
    expect(first).toMatchObject({ ok: false, error: { code: 'METER_PRESET_UNCONFIRMED' } });
    // The meter did take it; the books do not say so yet, and the account is still open.
    expect(o.meter.state.remainingFen).toBe(0);
    expect(count(o, 'refunds')).toBe(0);
    expect(presets(o)).toEqual([
      expect.objectContaining({ state: 'pending', beforeFen: 10_000, afterFen: 0 }),
    ]);
    await expect(
      o.core.call(
        'sales.sell',
        { accountId: o.account.id, amountFen: 1_000, paymentMethod: 'cash' },
        o.cashier,
      ),
    ).resolves.toMatchObject({ error: { code: 'METER_PRESET_PENDING', params: { meterNo: A } } });

    const second = await close(o);
    expect(second).toMatchObject({
      ok: true,
      value: {
        account: { state: 'closed' },
        refund: { amountFen: 10_000, meterRemainingFen: 10_000 },
      },
    });
    expect(count(o, 'refunds')).toBe(1);
    expect(presets(o)).toEqual([
      expect.objectContaining({ state: 'committed', beforeFen: 10_000 }),
    ]);
  });

  it('a closing whose answer was lost, then a suspension with a refund: the landed preset is booked, not refused as nothing left', async () => {
    o = await openOffice();
    o.meter.rechargeFaults = Array.from({ length: 10 }, () => 'silent' as const);
    await expect(close(o)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_PRESET_UNCONFIRMED' },
    });
    o.meter.rechargeFaults = [];
    // The meter now reads 0: what it held went with the closing's preset, which the books do not
    // have yet. The supervisor suspends with a small refund instead: the preset is booked as it
    // landed (everything the meter held), once, rather than refused as "at most 0.00".
    const suspended = await o.core.ok(
      'accounts.suspend',
      { accountId: o.account.id, reason: '结清', refund: { amountFen: 1, paymentMethod: 'cash' } },
      o.supervisor,
    );
    expect(suspended.account.state).toBe('suspended');
    expect(suspended.refund).toMatchObject({ amountFen: 10_000, meterRemainingFen: 10_000 });
    expect(o.meter.state.remainingFen).toBe(0);
    expect(presets(o)).toEqual([
      expect.objectContaining({ state: 'committed', beforeFen: 10_000, afterFen: 0 }),
    ]);
    // Nothing is left to give back now, and that is what a further refund is told.
    await expect(
      o.core.call(
        'refunds.create',
        { accountId: o.account.id, amountFen: 1, paymentMethod: 'cash', reason: '再退' },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'REFUND_OVER_REFUNDABLE' } });
    expect(count(o, 'refunds')).toBe(1);
  });

  it('a suspension whose preset answer was lost cannot resume; the next refund books the preset once', async () => {
    o = await openOffice();
    o.meter.rechargeFaults = Array.from({ length: 10 }, () => 'silent' as const);
    const suspend = await o.core.call(
      'accounts.suspend',
      {
        accountId: o.account.id,
        reason: '装修',
        refund: { amountFen: 4_000, paymentMethod: 'cash' },
      },
      o.supervisor,
    );
    expect(suspend).toMatchObject({ ok: false, error: { code: 'METER_PRESET_UNCONFIRMED' } });
    expect(o.meter.state.remainingFen).toBe(6_000);
    // The suspension did not happen: it is done again, and books the preset that landed.
    o.meter.rechargeFaults = [];
    const again = await o.core.ok(
      'accounts.suspend',
      {
        accountId: o.account.id,
        reason: '装修',
        refund: { amountFen: 1_000, paymentMethod: 'cash' },
      },
      o.supervisor,
    );
    // What the meter gave back is what is refunded, whatever the second try asked for.
    expect(again.refund).toMatchObject({ amountFen: 4_000, meterRemainingFen: 10_000 });
    expect(o.meter.state.remainingFen).toBe(6_000);

    // A refund while suspended loses its answer: resuming waits until it is booked.
    o.meter.rechargeFaults = Array.from({ length: 10 }, () => 'silent' as const);
    await expect(
      o.core.call(
        'refunds.create',
        { accountId: o.account.id, amountFen: 500, paymentMethod: 'cash', reason: '再退' },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'METER_PRESET_UNCONFIRMED' } });
    await expect(
      o.core.call('accounts.resume', { accountId: o.account.id, reason: '复业' }, o.supervisor),
    ).resolves.toMatchObject({ ok: false, error: { code: 'METER_PRESET_PENDING' } });
    o.meter.rechargeFaults = [];
    await expect(
      o.core.call(
        'refunds.create',
        { accountId: o.account.id, amountFen: 500, paymentMethod: 'cash', reason: '再退' },
        o.supervisor,
      ),
    ).resolves.toMatchObject({ ok: true, value: { amountFen: 500 } });
    await o.core.ok('accounts.resume', { accountId: o.account.id, reason: '复业' }, o.supervisor);
    expect(o.meter.state.remainingFen).toBe(5_500);
    expect(count(o, 'refunds')).toBe(2);
  });

  it('a silent meter refuses the closing with nothing booked, nothing reserved and the credit untouched', async () => {
    o = await openOffice();
    const receipts = count(o, 'receipts');
    o.meter.faults = Array.from({ length: 20 }, () => 'silent' as const);
    await expect(close(o)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_NO_ANSWER' },
    });
    expect(o.meter.state.remainingFen).toBe(10_000);
    expect(count(o, 'receipts')).toBe(receipts);
    // Nothing journaled against the meter's money either: the closing never reached it.
    expect(count(o, "device_operations WHERE kind IN ('balancePreset', 'heldCredit')")).toBe(0);
    expect((await o.core.ok('accounts.get', { id: o.account.id }, o.cashier)).state).toBe('active');
  });

  it('closing a silent meter’s account can hold its credit; the meter answers later and gives it back, once', async () => {
    o = await openOffice();
    o.meter.faults = Array.from({ length: 40 }, () => 'silent' as const);
    const closed = await o.core.call(
      'accounts.close',
      { accountId: o.account.id, reason: '退租', finalReading: 0, holdIfSilent: true },
      o.supervisor,
    );
    expect(closed).toMatchObject({
      ok: true,
      value: { account: { state: 'closed' }, refund: null, creditHeld: true },
    });
    expect(count(o, 'refunds')).toBe(0);
    expect(o.meter.state.remainingFen).toBe(10_000);
    await expect(o.core.ok('meters.heldCredits', {}, o.supervisor)).resolves.toEqual([
      expect.objectContaining({
        meterNo: A,
        accountNo: o.account.accountNo,
        customerName: '海底捞',
      }),
    ]);
    // The meter takes no new tenant while the old one's money is on it.
    const next = await o.core.ok('customers.create', { name: '新商户' }, o.cashier);
    const openNew = () =>
      o.core.call(
        'accounts.open',
        { customerId: next.id, meterId: o.account.meter.id, tariffId: o.tariffId },
        o.cashier,
      );
    await expect(openNew()).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_CREDIT_HELD', params: { meterNo: A } },
    });
    // Still silent: it waits.
    await expect(o.core.ok('meters.settleHeldCredits', {}, o.supervisor)).resolves.toEqual({
      settled: 0,
      waiting: 1,
    });

    // It answers; the preset lands but its answer is lost: nothing is booked yet.
    o.meter.faults = [];
    o.meter.rechargeFaults = Array.from({ length: 10 }, () => 'silent' as const);
    await expect(o.core.ok('meters.settleHeldCredits', {}, o.supervisor)).resolves.toEqual({
      settled: 0,
      waiting: 1,
    });
    expect(o.meter.state.remainingFen).toBe(0);
    expect(count(o, 'refunds')).toBe(0);
    // The next try books what the meter held before, not the 0 it reads now.
    o.meter.rechargeFaults = [];
    await expect(o.core.ok('meters.settleHeldCredits', {}, o.supervisor)).resolves.toEqual({
      settled: 1,
      waiting: 0,
    });
    const refunds = o.core.services.db
      .prepare('SELECT kind, amount_fen AS amountFen, taken_off_meter AS off FROM refunds')
      .all();
    expect(refunds).toEqual([{ kind: 'closing', amountFen: 10_000, off: 1 }]);
    await expect(o.core.ok('meters.heldCredits', {}, o.supervisor)).resolves.toEqual([]);
    await expect(openNew()).resolves.toMatchObject({ ok: true });
  });

  it('takes the credit off a Modbus-RTU meter the same way', async () => {
    o = await openOffice('modbus');
    expect(o.meter.state.remainingFen).toBe(10_000);
    await expect(close(o)).resolves.toMatchObject({
      ok: true,
      value: { refund: { amountFen: 10_000 } },
    });
    expect(o.meter.state.remainingFen).toBe(0);
  });
});

describe('replacing an NK meter over the line (换表)', () => {
  const C = '000000000170';
  let line: LineOffice;
  let account: AccountView;
  let oldMeter: NkMeter;
  let newMeter: NkMeter;

  beforeEach(async () => {
    // The replacement comes from stock with its own history: count 7, 500 yuan once loaded, empty.
    line = await openLineOffice([
      { address: A, remainingFen: 0 },
      { address: C, remainingFen: 0, purchaseCount: 7, cumulativePurchasedFen: 50_000 },
    ]);
    [oldMeter, newMeter] = line.meters as [NkMeter, NkMeter];
    const { core, cashier, tariffId } = line;
    const customer = await core.ok('customers.create', { name: '海底捞' }, cashier);
    const meter = await core.ok('meters.register', { meterNo: A, model: 'DDSY1352-NK' }, cashier);
    account = await core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId },
      cashier,
    );
    await core.ok(
      'sales.sell',
      { accountId: account.id, amountFen: 10_000, paymentMethod: 'cash' },
      cashier,
    );
    oldMeter.state.remainingFen = 8_000;
  });
  afterEach(() => line.close());

  const replace = () =>
    line.core.call(
      'accounts.replaceMeter',
      { accountId: account.id, reason: '电表故障', newMeterNo: C, oldFinalReading: 0 },
      line.supervisor,
    );
  const sell = (amountFen: number) =>
    line.core.call(
      'sales.sell',
      { accountId: account.id, amountFen, paymentMethod: 'cash' },
      line.cashier,
    );
  const presets = () =>
    line.core.services.db
      .prepare(
        "SELECT meter_id AS meterId, state, payload FROM device_operations WHERE kind = 'balancePreset' ORDER BY id",
      )
      .all()
      .map((r) => {
        const row = r as { meterId: number; state: string; payload: string };
        const p = JSON.parse(row.payload) as { meterNo: string; afterFen: number; settle: string };
        return [p.meterNo, row.state, p.afterFen, p.settle];
      });

  it('clears the old meter, presets the new one with the carried balance, and sells on it', async () => {
    await expect(replace()).resolves.toMatchObject({
      ok: true,
      value: {
        replacement: { oldMeterNo: A, newMeterNo: C, carriedFen: 8_000 },
        carriedOnMeter: true,
      },
    });
    expect(oldMeter.state.remainingFen).toBe(0);
    expect(newMeter.state).toMatchObject({ remainingFen: 8_000, purchaseCount: 7 });
    expect(presets()).toEqual([
      [A, 'committed', 0, 'book'],
      [C, 'committed', 8_000, 'apply'],
    ]);
    // The account keeps its own count and money; the new meter counts on from its own.
    await expect(sell(5_000)).resolves.toMatchObject({
      ok: true,
      value: { status: 'committed', purchaseCount: 2 },
    });
    expect(newMeter.state).toMatchObject({
      remainingFen: 13_000,
      purchaseCount: 8,
      cumulativePurchasedFen: 55_000,
    });
    expect(await line.core.ok('accounts.get', { id: account.id }, line.cashier)).toMatchObject({
      purchaseCount: 2,
      totalPurchasedFen: 15_000,
    });
  });

  it('a lost answer from the new meter leaves the preset pending; the next sale confirms it first', async () => {
    newMeter.rechargeFaults = Array.from({ length: 10 }, () => 'silent' as const);
    await expect(replace()).resolves.toMatchObject({ ok: true, value: { carriedOnMeter: false } });
    expect(newMeter.state.remainingFen).toBe(8_000);
    expect(presets()).toEqual([
      [A, 'committed', 0, 'book'],
      [C, 'pending', 8_000, 'apply'],
    ]);
    newMeter.rechargeFaults = [];
    await expect(sell(1_000)).resolves.toMatchObject({ ok: true, value: { status: 'committed' } });
    expect(newMeter.state).toMatchObject({ remainingFen: 9_000, purchaseCount: 8 });
    expect(presets()[1]).toEqual([C, 'committed', 8_000, 'apply']);
  });

  it('a silent new meter books nothing; the retry finds the old meter cleared and carries what it held, once', async () => {
    newMeter.faults = Array.from({ length: 30 }, () => 'silent' as const);
    await expect(replace()).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_NO_ANSWER' },
    });
    // The old meter gave its credit back; the books wait for the replacement to go through.
    expect(oldMeter.state.remainingFen).toBe(0);
    expect(presets()).toEqual([[A, 'pending', 0, 'book']]);
    expect(
      (await line.core.ok('accounts.get', { id: account.id }, line.cashier)).meter.meterNo,
    ).toBe(A);

    newMeter.faults = [];
    await expect(replace()).resolves.toMatchObject({
      ok: true,
      value: { replacement: { carriedFen: 8_000 } },
    });
    expect(newMeter.state.remainingFen).toBe(8_000);
    expect(presets()).toEqual([
      [A, 'committed', 0, 'book'],
      [C, 'committed', 8_000, 'apply'],
    ]);
  });
});
