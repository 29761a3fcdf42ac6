// The sales office's books through the API: opening an account and selling to simulated cards,
// with every refusal and every way a card write can go wrong, asserting ledger rows and card state.
import { openTestCore, setUpOffice, signInAs, tempDir, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import type { AccountView } from '../../shared/api/ledgerTypes';

const FLAT_085 = { kind: 'flat', price: 8_500 } as const;

interface Office {
  core: TestCore;
  cards: SimulatedCards;
  admin: string;
  cashier: string;
  account: AccountView;
}

async function openOffice(cards = new SimulatedCards(), dataDir?: string): Promise<Office> {
  const core = await openTestCore({ target: cards, ...(dataDir && { dataDir }) });
  const admin = (await setUpOffice(core)).sessionId;
  const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
  const tariff = await core.ok('tariffs.create', { name: '商业电价', definition: FLAT_085 }, admin);
  const customer = await core.ok(
    'customers.create',
    { name: '星巴克咖啡', shopUnit: 'B1-023', phone: '13800138000' },
    cashier,
  );
  const meter = await core.ok(
    'meters.register',
    { meterNo: '000000000161', model: 'DDSY1352' },
    cashier,
  );
  const account = await core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
    cashier,
  );
  return { core, cards, admin, cashier, account };
}

const rows = (core: TestCore, sql: string, ...params: unknown[]) =>
  core.services.db.prepare(sql).all(...params);

describe('opening an account', () => {
  let office: Office;
  beforeEach(async () => (office = await openOffice()));
  afterEach(() => office.core.dispose());

  it('binds customer, meter and tariff, and puts the meter in service', () => {
    const { account } = office;
    expect(account).toMatchObject({
      accountNo: '00000001',
      state: 'active',
      purchaseCount: 0,
      totalPurchasedFen: 0,
      tariffName: '商业电价',
      customer: { customerNo: 'C000001', name: '星巴克咖啡' },
      meter: {
        meterNo: '000000000161',
        model: 'DDSY1352',
        kind: 'card',
        phases: 1,
        state: 'in_service',
      },
    });
  });

  it('refuses a second open account on the same meter', async () => {
    const { core, cashier, account } = office;
    const other = await core.ok('customers.create', { name: '喜茶' }, cashier);
    await expect(
      core.call(
        'accounts.open',
        { customerId: other.id, meterId: account.meter.id, tariffId: account.tariffId },
        cashier,
      ),
    ).resolves.toMatchObject({
      error: { code: 'METER_IN_USE', params: { meterNo: '000000000161', accountNo: '00000001' } },
    });
  });

  it('refuses a meter number registered twice and a malformed one', async () => {
    const { core, cashier } = office;
    await expect(
      core.call('meters.register', { meterNo: '000000000161', model: 'DDSY1352' }, cashier),
    ).resolves.toMatchObject({
      error: { code: 'METER_NO_TAKEN' },
    });
    await expect(
      core.call('meters.register', { meterNo: '12345', model: 'DDSY1352' }, cashier),
    ).resolves.toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('selling to a card', () => {
  let office: Office;
  beforeEach(async () => (office = await openOffice()));
  afterEach(async () => {
    await office.core.dispose();
    office.cards.close();
  });

  const sell = (amountFen: number, extra: { addToUnloaded?: boolean; session?: string } = {}) =>
    office.core.call(
      'sales.sell',
      {
        accountId: office.account.id,
        amountFen,
        paymentMethod: 'cash',
        addToUnloaded: extra.addToUnloaded ?? false,
      },
      extra.session ?? office.cashier,
    );
  const ref = () => ({
    accountNo: office.account.accountNo,
    meterNo: office.account.meter.meterNo,
  });
  const accountRow = () => office.core.services.accounts.byId(office.account.id)!;

  it('commits a sale, writes the card and issues receipt 1', async () => {
    const result = await sell(10_000);
    expect(result).toMatchObject({
      ok: true,
      value: {
        receiptNo: 1,
        amountFen: 10_000,
        energy: 11_764,
        price: 8_500,
        purchaseCount: 1,
        status: 'committed',
        operatorName: 'cashier',
      },
    });
    expect(accountRow()).toMatchObject({ purchaseCount: 1, totalPurchasedFen: 10_000 });
    await expect(office.cards.read(ref())).resolves.toMatchObject({
      purchaseCount: 1,
      cumulativePurchasedFen: 10_000,
    });
    expect(rows(office.core, 'SELECT receipt_no, status FROM receipts')).toEqual([
      { receipt_no: 1, status: 'issued' },
    ]);
    expect(rows(office.core, 'SELECT kind, state FROM device_operations')).toEqual([
      { kind: 'cardSale', state: 'committed' },
    ]);
    const audit = office.core.services.audit
      .list({ limit: 2 })
      .entries.map((e) => (e.detail as { phase: string }).phase);
    expect(audit).toEqual(['committed', 'pending']);
    // The settlement's audit record carries what the sale moved on the account.
    const [committed] = office.core.services.audit.list({ limit: 1 }).entries;
    expect(committed?.detail).toMatchObject({
      before: { purchaseCount: 0, totalPurchasedFen: 0 },
      after: { purchaseCount: 1, totalPurchasedFen: 10_000 },
    });
  });

  it('refuses a second sale while the last purchase is not loaded, but adds to it on the same count', async () => {
    await sell(10_000);
    await expect(sell(5_000)).resolves.toMatchObject({
      error: { code: 'PURCHASE_NOT_LOADED', params: { count: 1 } },
    });
    const added = await sell(5_000, { addToUnloaded: true });
    expect(added).toMatchObject({ ok: true, value: { purchaseCount: 1, receiptNo: 2 } });
    await expect(office.cards.read(ref())).resolves.toMatchObject({
      purchaseCount: 1,
      cumulativePurchasedFen: 15_000,
    });

    // The tenant inserts the card: the meter loads 150.00 at once and writes back.
    expect(office.cards.insertIntoMeter(ref())).toBe('loaded');
    expect(office.cards.meterState('000000000161')).toEqual({
      loadedCount: 1,
      remainingFen: 15_000,
    });
    await expect(sell(2_000, { addToUnloaded: true })).resolves.toMatchObject({
      error: { code: 'NOTHING_TO_ADD_TO' },
    });
    await expect(sell(2_000)).resolves.toMatchObject({ ok: true, value: { purchaseCount: 2 } });
    expect(accountRow()).toMatchObject({
      purchaseCount: 2,
      loadedCount: 1,
      totalPurchasedFen: 17_000,
      meterRemainingFen: 15_000,
    });
  });

  it('refuses a sale over the hoarding limit and says how much still fits', async () => {
    await office.core.ok('settings.update', { hoardingLimitFen: 20_000 }, office.admin);
    await sell(15_000);
    office.cards.insertIntoMeter(ref());
    await expect(sell(6_000)).resolves.toMatchObject({
      error: {
        code: 'OVER_HOARDING_LIMIT',
        params: { limit: '200.00', held: '150.00', room: '50.00' },
      },
    });
    office.cards.consume('000000000161', 1_000);
    office.cards.insertIntoMeter(ref()); // write-back of the lower credit
    await expect(sell(6_000)).resolves.toMatchObject({ ok: true });
  });

  it('refuses amounts below the minimum or above the maximum, recording nothing', async () => {
    await expect(sell(50)).resolves.toMatchObject({
      error: { code: 'AMOUNT_BELOW_MINIMUM', params: { min: '1.00' } },
    });
    await expect(sell(1_000_001)).resolves.toMatchObject({
      error: { code: 'AMOUNT_ABOVE_MAXIMUM', params: { max: '10000.00' } },
    });
    expect(rows(office.core, 'SELECT * FROM receipts')).toEqual([]);
    expect(rows(office.core, 'SELECT * FROM sales')).toEqual([]);
  });

  it('refuses closed and suspended accounts', async () => {
    // Closing and suspension get their own workflows later; here the state is set directly.
    office.core.services.db.prepare("UPDATE accounts SET state = 'closed'").run();
    await expect(sell(1_000)).resolves.toMatchObject({ error: { code: 'ACCOUNT_CLOSED' } });
    office.core.services.db.prepare("UPDATE accounts SET state = 'suspended'").run();
    await expect(sell(1_000)).resolves.toMatchObject({ error: { code: 'ACCOUNT_SUSPENDED' } });
    expect(rows(office.core, 'SELECT * FROM sales')).toEqual([]);
  });

  it('with no card on the reader, charges nothing and reserves no receipt', async () => {
    office.cards.faults.nextRead = 'unreachable';
    await expect(sell(1_000)).resolves.toMatchObject({ error: { code: 'TARGET_UNREACHABLE' } });
    expect(rows(office.core, 'SELECT * FROM receipts')).toEqual([]);
    await expect(sell(1_000)).resolves.toMatchObject({ ok: true, value: { receiptNo: 1 } });
  });

  it('a card pulled before the write landed: the sale is voided, its receipt printed void, never reused', async () => {
    office.cards.faults.nextWrite = 'lost';
    await expect(sell(1_000)).resolves.toMatchObject({
      error: { code: 'TARGET_UNREACHABLE', params: { reason: 'write not taken' } },
    });
    expect(rows(office.core, 'SELECT receipt_no, status FROM receipts')).toEqual([
      { receipt_no: 1, status: 'void' },
    ]);
    expect(rows(office.core, 'SELECT status FROM sales')).toEqual([{ status: 'voided' }]);
    expect(accountRow()).toMatchObject({ purchaseCount: 0, totalPurchasedFen: 0 });
    await expect(sell(1_000)).resolves.toMatchObject({
      ok: true,
      value: { receiptNo: 2, purchaseCount: 1 },
    });
  });

  it('a card pulled after the write landed but before the read-back: settled as sold, not sold twice', async () => {
    office.cards.faults.nextWrite = 'unconfirmed';
    await expect(sell(1_000)).resolves.toMatchObject({
      ok: true,
      value: { status: 'committed', receiptNo: 1 },
    });
    expect(accountRow()).toMatchObject({ purchaseCount: 1, totalPurchasedFen: 1_000 });
  });

  it('when the card stays away, the sale stays pending and is settled the next time the card is seen', async () => {
    office.cards.faults.nextWrite = 'pulled';
    await expect(sell(1_000)).resolves.toMatchObject({
      error: { code: 'DELIVERY_UNCONFIRMED', params: { receiptNo: 1 } },
    });
    expect(rows(office.core, 'SELECT status FROM sales')).toEqual([{ status: 'pending' }]);
    expect(accountRow().totalPurchasedFen).toBe(0);
    // Without the card nothing more can be sold on this account.
    await expect(sell(1_000)).resolves.toMatchObject({ error: { code: 'OPERATION_PENDING' } });
    office.cards.onReader = true;

    // The cashier tries again with the card back: the earlier write is found and committed first,
    // so the second attempt is refused by the count rule instead of selling twice.
    await expect(sell(1_000)).resolves.toMatchObject({ error: { code: 'PURCHASE_NOT_LOADED' } });
    expect(rows(office.core, 'SELECT status FROM sales')).toEqual([{ status: 'committed' }]);
    expect(accountRow()).toMatchObject({ purchaseCount: 1, totalPurchasedFen: 1_000 });
  });

  it('refuses to sell when the card disagrees with the books', async () => {
    await sell(1_000);
    await office.cards.write({
      ...ref(),
      operationId: 'x',
      purchaseCount: 1,
      amountFen: 999,
      cumulativeBeforeFen: 1_000,
      cumulativeAfterFen: 1_999,
    });
    office.cards.insertIntoMeter(ref());
    await expect(sell(1_000)).resolves.toMatchObject({
      error: { code: 'TARGET_MISMATCH', params: { target: '19.99', ledger: '10.00' } },
    });
  });

  it('keeps receipt numbers gap-free through sales, voids and refusals', async () => {
    await sell(1_000);
    office.cards.insertIntoMeter(ref());
    office.cards.faults.nextWrite = 'lost';
    await sell(1_000);
    await sell(50);
    await sell(1_000);
    const receipts = rows(
      office.core,
      'SELECT receipt_no, status FROM receipts ORDER BY receipt_no',
    ) as { receipt_no: number; status: string }[];
    expect(receipts.map((r) => r.receipt_no)).toEqual([1, 2, 3]);
    expect(receipts.map((r) => r.status)).toEqual(['issued', 'void', 'issued']);
    expect(office.core.services.audit.verify().ok).toBe(true);
  });

  it('refuses a cashier the supervisor-only tariff actions', async () => {
    await expect(
      office.core.call('tariffs.create', { name: 'x', definition: FLAT_085 }, office.cashier),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('reversing a sale (冲正)', () => {
  let office: Office;
  beforeEach(async () => (office = await openOffice()));
  afterEach(async () => {
    await office.core.dispose();
    office.cards.close();
  });

  const sell = (amountFen: number, addToUnloaded = false) =>
    office.core.ok(
      'sales.sell',
      { accountId: office.account.id, amountFen, paymentMethod: 'cash', addToUnloaded },
      office.cashier,
    );
  const ref = () => ({
    accountNo: office.account.accountNo,
    meterNo: office.account.meter.meterNo,
  });
  const reverse = (saleId: number, session = office.cashier) =>
    office.core.call('sales.reverse', { saleId, reason: '金额输错' }, session);

  it('writes the card back to what it held before, with its own voucher number', async () => {
    const sale = await sell(10_000);
    const result = await reverse(sale.id);
    expect(result).toMatchObject({
      ok: true,
      value: {
        saleId: sale.id,
        receiptNo: 2,
        saleReceiptNo: 1,
        amountFen: 10_000,
        status: 'committed',
      },
    });
    await expect(office.cards.read(ref())).resolves.toMatchObject({
      purchaseCount: 0,
      cumulativePurchasedFen: 0,
    });
    expect(office.core.services.accounts.byId(office.account.id)).toMatchObject({
      purchaseCount: 0,
      totalPurchasedFen: 0,
    });
    expect(rows(office.core, 'SELECT status FROM sales')).toEqual([{ status: 'reversed' }]);
    // The next sale is purchase 1 again, so the meter loads it in order.
    await expect(sell(5_000)).resolves.toMatchObject({ purchaseCount: 1, receiptNo: 3 });
  });

  it('takes back a top-up and leaves the purchase number on the card', async () => {
    await sell(10_000);
    const topUp = await sell(5_000, true);
    await expect(reverse(topUp.id)).resolves.toMatchObject({ ok: true });
    await expect(office.cards.read(ref())).resolves.toMatchObject({
      purchaseCount: 1,
      cumulativePurchasedFen: 10_000,
    });
  });

  it('refuses once the meter has loaded the sale, and for any but the latest sale', async () => {
    const first = await sell(10_000);
    office.cards.insertIntoMeter(ref());
    await expect(reverse(first.id)).resolves.toMatchObject({
      error: { code: 'SALE_ALREADY_LOADED' },
    });
    await sell(2_000);
    await expect(reverse(first.id)).resolves.toMatchObject({
      error: { code: 'SALE_NOT_REVERSIBLE' },
    });
  });

  it('lets a cashier reverse only their own sales of the day; a supervisor any', async () => {
    const sale = await sell(10_000);
    const other = await signInAs(office.core, office.admin, 'cashier', 'cashier2');
    await expect(reverse(sale.id, other.sessionId)).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const supervisor = await signInAs(office.core, office.admin, 'supervisor');
    await expect(reverse(sale.id, supervisor.sessionId)).resolves.toMatchObject({ ok: true });
    await expect(reverse(sale.id, supervisor.sessionId)).resolves.toMatchObject({
      error: { code: 'SALE_NOT_REVERSIBLE' },
    });
  });

  it('a card pulled during the reversal leaves the sale standing and voids the voucher', async () => {
    const sale = await sell(10_000);
    office.cards.faults.nextWrite = 'lost';
    await expect(reverse(sale.id)).resolves.toMatchObject({
      error: { code: 'TARGET_UNREACHABLE' },
    });
    expect(rows(office.core, 'SELECT status FROM sales')).toEqual([{ status: 'committed' }]);
    expect(
      rows(office.core, 'SELECT receipt_no, status FROM receipts ORDER BY receipt_no'),
    ).toEqual([
      { receipt_no: 1, status: 'issued' },
      { receipt_no: 2, status: 'void' },
    ]);
    await expect(reverse(sale.id)).resolves.toMatchObject({ ok: true, value: { receiptNo: 3 } });
  });
});

describe('after a crash', () => {
  it('start-up reconciliation settles a pending sale from what the card holds', async () => {
    const dataDir = tempDir();
    const cards = new SimulatedCards();
    const office = await openOffice(cards, dataDir);
    cards.faults.nextWrite = 'pulled';
    await office.core.call(
      'sales.sell',
      { accountId: office.account.id, amountFen: 3_000, paymentMethod: 'wechat' },
      office.cashier,
    );
    await office.core.close();
    cards.onReader = true;

    const reopened = await openTestCore({ dataDir, target: cards });
    try {
      expect(rows(reopened, 'SELECT status FROM sales')).toEqual([{ status: 'committed' }]);
      expect(rows(reopened, 'SELECT receipt_no, status FROM receipts')).toEqual([
        { receipt_no: 1, status: 'issued' },
      ]);
      expect(reopened.services.accounts.byId(office.account.id)).toMatchObject({
        purchaseCount: 1,
        totalPurchasedFen: 3_000,
      });
      const [entry] = reopened.services.audit.list({ limit: 1 }).entries;
      expect(entry).toMatchObject({
        method: 'system.reconcile',
        operatorName: 'system',
        detail: { phase: 'committed' },
      });
    } finally {
      await reopened.dispose();
      cards.close();
    }
  });
});

describe('tariffs over time', () => {
  let office: Office;
  beforeEach(async () => (office = await openOffice()));
  afterEach(() => office.core.dispose());

  it('schedules a price change ahead; sales before use the old price, after the new', async () => {
    const { core, admin, cashier, account, cards } = office;
    const tomorrow = new Date(core.clock.now.getTime() + 24 * 3600_000).toISOString();
    const scheduled = await core.ok(
      'tariffs.schedule',
      {
        tariffId: account.tariffId,
        definition: { kind: 'flat', price: 9_000 },
        effectiveFrom: tomorrow,
      },
      admin,
    );
    expect(scheduled.current?.definition).toMatchObject({ price: 8_500 });
    expect(scheduled.versions).toHaveLength(2);

    const before = await core.ok(
      'sales.sell',
      { accountId: account.id, amountFen: 900, paymentMethod: 'cash' },
      cashier,
    );
    expect(before.price).toBe(8_500);
    cards.insertIntoMeter({ accountNo: account.accountNo, meterNo: account.meter.meterNo });
    core.clock.advance(24 * 3600_000);
    const admin2 = (await core.ok('auth.login', { username: 'admin', password: 'Admin1234' }))
      .sessionId;
    const cashier2 = (await core.ok('auth.login', { username: 'cashier', password: 'Working123' }))
      .sessionId;
    const after = await core.ok(
      'sales.sell',
      { accountId: account.id, amountFen: 900, paymentMethod: 'cash' },
      cashier2,
    );
    expect(after).toMatchObject({ price: 9_000, energy: 1_000 });
    await expect(
      core.call(
        'tariffs.schedule',
        { tariffId: account.tariffId, definition: FLAT_085, effectiveFrom: '2020-01-01T00:00:00Z' },
        admin2,
      ),
    ).resolves.toMatchObject({
      error: { code: 'EFFECTIVE_DATE_PAST' },
    });
  });

  it('refuses an invalid tariff with the field that is wrong', async () => {
    const result = await office.core.call(
      'tariffs.create',
      {
        name: '分时',
        definition: {
          kind: 'tou',
          rates: { flat: 7_000 },
          segments: [{ start: '08:00', rate: 'flat' }],
        },
      },
      office.admin,
    );
    expect(result).toMatchObject({
      error: { code: 'VALIDATION_FAILED', issues: [{ path: 'definition.segments.0.start' }] },
    });
  });
});

describe('finding a customer', () => {
  let office: Office;
  beforeAll(async () => {
    office = await openOffice();
    const { core, cashier } = office;
    await core.ok(
      'customers.create',
      { name: '重庆小面', shopUnit: 'F2-101', phone: '13911112222' },
      cashier,
    );
    await core.ok(
      'customers.create',
      { customerNo: 'SHOP-88', name: '100%果汁', shopUnit: 'F3-5' },
      cashier,
    );
  });
  afterAll(() => office.core.dispose());

  const names = async (query: string) =>
    (await office.core.ok('customers.search', { query }, office.cashier)).map((c) => c.name);

  it.each([
    ['C000001', ['星巴克咖啡']],
    ['星巴克', ['星巴克咖啡']],
    ['xbk', ['星巴克咖啡']],
    ['XBK', ['星巴克咖啡']],
    ['xingba', ['星巴克咖啡']],
    ['cqxm', ['重庆小面']],
    ['chongqing', ['重庆小面']],
    ['B1-023', ['星巴克咖啡']],
    ['1391111', ['重庆小面']],
    ['000000000161', ['星巴克咖啡']],
    ['shop-88', ['100%果汁']],
    ['%', ['100%果汁']],
    ['_', []],
  ])('%p finds %p', async (query, expected) => {
    await expect(names(query)).resolves.toEqual(expected);
  });

  it('lists the meters of open accounts with each match', async () => {
    const [match] = await office.core.ok('customers.search', { query: 'xbk' }, office.cashier);
    expect(match!.meterNos).toEqual(['000000000161']);
  });
});
