// The outbox's second way out: an internet SMS gateway (Alibaba Cloud's, through its official SDK)
// against a local stand-in for the service (sim/gateway/fakeAliyunSms.ts), issue 19 and decision
// 0040. A purchase notice goes as its registered template with its values and our id (OutId), and
// the service's receipt marks it delivered; with the service unreachable the messages wait and go
// once it is back; a reply lost after the service took the message is settled from the service's
// own list (sent once, not twice); a request that never reached it goes again after the window;
// typed text (a test message) and wrong numbers fail with a reason. The AccessKey secret is kept
// sealed under the office secret (no byte of it in the ledger file), and the fake checks each
// request's signature with it; a wrong secret, or one that does not open here, keeps every message
// waiting, saying so.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FakeAliyunSms } from '../../sim/gateway/fakeAliyunSms';
import { sealGatewaySecret } from '../../core/messages/gatewayAccount';
import { openLineOffice, openNkAccount, type LineOffice } from './lineOffice';

const METER = '000000000993';
const KEY_ID = 'LTAI5tPowerTillTest';
const KEY_SECRET = 'not-a-real-secret';

describe('messages through the internet SMS gateway', () => {
  let o: LineOffice;
  let fake: FakeAliyunSms;
  let accountId: number;
  const outbox = () => o.core.services.messages.outboxStore.list(null, 50);
  const sendDue = () => o.core.services.messages.sendDue();
  const gatewayInput = (secret: { accessKeySecret?: string }) => ({
    route: 'gateway' as const,
    accessKeyId: KEY_ID,
    ...secret,
    signName: '万达物业',
    endpoint: fake.endpoint,
    templateCodes: { purchase: 'SMS_100001' },
  });
  const sell = (amountFen: number) =>
    o.core.ok('sales.sell', { accountId, amountFen, paymentMethod: 'cash' }, o.cashier);

  beforeAll(async () => {
    fake = new FakeAliyunSms(KEY_ID, KEY_SECRET);
    fake.templates.set(
      'SMS_100001',
      '${name}：您于 ${time} 购电 ${amount} 元（${energy} 度），已充入电表（${meterNo}）。',
    );
    await fake.start();
    o = await openLineOffice([{ address: METER }], { smsReportWindowMs: 60_000 });
    fake.clock = () => o.core.clock.now;
    ({ accountId } = await openNkAccount(o, { name: '赵六面馆', phone: '13812345678' }, METER));
    await o.core.ok(
      'messages.configure',
      { modemPort: null, quietFrom: '00:00', quietTo: '00:00', dailyCap: 20, purchaseNotice: true },
      o.supervisor,
    );
    const gateway = await o.core.ok(
      'messages.configureGateway',
      gatewayInput({ accessKeySecret: KEY_SECRET }),
      o.supervisor,
    );
    expect(gateway).toMatchObject({ route: 'gateway', hasSecret: true, signName: '万达物业' });
    expect(JSON.stringify(gateway)).not.toContain(KEY_SECRET);
  }, 60_000);
  afterAll(async () => {
    await o?.close();
    await fake?.stop();
  });

  it('sends a purchase notice as its template with its values, and takes the receipt', async () => {
    await sell(8_500);
    await sendDue();
    const [sent] = fake.messages;
    expect(sent).toMatchObject({
      phone: '13812345678',
      signName: '万达物业',
      templateCode: 'SMS_100001',
      params: { name: '赵六面馆', amount: '85.00', energy: '100.00', meterNo: METER },
    });
    expect(sent!.content).toMatch(/^【万达物业】赵六面馆：您于 .* 购电 85\.00 元（100\.00 度）/);
    expect(outbox()[0]).toMatchObject({ kind: 'purchase', state: 'sent' });
    fake.receipts(3);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'delivered', lastError: null });
  });

  it('keeps messages while the service cannot be reached, and sends them once it is back', async () => {
    await fake.stop();
    await sell(1_000);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'queued', lastError: 'SMS_GATEWAY_OFFLINE' });
    await fake.start();
    // The retry waits its minute.
    o.core.clock.advance(61_000);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'sent' });
    expect(fake.messages).toHaveLength(2);
  });

  it('settles a reply lost after the service took it from the service’s list: sent once', async () => {
    fake.loseNextReply = true;
    await sell(1_000);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'sending' });
    expect(fake.messages).toHaveLength(3);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'sent' });
    expect(fake.messages).toHaveLength(3);
  });

  it('sends again, once, a request that never reached the service, after the window', async () => {
    fake.dropNextRequest = true;
    await sell(1_000);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'sending' });
    await sendDue();
    // Within the window: still in doubt, nothing sent again.
    expect(outbox()[0]).toMatchObject({ state: 'sending' });
    expect(fake.messages).toHaveLength(3);
    o.core.clock.advance(61_000);
    await sendDue(); // past the window: back in the queue
    await sendDue(); // and sent
    expect(outbox()[0]).toMatchObject({ state: 'sent' });
    expect(fake.messages).toHaveLength(4);
    expect(new Set(fake.messages.map((m) => m.outId)).size).toBe(4);
  });

  it('fails typed text (templates only) and a number the service refuses, saying why', async () => {
    const test = await o.core.call(
      'messages.sendTest',
      { phone: '13812345678', text: '测试' },
      o.supervisor,
    );
    expect(test.ok && test.value).toMatchObject({
      state: 'failed',
      lastError: 'SMS_GATEWAY_NO_TEMPLATE',
    });
    fake.refuseNext = 'isv.MOBILE_NUMBER_ILLEGAL';
    await sell(1_000);
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'failed', lastError: 'SMS_REFUSED' });
  });

  it('keeps the AccessKey secret sealed: not a byte of it in the ledger file', async () => {
    const stored = o.core.services.settings.smsGateway();
    expect(stored?.sealedSecret).toMatch(/^v1:/);
    o.core.services.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs
      .readdirSync(o.core.dataDir)
      .filter((f) => f.startsWith('powertill.sqlite3'))
      .map((f) => fs.readFileSync(path.join(o.core.dataDir, f)));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((bytes) => bytes.includes(Buffer.from(KEY_SECRET)))).toHaveLength(0);
    // The sealed text is found there, so the files were read where the settings are.
    expect(files.some((bytes) => bytes.includes(Buffer.from(stored!.sealedSecret)))).toBe(true);
    // Saved again without a secret, the sealed one is kept (the form leaves it empty).
    await o.core.ok('messages.configureGateway', gatewayInput({}), o.supervisor);
    expect(o.core.services.settings.smsGateway()?.sealedSecret).toBe(stored!.sealedSecret);
  });

  it('holds every message while the service refuses the account, and sends once it is mended', async () => {
    const check = () => o.core.ok('messages.checkGateway', {}, o.supervisor);
    await expect(check()).resolves.toEqual({ error: null });
    await o.core.ok(
      'messages.configureGateway',
      gatewayInput({ accessKeySecret: 'a-mistyped-secret' }),
      o.supervisor,
    );
    // 检查账号 says so at once, as the outbox will.
    await expect(check()).resolves.toEqual({
      error: { code: 'SMS_GATEWAY_ACCOUNT', params: { code: 'SignatureDoesNotMatch' } },
    });
    const before = fake.messages.length;
    await sell(1_000);
    await sell(1_200);
    await sendDue();
    expect(fake.messages).toHaveLength(before);
    expect(outbox().slice(0, 2)).toMatchObject([
      { state: 'queued', lastError: 'SMS_GATEWAY_ACCOUNT' },
      { state: 'queued', lastError: 'SMS_GATEWAY_ACCOUNT' },
    ]);
    await o.core.ok(
      'messages.configureGateway',
      gatewayInput({ accessKeySecret: KEY_SECRET }),
      o.supervisor,
    );
    await fake.stop();
    await expect(check()).resolves.toEqual({ error: { code: 'SMS_GATEWAY_OFFLINE', params: {} } });
    await fake.start();
    o.core.clock.advance(61_000);
    await sendDue();
    expect(outbox().slice(0, 2)).toMatchObject([{ state: 'sent' }, { state: 'sent' }]);
    expect(fake.messages).toHaveLength(before + 2);
  });

  it('keeps messages, saying so, while the secret does not open here (a ledger moved without its office secret)', async () => {
    const settings = o.core.services.settings;
    const kept = settings.smsGateway()!;
    // As sealed under another office's secret.
    settings.setSmsGateway('gateway', {
      ...kept,
      sealedSecret: sealGatewaySecret(randomBytes(32), KEY_SECRET),
    });
    const view = await o.core.ok('messages.gatewaySettings', {}, o.supervisor);
    expect(view).toMatchObject({ route: 'gateway', hasSecret: false });
    await expect(o.core.ok('messages.checkGateway', {}, o.supervisor)).resolves.toEqual({
      error: { code: 'SMS_GATEWAY_NOT_SET', params: {} },
    });
    const before = fake.messages.length;
    await sell(1_000);
    await sendDue();
    expect(fake.messages).toHaveLength(before);
    expect(outbox()[0]).toMatchObject({ state: 'queued', lastError: 'SMS_GATEWAY_NOT_SET' });
    // Typed again, it goes.
    await o.core.ok(
      'messages.configureGateway',
      gatewayInput({ accessKeySecret: KEY_SECRET }),
      o.supervisor,
    );
    await sendDue();
    expect(outbox()[0]).toMatchObject({ state: 'sent' });
    expect(fake.messages).toHaveLength(before + 1);
  });
});
