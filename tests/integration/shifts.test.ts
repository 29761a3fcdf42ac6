// Shifts and hand-over (交班) through the API: what the cashier takes, counts and hands over.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openTestCore, setUpOffice, signInAs, tempDir, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import { readPdf } from './pdf';
import { openCounterOffice, type CounterOffice } from './counterOffice';

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

  /** What the books expect of a shift, as a supervisor sees it (a cashier counts blind). */
  const books = async (shiftId: number) =>
    (await core.ok('shifts.list', {}, admin)).find((s) => s.id === shiftId)!.expected;

  it('opens at sign-in and takes in each sale by payment method, less reversals', async () => {
    const opened = await core.ok('shifts.current', {}, cashier);
    expect(opened).toMatchObject({
      state: 'open',
      operatorName: 'cashier user',
      salesCount: 0,
      expected: null,
    });
    expect(await books(opened.id)).toEqual({ cash: 0, wechat: 0, alipay: 0, bank_card: 0 });
    await sell(0, 10_000, 'cash');
    await sell(1, 5_000, 'wechat');
    const mistake = await sell(2, 2_000, 'cash');
    await core.ok('sales.reverse', { saleId: mistake.id, reason: '输错' }, cashier);
    const shift = await core.ok('shifts.current', {}, cashier);
    expect(shift).toMatchObject({
      id: opened.id,
      salesCount: 3,
      reversalsCount: 1,
      expected: null,
    });
    expect(await books(opened.id)).toEqual({
      cash: 10_000,
      wechat: 5_000,
      alipay: 0,
      bank_card: 0,
    });
    // The admin's own sales are the admin's shift, not the cashier's; the admin sees their own.
    await sell(2, 1_000, 'alipay', admin);
    expect(await books(opened.id)).toMatchObject({ alipay: 0 });
    await expect(core.ok('shifts.current', {}, admin)).resolves.toMatchObject({
      expected: { alipay: 1_000 },
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

    // The same report for a cashier who works in English is in English.
    await core.ok('auth.setLanguage', { language: 'en' }, cashier);
    const english = readPdf(
      (await core.ok('shifts.report', { shiftId: closed.id }, cashier)).base64,
    ).text.replace(/\s+/g, ' ');
    await core.ok('auth.setLanguage', { language: 'zh-CN' }, cashier);
    for (const expected of [
      'Shift hand-over report',
      'Cashier: cashier user',
      'Expected',
      'Counted',
      'Difference',
      '2 sales, 0 reversals, 0 refunds, 0 card fees',
      'Note: 少收 5 角',
      'WeChat',
      'Handed over by',
    ])
      expect(english).toContain(expected);
    expect(english).not.toMatch(/交班报表|应收|售电|主管签字/);
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
    expect((await books(second.id))!.bank_card).toBe(3_000);
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

describe('a blind hand-over and approvals at the till', () => {
  let office: CounterOffice;
  let core: TestCore;
  let admin: string;
  let cashier: string;
  let accountId: number;
  const approval = { username: 'supervisor', password: 'Working123' };
  const zero = { cash: 0, wechat: 0, alipay: 0, bank_card: 0 };

  beforeEach(async () => {
    office = await openCounterOffice();
    ({ core, admin, cashier, accountId } = office);
  });
  afterEach(() => office.close());

  const close = (counted: Partial<typeof zero>, extra: object = {}) =>
    core.call('shifts.close', { counted: { ...zero, ...counted }, ...extra }, cashier);

  it('hides the books from a cashier until the count is in, report included', async () => {
    const open = await core.ok('shifts.current', {}, cashier);
    expect(open.expected).toBeNull();
    const report = await core.call('shifts.report', { shiftId: open.id }, cashier);
    expect(!report.ok && report.error.code).toBe('SHIFT_STILL_OPEN');
    // Within the default tolerance (¥10.00): closed, and now the figures are shown.
    const closed = await close({ cash: 9_950 });
    expect(closed.ok && closed.value).toMatchObject({
      state: 'closed',
      expected: { cash: 10_000 },
      counted: { cash: 9_950 },
      approverName: null,
    });
  });

  it('refuses a count beyond the tolerance without saying by how much, then after two recounts wants a supervisor', async () => {
    const first = await close({ cash: 5_000 });
    expect(!first.ok && first.error).toEqual({
      code: 'HANDOVER_DIFFERENCE',
      params: { tolerance: '10.00', left: 1 },
    });
    const second = await close({ cash: 8_000 });
    expect(!second.ok && second.error).toMatchObject({ params: { left: 0 } });
    // Now even the right figure needs the supervisor: guessing the books is not a way out.
    const third = await close({ cash: 10_000 });
    expect(!third.ok && third.error).toEqual({
      code: 'HANDOVER_RECOUNTS_USED',
      params: { count: 2 },
    });
    const entries = core.services.db
      .prepare("SELECT detail FROM audit_log WHERE method = 'shifts.close' AND outcome = 'ok'")
      .all() as { detail: string }[];
    expect(entries.map((e) => JSON.parse(e.detail).counted?.cash)).toEqual([5_000, 8_000]);
    const approved = await close({ cash: 10_000 }, { approval, note: '重点后无差额' });
    expect(approved.ok && approved.value).toMatchObject({
      state: 'closed',
      approverName: 'supervisor user',
    });
  });

  it('closes a real shortage with a note and a supervisor, and prints who approved', async () => {
    const noNote = await close({ cash: 7_000 }, { approval });
    expect(!noNote.ok && noNote.error.code).toBe('HANDOVER_NOTE_REQUIRED');
    const wrong = await close(
      { cash: 7_000 },
      { note: '少 30 元', approval: { ...approval, password: 'nope' } },
    );
    expect(!wrong.ok && wrong.error.code).toBe('BAD_CREDENTIALS');
    const byCashier = await close(
      { cash: 7_000 },
      { note: '少 30 元', approval: { username: 'cashier', password: 'Working123' } },
    );
    expect(!byCashier.ok && byCashier.error.code).toBe('APPROVER_NOT_SUPERVISOR');
    const closed = await close({ cash: 7_000 }, { note: '少 30 元', approval });
    expect(closed.ok && closed.value).toMatchObject({
      expected: { cash: 10_000 },
      counted: { cash: 7_000 },
      note: '少 30 元',
      approverName: 'supervisor user',
    });
    const report = await core.ok(
      'shifts.report',
      { shiftId: closed.ok ? closed.value.id : 0 },
      cashier,
    );
    const { text } = readPdf(report.base64);
    expect(text).toContain('-¥30.00');
    expect(text).toContain('差额审批主管：supervisor user');
  });

  it('asks a supervisor to approve a cashier’s reversal when the office says so', async () => {
    await core.ok('settings.update', { reversalNeedsApproval: true }, admin);
    const [sale] = await core.ok('sales.list', { accountId }, cashier);
    const alone = await core.call('sales.reverse', { saleId: sale!.id, reason: '输错' }, cashier);
    expect(!alone.ok && alone.error.code).toBe('REVERSAL_APPROVAL_REQUIRED');
    expect((await core.ok('sales.list', { accountId }, cashier))[0]!.status).toBe('committed');
    const reversal = await core.ok(
      'sales.reverse',
      { saleId: sale!.id, reason: '输错', approval },
      cashier,
    );
    const voucher = await core.ok('receipts.print', { receiptNo: reversal.receiptNo }, cashier);
    const { text } = readPdf(voucher.base64);
    expect(text).toContain('冲正凭证');
    expect(text).toMatch(/审批主管\s+supervisor user/);
  });
});
