// Remote recharge (远程充值) of NK meters through the journal, over a real TCP serial gateway on
// 127.0.0.1 to simulated DDSY1352-NK meters: the sale is committed only when the meter's purchase
// count and cumulative money show it, a lost reply is settled from the meter, a refusal voids the
// sale, a gateway that drops after the write leaves it pending until the meter is read again; and
// the meters page's live reading and relay commands.
import type { TestCore } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import type { AccountView } from '../../shared/api/ledgerTypes';
import { openLineOffice } from './lineOffice';
import { readPdf } from './pdf';

const A = '000000000161';
const B = '000000000162';

interface Office {
  core: TestCore;
  admin: string;
  cashier: string;
  supervisor: string;
  bus: TcpBus;
  port: number;
  meterA: NkMeter;
  meterB: NkMeter;
  account: AccountView;
}

async function openOffice(meterInit: Partial<NkMeter['state']> = {}): Promise<Office> {
  // The meters were installed with this office's keys.
  const line = await openLineOffice([
    { address: A, ...meterInit },
    { address: B, purchaseCount: 4 },
  ]);
  const { core, cashier, tariffId } = line;
  const customer = await core.ok(
    'customers.create',
    { name: '海底捞', shopUnit: 'L3-301' },
    cashier,
  );
  const meter = await core.ok('meters.register', { meterNo: A, model: 'DDSY1352-NK' }, cashier);
  const account = await core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId },
    cashier,
  );
  const [meterA, meterB] = line.meters as [NkMeter, NkMeter];
  return { ...line, meterA, meterB, account };
}

const closeOffice = async (o: Office) => {
  await o.core.dispose();
  await o.bus.close();
};

const sell = (o: Office, amountFen: number) =>
  o.core.call(
    'sales.sell',
    { accountId: o.account.id, amountFen, paymentMethod: 'cash' },
    o.cashier,
  );

const one = (core: TestCore, sql: string, ...params: unknown[]) =>
  core.services.db.prepare(sql).get(...params) as Record<string, unknown>;

describe('remote recharge of an NK meter over the line', () => {
  let o: Office;
  beforeEach(async () => (o = await openOffice({ remainingFen: 1_000 })));
  afterEach(() => closeOffice(o));

  it('loads the purchase on the meter and commits the sale from what it reads back', async () => {
    const first = await sell(o, 10_000);
    expect(first).toMatchObject({
      ok: true,
      value: { status: 'committed', purchaseCount: 1, meterBalanceAfterFen: 11_000 },
    });
    expect(o.meterA.state).toMatchObject({
      purchaseCount: 1,
      remainingFen: 11_000,
      cumulativePurchasedFen: 10_000,
      customerNo: '000000000001',
    });
    await sell(o, 5_000);
    expect(o.meterA.state).toMatchObject({ purchaseCount: 2, remainingFen: 16_000 });
    // The other meter on the bus heard it all and loaded nothing.
    expect(o.meterB.state).toMatchObject({ purchaseCount: 4, remainingFen: 0 });
    const account = await o.core.ok('accounts.get', { id: o.account.id }, o.cashier);
    expect(account).toMatchObject({ purchaseCount: 2, loadedCount: 2, totalPurchasedFen: 15_000 });
    expect(
      one(o.core, 'SELECT kind, target FROM device_operations ORDER BY id DESC LIMIT 1'),
    ).toEqual({
      kind: 'remoteRecharge',
      target: 'remote',
    });
    // The receipt says the money is on the meter already, not that a card is to be inserted.
    const receipt = await o.core.ok(
      'receipts.print',
      { receiptNo: 1, layout: 'thermal80' },
      o.cashier,
    );
    const { text } = readPdf(receipt.base64);
    expect(text).toContain('本次购电已远程充值到电表');
    expect(text).not.toContain('插卡后电表读入');
    // And the balance the meter itself read back once the recharge landed: 10 + 100 yuan.
    expect(text).toMatch(/表内余额\s+¥110\.00（购电后电表读回）/);
    const second = readPdf(
      (await o.core.ok('receipts.print', { receiptNo: 2, layout: 'a4' }, o.cashier)).base64,
    ).text;
    expect(second).toMatch(/表内余额\s+¥160\.00（购电后电表读回）/);
  });

  it('settles a recharge whose reply was lost from the meter’s count, once', async () => {
    // The meter loads it, the reply is lost; the retry is refused as repeated, and read back.
    o.meterA.rechargeFaults = ['silent'];
    const sale = await sell(o, 10_000);
    expect(sale).toMatchObject({ ok: true, value: { status: 'committed' } });
    expect(o.meterA.state).toMatchObject({ purchaseCount: 1, remainingFen: 11_000 });
  });

  it('commits when every reply to the recharge was lost but the meter has it', async () => {
    o.meterA.rechargeFaults = ['silent', 'silent', 'silent'];
    const sale = await sell(o, 10_000);
    expect(sale).toMatchObject({ ok: true, value: { status: 'committed' } });
    expect(o.meterA.state.purchaseCount).toBe(1);
  });

  it('refuses to sell when the meter does not answer, with nothing charged or held', async () => {
    o.meterA.faults = ['silent', 'silent', 'silent'];
    await expect(sell(o, 10_000)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_NO_ANSWER', params: { meterNo: A } },
    });
    expect(one(o.core, 'SELECT count(*) AS n FROM sales')).toEqual({ n: 0 });
    expect(one(o.core, 'SELECT count(*) AS n FROM device_operations')).toEqual({ n: 0 });
  });

  it('voids the sale when the meter refuses it (over its hoarding limit) and says why', async () => {
    o.meterA.state.hoardingFen = 5_000;
    await expect(sell(o, 10_000)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_REFUSED', params: { reasons: 'over-hoarding-limit' } },
    });
    expect(one(o.core, 'SELECT status FROM sales')).toEqual({ status: 'voided' });
    expect(one(o.core, 'SELECT status FROM receipts')).toEqual({ status: 'void' });
    expect(o.meterA.state).toMatchObject({ purchaseCount: 0, remainingFen: 1_000 });
  });

  it('refuses a reversal: the meter has loaded the money', async () => {
    const sale = await o.core.ok(
      'sales.sell',
      { accountId: o.account.id, amountFen: 10_000, paymentMethod: 'cash' },
      o.cashier,
    );
    await expect(
      o.core.call('sales.reverse', { saleId: sale.id, reason: '输错金额' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'SALE_ALREADY_LOADED' } });
  });

  it('leaves the sale pending when the gateway drops after the write, and settles it on the next read', async () => {
    // The reply is lost and the gateway is gone before the office can read the meter back.
    o.meterA.rechargeFaults = ['silent', 'silent', 'silent'];
    const realAnswer = o.meterA.answer.bind(o.meterA);
    o.meterA.answer = (request) => {
      const reply = realAnswer(request);
      if (request.control === 0x03) setTimeout(() => void o.bus.close(), 0);
      return reply;
    };
    await expect(sell(o, 10_000)).resolves.toMatchObject({
      ok: false,
      error: { code: 'RECHARGE_UNCONFIRMED' },
    });
    expect(one(o.core, 'SELECT status FROM sales')).toEqual({ status: 'pending' });
    // 待确认 lists it, for the cashier as for the supervisor: what, on which meter, for whom.
    await expect(o.core.ok('journal.pending', {}, o.cashier)).resolves.toEqual([
      {
        id: expect.any(Number),
        kind: 'remoteRecharge',
        target: 'remote',
        cardNo: null,
        meterNo: A,
        accountNo: o.account.accountNo,
        customerName: expect.any(String),
        receiptNo: 1,
        since: expect.any(String),
        operatorName: expect.any(String),
      },
    ]);
    // Another sale on the account waits for it.
    await expect(sell(o, 1_000)).resolves.toMatchObject({
      ok: false,
      error: { code: 'OPERATION_PENDING' },
    });
    // The gateway comes back on the same port; reading the meter settles the recharge.
    o.meterA.answer = realAnswer;
    o.bus = new TcpBus([o.meterA, o.meterB]);
    await o.bus.listen(o.port);
    const meterId = o.account.meter.id;
    const reading = await o.core.ok('meters.read', { meterId }, o.cashier);
    expect(reading).toMatchObject({ settled: 'committed', purchaseCount: 1, remainingFen: 11_000 });
    expect(one(o.core, 'SELECT status FROM sales')).toEqual({ status: 'committed' });
    expect(one(o.core, 'SELECT status FROM receipts')).toEqual({ status: 'issued' });
    await expect(o.core.ok('journal.pending', {}, o.cashier)).resolves.toEqual([]);
    await expect(sell(o, 1_000)).resolves.toMatchObject({ ok: true });
    expect(o.meterA.state.purchaseCount).toBe(2);
  });

  it('is refused by a meter installed with another office’s key', async () => {
    const stranger = new NkMeter({ address: A }, Buffer.alloc(32, 1));
    o.bus.meters.splice(0, 1, stranger);
    await expect(sell(o, 10_000)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_REFUSED', params: { reasons: 'mac-failed' } },
    });
    expect(stranger.state.purchaseCount).toBe(0);
    expect(one(o.core, 'SELECT status FROM sales')).toEqual({ status: 'voided' });
  });
});

describe('meters behind an ACRT terminal', () => {
  let o: Office;
  beforeEach(async () => (o = await openOffice()));
  afterEach(() => closeOffice(o));

  it('are NK meters only, and their sales go onto the card, not over the line', async () => {
    await expect(
      o.core.call(
        'meters.register',
        { meterNo: '000000000771', model: 'DDSY1352', viaAcrt: true },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'METER_ACRT_NK_ONLY' } });
    const meter = await o.core.ok(
      'meters.register',
      { meterNo: B, model: 'DDSY1352-NK', viaAcrt: true },
      o.cashier,
    );
    expect(meter).toMatchObject({ kind: 'nk', viaAcrt: true });
    const customer = await o.core.ok('customers.create', { name: '优衣库' }, o.cashier);
    const account = await o.core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId: o.account.tariffId },
      o.cashier,
    );
    // This office has no card reader: the card path refuses, and the meter is left alone.
    await expect(
      o.core.call(
        'sales.sell',
        { accountId: account.id, amountFen: 1_000, paymentMethod: 'cash' },
        o.cashier,
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'TARGET_UNREACHABLE' } });
    expect(o.meterB.state.purchaseCount).toBe(4);
  });
});

describe('the meters page on the line', () => {
  let o: Office;
  beforeEach(
    async () => (o = await openOffice({ remainingFen: 4_200, energyE2: 12_345, purchaseCount: 0 })),
  );
  afterEach(() => closeOffice(o));

  it('reads the meter live, lists what it does not have, and keeps the reading', async () => {
    const reading = await o.core.ok('meters.read', { meterId: o.account.meter.id }, o.cashier);
    expect(reading).toMatchObject({
      meterNo: A,
      energyKwh: 123.45,
      remainingFen: 4_200,
      purchaseCount: 0,
      priceYuan: 0.85,
      relay: 'closed',
      settled: null,
    });
    // The simulated meter has no voltage, current or power registers.
    expect(reading.problems).toEqual([
      'readVoltage: no-such-data',
      'readCurrent: no-such-data',
      'readPower: no-such-data',
    ]);
    expect(one(o.core, 'SELECT energy, remaining_fen, relay FROM meter_readings')).toEqual({
      energy: 12_345,
      remaining_fen: 4_200,
      relay: 'closed',
    });
    // The meters page lists it with its tenant, the credit it said and the reading it gave.
    const [row] = await o.core.ok('meters.list', { query: A }, o.cashier);
    expect(row).toMatchObject({
      meterNo: A,
      tenant: { accountId: o.account.id, meterRemainingFen: 4_200 },
      lastReading: { energy: 12_345 },
      openAlarms: 0,
    });
    expect(row!.tenant!.customerName.length).toBeGreaterThan(0);
    const status = await o.core.ok('meterLink.status', {}, o.cashier);
    expect(status).toMatchObject({ line: `127.0.0.1:${o.port}`, lastOutcome: { ok: true } });
    expect(status.stats.replied).toBeGreaterThanOrEqual(9);
    await expect(o.core.ok('system.hardwareStatus', undefined, o.cashier)).resolves.toMatchObject({
      bus: { state: 'ready', line: `127.0.0.1:${o.port}`, ok: true },
    });
  });

  it('trips and closes the relay for a supervisor, journaled and read back', async () => {
    const meterId = o.account.meter.id;
    const trip = await o.core.ok(
      'meters.relay',
      { meterId, command: 'trip', reason: '欠费' },
      o.supervisor,
    );
    expect(trip).toMatchObject({ command: 'trip', state: 'done', error: null, meterNo: A });
    expect(o.meterA.state.relay).toBe('open');
    await o.core.ok(
      'meters.relay',
      { meterId, command: 'keepPower', reason: '已缴费' },
      o.supervisor,
    );
    expect(o.meterA.state.relay).toBe('closed');
    expect(
      (await o.core.ok('meters.commands', { meterId }, o.cashier)).map((c) => c.state),
    ).toEqual(['done', 'done']);
  });

  it('pushes the tariff in force to the meter: flat, then time of use; stepped is refused', async () => {
    const meterId = o.account.meter.id;
    const push = () => o.core.call('meters.pushTariff', { meterId, reason: '调价' }, o.supervisor);
    await expect(push()).resolves.toMatchObject({
      ok: true,
      value: { state: 'done', command: 'setTariff' },
    });
    expect(o.meterA.state.ratePricesE4).toEqual([8_500, 8_500, 8_500, 8_500]);
    // A time-of-use price change, in force a minute later.
    const inAMinute = () => new Date(o.core.clock.now.getTime() + 60_000).toISOString();
    await o.core.ok(
      'tariffs.schedule',
      {
        tariffId: o.account.tariffId,
        effectiveFrom: inAMinute(),
        definition: {
          kind: 'tou',
          rates: { peak: 12_000, flat: 8_500, valley: 4_000 },
          segments: [
            { start: '00:00', rate: 'valley' },
            { start: '08:00', rate: 'flat' },
            { start: '18:00', rate: 'peak' },
            { start: '22:00', rate: 'valley' },
          ],
        },
      },
      o.admin,
    );
    o.core.clock.advance(60_000);
    await expect(push()).resolves.toMatchObject({ ok: true });
    expect(o.meterA.state.ratePricesE4).toEqual([8_500, 12_000, 8_500, 4_000]);
    expect(o.meterA.state.segments).toBe(
      '00:00/4,08:00/3,18:00/2,22:00/4,22:00/4,22:00/4,22:00/4,22:00/4',
    );
    await o.core.ok(
      'tariffs.schedule',
      {
        tariffId: o.account.tariffId,
        effectiveFrom: inAMinute(),
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
    await expect(push()).resolves.toMatchObject({ ok: false, error: { code: 'METER_NOT_MAPPED' } });
  });

  it('refuses relays to cashiers, without the password, and with a wrong one', async () => {
    const meterId = o.account.meter.id;
    await expect(
      o.core.call('meters.relay', { meterId, command: 'trip', reason: 'x' }, o.cashier),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.core.ok('meterLink.configure', { password: '02999999' }, o.supervisor);
    await expect(
      o.core.call('meters.relay', { meterId, command: 'trip', reason: '欠费' }, o.supervisor),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_REFUSED', params: { reasons: 'password-or-authority' } },
    });
    expect(o.meterA.state.relay).toBe('closed');
    const [failed] = await o.core.ok('meters.commands', { meterId }, o.supervisor);
    expect(failed).toMatchObject({ state: 'failed', command: 'trip' });
  });

  it('says plainly when there is no line, the gateway is gone, or the meter is a card meter', async () => {
    const meterId = o.account.meter.id;
    await o.bus.close();
    await expect(o.core.call('meters.read', { meterId }, o.cashier)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_LINE_FAILED' },
    });
    await o.core.ok('meterLink.configure', { line: null }, o.supervisor);
    await expect(o.core.call('meters.read', { meterId }, o.cashier)).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_LINE_NOT_SET' },
    });
    await expect(
      o.core.call(
        'sales.sell',
        { accountId: o.account.id, amountFen: 1_000, paymentMethod: 'cash' },
        o.cashier,
      ),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_LINE_NOT_SET' },
    });
    const card = await o.core.ok(
      'meters.register',
      { meterNo: '000000000999', model: 'DDSY1352' },
      o.cashier,
    );
    await expect(
      o.core.call('meters.read', { meterId: card.id }, o.cashier),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'METER_NOT_ON_LINE' },
    });
    // A serial adapter's line: stop bits default to one, two when the meters want them.
    const serial = {
      kind: 'serial',
      path: '/dev/ttyUSB9',
      baudRate: 9600,
      parity: 'none',
    } as const;
    await o.core.ok('meterLink.configure', { line: serial }, o.supervisor);
    expect((await o.core.ok('meterLink.settings', {}, o.supervisor)).line).toEqual({
      ...serial,
      stopBits: 1,
    });
    await o.core.ok('meterLink.configure', { line: { ...serial, stopBits: 2 } }, o.supervisor);
    expect((await o.core.ok('meterLink.settings', {}, o.supervisor)).line).toMatchObject({
      stopBits: 2,
    });
    await o.core.ok('meterLink.configure', { line: null }, o.supervisor);
    const settings = await o.core.ok('meterLink.settings', {}, o.supervisor);
    expect(settings).toEqual({
      line: null,
      passwordSet: true,
      operatorCode: '00000000',
      pollIntervalMinutes: 60,
      lowCreditFen: 2_000,
    });
  });
});
