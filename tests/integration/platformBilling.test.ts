// 主站计费 over a real TCP serial gateway: simulated DDSD1352 / DTSD1352 metering meters (no money
// inside, DL/T 645 energy registers and relay) billed by the office. Opening reads where billing
// starts; a purchase goes into the office's balance with its receipt; each poll prices the energy
// since the last charge by the tariff (flat, time-of-use from the per-rate registers, stepped by
// the month's use) and deducts it once; at zero the relay is tripped through the journal and a
// purchase restores it; 保电 stops trips; closing refunds what is left; a replaced meter is billed
// on from its own registers.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { LINE_INTERRUPTED } from '../../core/journal/deviceJournalStore';
import { BILLING_REASONS } from '../../core/remote/billingRelay';
import type { TestCore } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { openLineOffice, type LineOffice } from './lineOffice';

const rows = <T>(core: TestCore, sql: string, ...args: unknown[]) =>
  core.services.db.prepare(sql).all(...args) as T[];

/** A metering meter on the line with the office's line, as the technician installed it. */
function meteringMeter(o: LineOffice, address: string, energyE2: number): NkMeter {
  const secret = o.core.services.secret.read()!.secret;
  const meter = new NkMeter(
    { address, energyE2, holdsMoney: false },
    meterRechargeKey(secret, address),
  );
  o.bus.meters.push(meter);
  return meter;
}

async function openBilled(
  o: LineOffice,
  meterNo: string,
  model: 'DDSD1352' | 'DTSD1352',
  tariffId: number,
) {
  const customer = await o.core.ok(
    'customers.create',
    { name: `商户${meterNo.slice(-2)}` },
    o.cashier,
  );
  const meter = await o.core.ok('meters.register', { meterNo, model }, o.cashier);
  return o.core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId },
    o.cashier,
  );
}

const sell = (o: LineOffice, accountId: number, amountFen: number) =>
  o.core.ok('sales.sell', { accountId, amountFen, paymentMethod: 'cash' }, o.cashier);

const poll = async (o: LineOffice) => {
  await o.core.services.poller.pollAll();
};

describe('platform billing (主站计费) of metering meters', () => {
  let o: LineOffice;
  beforeAll(async () => {
    o = await openLineOffice([]);
  });
  afterAll(async () => o.close());

  it('bills a flat-priced meter from its readings, trips it at zero and a purchase restores it', async () => {
    const meter = meteringMeter(o, '000000003001', 100_000);
    const opened = await openBilled(o, '000000003001', 'DDSD1352', o.tariffId);
    // A metering meter is the office's to bill; billing starts from its registers at opening.
    expect(opened).toMatchObject({ billing: 'office', billingStarted: true, officeBalanceFen: 0 });
    await expect(
      o.core.call(
        'accounts.open',
        {
          customerId: opened.customer.id,
          meterId: opened.meter.id,
          tariffId: o.tariffId,
          billing: 'meter',
        },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'METERING_BILLED_BY_OFFICE' } });

    // No money, no power: the first round trips it, journaled and read back.
    await poll(o);
    expect(meter.state.relay).toBe('open');
    const sale = await sell(o, opened.id, 1_000);
    expect(sale).toMatchObject({ status: 'committed', meterBalanceAfterFen: 1_000 });
    // The purchase brought the balance back: the relay is allowed to close at once.
    expect(meter.state.relay).toBe('closed');
    const receipt = o.core.services.receipts.printable(sale.receiptNo)!;
    expect(receipt).toMatchObject({ delivery: 'office', meterBalanceAfter: { fen: 1_000 } });

    // 10 kWh at ¥0.85: ¥8.50 off, once, however often the meter is read.
    meter.state.energyE2 += 1_000;
    await poll(o);
    await poll(o);
    expect(
      rows(
        o.core,
        'SELECT energy, amount_fen AS fen, balance_after_fen AS after FROM billing_charges',
      ),
    ).toEqual([{ energy: 1_000, fen: 850, after: 150 }]);
    expect(meter.state.relay).toBe('closed');
    // ¥1.50 left: the office's balance raises the low-credit alarm, as a meter's credit would.
    expect(await o.core.ok('alarms.list', { open: true }, o.cashier)).toEqual([
      expect.objectContaining({ kind: 'low-credit', meterNo: '000000003001' }),
    ]);
    const listed = await o.core.ok('meters.list', { query: '3001', limit: 5 }, o.cashier);
    expect(listed[0]!.tenant).toMatchObject({ officeBalanceFen: 150 });

    // 2 kWh more: ¥1.70 leaves -¥0.20, and the meter is tripped.
    meter.state.energyE2 += 200;
    await poll(o);
    const account = await o.core.ok('accounts.get', { id: opened.id }, o.cashier);
    expect(account).toMatchObject({ officeBalanceFen: -20, billingTripped: true });
    expect(meter.state.relay).toBe('open');
    expect(
      rows(
        o.core,
        `SELECT json_extract(payload, '$.command') AS command, state FROM device_operations
         WHERE kind = 'relayCommand' AND meter_id = ? ORDER BY id`,
        opened.meter.id,
      ),
    ).toEqual([
      { command: 'trip', state: 'committed' },
      { command: 'allowClose', state: 'committed' },
      { command: 'trip', state: 'committed' },
    ]);

    // ¥50 pays the debt first and puts power back.
    await sell(o, opened.id, 5_000);
    expect(meter.state.relay).toBe('closed');
    expect(await o.core.ok('accounts.get', { id: opened.id }, o.cashier)).toMatchObject({
      officeBalanceFen: 4_980,
      billingTripped: false,
    });
    // A reading the meter gives behind what was billed (read late) charges nothing.
    meter.state.energyE2 -= 100;
    await poll(o);
    expect(rows(o.core, 'SELECT count(*) AS n FROM billing_charges')).toEqual([{ n: 2 }]);
    meter.state.energyE2 += 100;

    // The same reading is never charged twice: the schema refuses a second charge of it.
    const { reading_id: readingId } = rows<{ reading_id: number }>(
      o.core,
      'SELECT reading_id FROM billing_charges LIMIT 1',
    )[0]!;
    expect(() =>
      o.core.services.db
        .prepare(
          `INSERT INTO billing_charges (account_id, reading_id, read_at, month, energy, amount_fen, detail,
           tariff_version_id, balance_after_fen, charged_at) VALUES (?, ?, 't', '2026-12', 1, 1, '{}', 1, 0, 't')`,
        )
        .run(opened.id, readingId),
    ).toThrow(/UNIQUE/);
  }, 120_000);

  it('a relay command cut off by a stop: the next turn sends what the balance asks, whatever the mark says', async () => {
    const meter = meteringMeter(o, '000000003009', 100_000);
    const opened = await openBilled(o, '000000003009', 'DDSD1352', o.tariffId);
    await poll(o);
    expect(meter.state.relay).toBe('open');
    // A restore reached the meter (its relay closed) and the office stopped before it was booked:
    // at start-up the command is voided as interrupted and the account is still marked tripped.
    meter.state.relay = 'closed';
    const { journal } = o.core.services;
    const at = new Date().toISOString();
    journal.begin(
      {
        kind: 'relayCommand',
        target: 'remote',
        meterId: opened.meter.id,
        accountId: null,
        payload: { command: 'allowClose', reason: BILLING_REASONS.restore, detail: null },
        operatorId: 1,
      },
      at,
    );
    journal.voidInterrupted(['relayCommand'], LINE_INTERRUPTED, at);
    expect(await o.core.ok('accounts.get', { id: opened.id }, o.cashier)).toMatchObject({
      officeBalanceFen: 0,
      billingTripped: true,
    });
    // The balance is still spent: the mark alone would leave the power on; the trip goes again.
    await poll(o);
    expect(meter.state.relay).toBe('open');
    expect(await o.core.ok('accounts.get', { id: opened.id }, o.cashier)).toMatchObject({
      billingTripped: true,
    });
    // Sure again once a command was seen: a purchase restores as before.
    await sell(o, opened.id, 1_000);
    expect(meter.state.relay).toBe('closed');
  }, 120_000);

  it('keeps power on 保电 whatever the balance, and refunds what is left at closing', async () => {
    const meter = meteringMeter(o, '000000003002', 0);
    const opened = await openBilled(o, '000000003002', 'DDSD1352', o.tariffId);
    await sell(o, opened.id, 500);
    await expect(
      o.core.call(
        'accounts.keepPower',
        { accountId: opened.id, keep: true, reason: '医疗用电' },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.core.ok(
      'accounts.keepPower',
      { accountId: opened.id, keep: true, reason: '医疗用电' },
      o.supervisor,
    );
    meter.state.energyE2 += 1_000;
    await poll(o);
    expect(await o.core.ok('accounts.get', { id: opened.id }, o.cashier)).toMatchObject({
      officeBalanceFen: -350,
      billingTripped: false,
      keepPower: true,
    });
    expect(meter.state.relay).toBe('closed');

    // Off 保电 with money owed: tripped on the next round; paid up, closed with ¥6.50 back.
    await o.core.ok(
      'accounts.keepPower',
      { accountId: opened.id, keep: false, reason: '恢复正常' },
      o.supervisor,
    );
    await poll(o);
    expect(meter.state.relay).toBe('open');
    await sell(o, opened.id, 1_000);
    expect(meter.state.relay).toBe('closed');
    const closed = await o.core.ok(
      'accounts.close',
      { accountId: opened.id, reason: '退租', finalReading: 1_000, paymentMethod: 'cash' },
      o.supervisor,
    );
    expect(closed.refund).toMatchObject({ amountFen: 650 });
    expect(closed.account).toMatchObject({ state: 'closed', officeBalanceFen: 0 });
    expect(o.core.services.receipts.printable(closed.refund!.receiptNo)).toMatchObject({
      delivery: 'office',
    });
  }, 120_000);

  it('prices time-of-use from the per-rate registers, and stepped prices by the month’s use', async () => {
    const tou = await o.core.ok(
      'tariffs.create',
      {
        name: '分时',
        definition: {
          kind: 'tou',
          rates: { peak: 12_000, flat: 8_000, valley: 4_000 },
          segments: [
            { start: '00:00', rate: 'valley' },
            { start: '08:00', rate: 'peak' },
            { start: '12:00', rate: 'flat' },
            { start: '22:00', rate: 'valley' },
          ],
        },
      },
      o.admin,
    );
    const meter = meteringMeter(o, '000000003003', 0);
    meter.state.rateEnergyE2 = [0, 0, 0, 0];
    const opened = await openBilled(o, '000000003003', 'DTSD1352', tou.id);
    await sell(o, opened.id, 10_000);
    // 5 kWh at peak, 5 at valley: ¥6.00 + ¥2.00.
    meter.state.rateEnergyE2 = [0, 500, 0, 500];
    meter.state.energyE2 = 1_000;
    await poll(o);
    expect(
      rows(o.core, 'SELECT amount_fen AS fen FROM billing_charges WHERE account_id = ?', opened.id),
    ).toEqual([{ fen: 800 }]);

    const stepped = await o.core.ok(
      'tariffs.create',
      {
        name: '阶梯',
        definition: {
          kind: 'stepped',
          steps: [
            { upTo: 1_000, price: 5_000 },
            { upTo: null, price: 10_000 },
          ],
        },
      },
      o.admin,
    );
    const second = meteringMeter(o, '000000003004', 0);
    const steps = await openBilled(o, '000000003004', 'DDSD1352', stepped.id);
    await sell(o, steps.id, 10_000);
    // 8 kWh in the first step (¥4.00), then 4 more: 2 at ¥0.50 and 2 at ¥1.00 (¥3.00).
    second.state.energyE2 = 800;
    await poll(o);
    second.state.energyE2 = 1_200;
    await poll(o);
    expect(
      rows(
        o.core,
        'SELECT amount_fen AS fen FROM billing_charges WHERE account_id = ? ORDER BY id',
        steps.id,
      ),
    ).toEqual([{ fen: 400 }, { fen: 300 }]);
  }, 120_000);

  it('a replaced meter is billed on from its own registers, none of the old meter’s twice', async () => {
    const old = meteringMeter(o, '000000003041', 200_000);
    const opened = await openBilled(o, '000000003041', 'DDSD1352', o.tariffId);
    await sell(o, opened.id, 5_000);
    old.state.energyE2 += 1_000;
    await poll(o);
    // The new meter comes with 300.00 kWh already on its registers (a stock meter, tested).
    const fresh = meteringMeter(o, '000000003042', 30_000);
    await o.core.ok(
      'accounts.replaceMeter',
      {
        accountId: opened.id,
        reason: '计量异常',
        newMeterNo: '000000003042',
        oldFinalReading: 2_010,
        newInstallReading: 300,
      },
      o.supervisor,
    );
    // Billing goes on from the new meter's 300.00 kWh: 5 kWh later, ¥4.25 and nothing more.
    fresh.state.energyE2 += 500;
    await poll(o);
    const charges = rows<{ energy: number; fen: number }>(
      o.core,
      'SELECT energy, amount_fen AS fen FROM billing_charges WHERE account_id = ? ORDER BY id',
      opened.id,
    );
    expect(charges).toEqual([
      { energy: 1_000, fen: 850 },
      { energy: 500, fen: 425 },
    ]);
    expect(await o.core.ok('accounts.get', { id: opened.id }, o.cashier)).toMatchObject({
      officeBalanceFen: 5_000 - 850 - 425,
    });
  });
});
