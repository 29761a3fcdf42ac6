// Shifts and hand-over (交班) through the API: what the cashier takes, counts and hands over.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openTestCore, setUpOffice, signInAs, tempDir, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';

describe('shifts', () => {
  let core: TestCore;
  let cards: SimulatedCards;
  let admin: string;
  let cashier: string;
  let accountIds: number[];

  beforeEach(async () => {
    cards = new SimulatedCards();
    core = await openTestCore({ target: cards });
    admin = (await setUpOffice(core)).sessionId;
    cashier = (await signInAs(core, admin, 'cashier')).sessionId;
    const tariff = await core.ok(
      'tariffs.create',
      { name: 't', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    accountIds = [];
    for (let i = 1; i <= 3; i += 1) {
      const customer = await core.ok('customers.create', { name: `商户${i}` }, cashier);
      const meter = await core.ok(
        'meters.register',
        { meterNo: String(i).padStart(12, '0'), model: 'DDSY1352' },
        cashier,
      );
      accountIds.push(
        (
          await core.ok(
            'accounts.open',
            { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
            cashier,
          )
        ).id,
      );
    }
  });
  afterEach(async () => {
    await core.dispose();
    cards.close();
  });

  const sell = (
    accountIndex: number,
    amountFen: number,
    paymentMethod: 'cash' | 'wechat' | 'alipay' | 'bank_card',
    session = cashier,
  ) =>
    core.ok(
      'sales.sell',
      { accountId: accountIds[accountIndex]!, amountFen, paymentMethod },
      session,
    );

  it('opens at sign-in and takes in each sale by payment method, less reversals', async () => {
    const opened = await core.ok('shifts.current', {}, cashier);
    expect(opened).toMatchObject({
      state: 'open',
      operatorName: 'cashier user',
      salesCount: 0,
      expected: { cash: 0, wechat: 0, alipay: 0, bank_card: 0 },
    });
    await sell(0, 10_000, 'cash');
    await sell(1, 5_000, 'wechat');
    const mistake = await sell(2, 2_000, 'cash');
    await core.ok('sales.reverse', { saleId: mistake.id, reason: '输错' }, cashier);
    const shift = await core.ok('shifts.current', {}, cashier);
    expect(shift).toMatchObject({
      id: opened.id,
      salesCount: 3,
      reversalsCount: 1,
      expected: { cash: 10_000, wechat: 5_000, alipay: 0, bank_card: 0 },
    });
    // The admin's own sales are the admin's shift, not the cashier's.
    await sell(2, 1_000, 'alipay', admin);
    await expect(core.ok('shifts.current', {}, cashier)).resolves.toMatchObject({
      expected: { alipay: 0 },
    });
  });

  it('hands over with the counted money and shows the differences on the report', async () => {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    await sell(0, 10_000, 'cash');
    await sell(1, 5_000, 'wechat');
    const closed = await core.ok(
      'shifts.close',
      { counted: { cash: 9_950, wechat: 5_000, alipay: 0, bank_card: 0 }, note: '少收 5 角' },
      cashier,
    );
    expect(closed).toMatchObject({
      state: 'closed',
      expected: { cash: 10_000 },
      counted: { cash: 9_950 },
    });
    await expect(core.call('shifts.current', {}, cashier)).resolves.toMatchObject({
      error: { code: 'SHIFT_NOT_FOUND' },
    });

    const report = await core.ok('shifts.report', { shiftId: closed.id }, cashier);
    const dir = tempDir();
    const file = path.join(dir, report.fileName);
    fs.writeFileSync(file, Buffer.from(report.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    for (const expected of [
      '交班报表',
      'cashier user',
      '¥100.00',
      '¥99.50',
      '-¥0.50',
      '¥150.00',
      '¥149.50',
      '售电 2 笔',
      '少收 5 角',
      '00000001',
      '商户1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('starts a new shift at the next sign-in, and sales go to it', async () => {
    const first = await core.ok('shifts.current', {}, cashier);
    await core.ok(
      'shifts.close',
      { counted: { cash: 0, wechat: 0, alipay: 0, bank_card: 0 } },
      cashier,
    );
    const again = (await core.ok('auth.login', { username: 'cashier', password: 'Working123' }))
      .sessionId;
    await sell(0, 3_000, 'bank_card', again);
    const second = await core.ok('shifts.current', {}, again);
    expect(second.id).not.toBe(first.id);
    expect(second.expected.bank_card).toBe(3_000);
  });

  it('lets a supervisor see every shift, and a cashier only their own report', async () => {
    const mine = await core.ok('shifts.current', {}, cashier);
    const other = await signInAs(core, admin, 'cashier', 'cashier2');
    const theirs = await core.ok('shifts.current', {}, other.sessionId);
    await expect(core.call('shifts.report', { shiftId: theirs.id }, cashier)).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(core.call('shifts.list', {}, cashier)).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const all = await core.ok('shifts.list', {}, admin);
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});
