// What else the tenant is told (issue 19): 购电成功 after each purchase when the office asks for it
// (queued in the write that commits the sale, one per sale), and 销户 with the refund paid back.
// An NK meter on the TCP gateway; the outbox is read, not sent (the modem's own tests send).
import { openLineOffice, openNkAccount, type LineOffice } from './lineOffice';
import { readPdf } from './pdf';

const METER = '000000000991';

describe('purchase and closing notices', () => {
  let o: LineOffice;
  let accountId: number;
  let customerId: number;
  const outbox = () => o.core.services.messages.outboxStore.list(null, 50);
  const configure = (purchaseNotice: boolean) =>
    o.core.ok(
      'messages.configure',
      { modemPort: null, quietFrom: '21:00', quietTo: '08:00', dailyCap: 5, purchaseNotice },
      o.supervisor,
    );

  beforeAll(async () => {
    o = await openLineOffice([{ address: METER }]);
    ({ accountId, customerId } = await openNkAccount(
      o,
      { name: '王五茶铺', phone: '13912345678' },
      METER,
    ));
  }, 60_000);
  afterAll(() => o?.close());

  it('tells nothing of a purchase unless the office asks', async () => {
    expect((await o.core.ok('messages.settings', {}, o.supervisor)).purchaseNotice).toBe(false);
    await o.core.ok(
      'sales.sell',
      { accountId, amountFen: 5_000, paymentMethod: 'cash' },
      o.cashier,
    );
    expect(outbox()).toEqual([]);
  });

  it('tells each purchase once, with its amount, energy and time, once asked', async () => {
    await configure(true);
    const sale = await o.core.ok(
      'sales.sell',
      { accountId, amountFen: 8_500, paymentMethod: 'wechat' },
      o.cashier,
    );
    const [told, ...more] = outbox();
    expect(more).toEqual([]);
    expect(told).toMatchObject({ kind: 'purchase', phone: '+8613912345678', state: 'queued' });
    // 85.00 yuan at 0.85 yuan/kWh is 100.00 kWh; the test clock's office time is 10:00.
    expect(told!.text).toBe(
      `【万达广场物业服务中心】王五茶铺：您于 ${sale.createdAt.slice(0, 10)} 10:00 购电 85.00 元（100.00 度），已充入电表（${METER}）。`,
    );
    await o.core.ok(
      'sales.sell',
      { accountId, amountFen: 1_000, paymentMethod: 'cash' },
      o.cashier,
    );
    expect(outbox().filter((m) => m.kind === 'purchase')).toHaveLength(2);

    // The tenant asks at the counter not to be texted: the next purchase is kept, not sent.
    const state = () => o.core.ok('messages.optOutState', { customerId }, o.cashier);
    expect(await state()).toEqual({ customerId, optedOut: false });
    await o.core.ok('messages.optOut', { customerId, optedOut: true }, o.supervisor);
    expect(await state()).toEqual({ customerId, optedOut: true });
    await o.core.ok(
      'sales.sell',
      { accountId, amountFen: 1_000, paymentMethod: 'cash' },
      o.cashier,
    );
    expect(outbox()[0]).toMatchObject({
      kind: 'purchase',
      state: 'skipped',
      lastError: 'SMS_OPTED_OUT',
    });
    await o.core.ok('messages.optOut', { customerId, optedOut: false }, o.supervisor);
  });

  it('tells the tenant the account is closed, with the refund the meter gave back', async () => {
    await configure(false);
    await o.core.ok('accounts.close', { accountId, reason: '退租', finalReading: 0 }, o.supervisor);
    const closed = outbox().find((m) => m.kind === 'account-closed');
    // 50 + 85 + 10 + 10 yuan bought, nothing used on the simulated meter: 155.00 back.
    expect(closed?.text).toMatch(/已销户，退款 155\.00 元/);
  });

  it('prints the outbox with each message kind and state', async () => {
    const file = await o.core.ok('messages.reportFile', {}, o.supervisor);
    expect(file.fileName).toMatch(/^sms-outbox-\d{4}-\d{2}-\d{2}\.pdf$/);
    const { text } = readPdf(file.base64);
    expect(text).toContain('短信发件箱');
    expect(text).toContain('购电成功');
    expect(text).toContain('销户');
    expect(text).toContain('待发');
    expect(text).toContain('+8613912345678');
    const failedOnly = readPdf(
      (await o.core.ok('messages.reportFile', { state: 'failed' }, o.supervisor)).base64,
    );
    expect(failedOnly.text).toContain('没有短信。');
  });
});
