// The SMS outbox through the office's GSM modem (issue 19), over a socat pty pair to the simulated
// modem: a low-credit message queued once however often its event fires, sent, read back by the
// network to the same Chinese text and reported delivered; skipped for a tenant without a mobile,
// one who opted out, or past the day's cap; held through quiet hours; waiting, saying so, while no
// modem is set; waiting while the modem is unplugged; and a part whose +CMGS never came back
// settled by the network's report (not sent twice), or, with no report, sent again once the
// report window is over (not lost).
import { openTestCore, setUpOffice, type TestCore } from '../../core/testing';
import { modemOnPty, waitFor, type ModemOnPty } from './modemOnPty';
import { requireSocat } from './ptys';
import { REPORT_WINDOW_MS } from '../../core/messages/smsSender';
import type { MessageRequest } from '../../core/messages/outbox';

describe('the SMS outbox', () => {
  beforeAll(requireSocat);
  let core: TestCore;
  let modem: ModemOnPty;
  let customerId: number;
  let n = 0;

  const plugIn = () => modem.plugIn();
  const unplug = () => modem.unplug();
  const queue = (request: Partial<MessageRequest> = {}) =>
    core.services.unitOfWork(
      () =>
        core.services.messages.outbox.queue(
          {
            eventKey: `low-credit:${(n += 1)}`,
            kind: 'low-credit',
            customerId,
            phone: '139 1234 5678',
            text: '【万达广场物业】您的电表余额不足 10 元，请及时购电。',
            ...request,
          },
          core.clock.now,
        ),
      () => undefined,
    );
  const sendDue = () => core.services.messages.smsSender.sendDue();
  const state = (id: number) => core.services.messages.outboxStore.byId(id)!;

  beforeAll(async () => {
    core = await openTestCore({ modemOptions: { commandTimeoutMs: 2_000, sendTimeoutMs: 4_000 } });
    const admin = (await setUpOffice(core)).sessionId;
    customerId = (
      await core.ok('customers.create', { name: '张三便利店', phone: '13912345678' }, admin)
    ).id;
    modem = await modemOnPty(() => core.clock.now);
    core.services.settings.setSmsModem(modem.office);
    // 10:00 in the office: outside the quiet hours (21:00–08:00).
    core.clock.now = new Date('2026-12-07T02:00:00Z');
  }, 30_000);
  afterAll(async () => {
    await core.dispose();
    await unplug();
  });

  it('sends a message once however often its event fires, and hears it delivered', async () => {
    const first = queue({ eventKey: 'low-credit:alarm-7' });
    const again = queue({ eventKey: 'low-credit:alarm-7', text: '再次' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ state: 'queued', phone: '+8613912345678', parts: 1 });
    await expect(sendDue()).resolves.toEqual({ sent: 1, waiting: 0 });
    expect(modem.sim.messages.map((m) => [m.to, m.text])).toEqual([
      ['+8613912345678', '【万达广场物业】您的电表余额不足 10 元，请及时购电。'],
    ]);
    await waitFor(() => state(first.id).state === 'delivered');
    await expect(sendDue()).resolves.toEqual({ sent: 0, waiting: 0 });
    expect(modem.sim.partsTaken).toHaveLength(1);
  }, 30_000);

  it('skips a tenant with no mobile, one who opted out, and one past the day’s cap, saying why', () => {
    expect(queue({ phone: '0571-88886666' })).toMatchObject({
      state: 'skipped',
      lastError: 'SMS_NO_MOBILE',
    });
    core.services.messages.outboxStore.optOut(customerId, core.clock.now.toISOString(), null);
    expect(queue()).toMatchObject({ state: 'skipped', lastError: 'SMS_OPTED_OUT' });
    core.services.messages.outboxStore.optIn(customerId);
    // One went today already; the cap is 3.
    expect(queue().state).toBe('queued');
    expect(queue().state).toBe('queued');
    expect(queue()).toMatchObject({ state: 'skipped', lastError: 'SMS_DAILY_CAP' });
    // A test message from settings is not counted.
    expect(queue({ kind: 'test', customerId: null }).state).toBe('queued');
  });

  it('holds a message through the quiet hours and sends it when they end', async () => {
    await sendDue();
    const sentBefore = modem.sim.messages.length;
    core.clock.now = new Date('2026-12-07T14:30:00Z'); // 22:30 in the office, the next day's count
    const night = queue({ customerId: null });
    expect(night).toMatchObject({
      state: 'queued',
      notBefore: '2026-12-08T00:00:00.000Z', // 08:00 in the office
      lastError: 'SMS_QUIET_HOURS',
    });
    await expect(sendDue()).resolves.toEqual({ sent: 0, waiting: 0 });
    expect(modem.sim.messages).toHaveLength(sentBefore);
    core.clock.now = new Date('2026-12-08T00:00:00Z');
    await expect(sendDue()).resolves.toEqual({ sent: 1, waiting: 0 });
    expect(state(night.id).state).toBe('sent');
  }, 30_000);

  it('hands nothing to a modem that does not answer', async () => {
    const message = queue({ customerId: null, text: '测试：短信猫无应答' });
    modem.sim.silent = true;
    await expect(sendDue()).resolves.toEqual({ sent: 0, waiting: 1 });
    expect(state(message.id)).toMatchObject({ state: 'queued', attempts: 0 });
    modem.sim.silent = false;
    await expect(sendDue()).resolves.toEqual({ sent: 1, waiting: 0 });
  }, 30_000);

  it('keeps a message while no modem is set, saying so, and sends it once one is', async () => {
    core.services.settings.setSmsModem(null);
    const waiting = queue({ customerId: null });
    await expect(sendDue()).resolves.toEqual({ sent: 0, waiting: 1 });
    expect(state(waiting.id)).toMatchObject({ state: 'queued', lastError: 'SMS_MODEM_NOT_SET' });
    core.services.settings.setSmsModem(modem.office);
    await expect(sendDue()).resolves.toEqual({ sent: 1, waiting: 0 });
    expect(state(waiting.id)).toMatchObject({ state: 'sent', lastError: null });
  }, 30_000);

  it('waits while the modem is unplugged, and sends once it is back', async () => {
    await unplug();
    const waiting = queue({ customerId: null });
    await expect(sendDue()).resolves.toEqual({ sent: 0, waiting: 1 });
    expect(state(waiting.id).state).toBe('queued');
    await plugIn();
    await expect(sendDue()).resolves.toEqual({ sent: 1, waiting: 0 });
    expect(modem.sim.messages.map((m) => m.text)).toEqual([waiting.text]);
  }, 30_000);

  it('lets the network’s report settle a part whose answer was lost, sending nothing twice', async () => {
    core.clock.now = new Date(core.clock.now.getTime() + 5 * 60_000);
    const long = queue({ customerId: null, text: '尊敬的用户，您的电表余额不足。'.repeat(10) });
    expect(long.parts).toBe(3);
    const before = modem.sim.partsTaken.length;
    modem.sim.swallowReplies = 1; // part 1 is taken, its +CMGS lost
    await sendDue();
    expect(modem.sim.partsTaken.length - before).toBe(1);
    // The report names the phone: that part was taken, and the message goes on from part 2.
    await waitFor(() => state(long.id).state === 'queued');
    await sendDue();
    await waitFor(() => state(long.id).state === 'delivered');
    expect(modem.sim.messages.map((m) => m.text)).toContain(long.text);
    expect(modem.sim.partsTaken.length - before).toBe(3);
  }, 30_000);

  it('sends again a part the network never took, once the report window is over', async () => {
    const message = queue({ customerId: null, text: '测试：未送达的重发' });
    const before = modem.sim.partsTaken.length;
    modem.sim.hangOnSend = 1; // it answers AT, then hangs on AT+CMGS: was the part taken?
    await sendDue();
    expect(state(message.id).state).toBe('sending');
    // Inside the window nothing goes; after it, the part goes again, once.
    await sendDue();
    expect(modem.sim.partsTaken.length - before).toBe(0);
    core.clock.now = new Date(core.clock.now.getTime() + REPORT_WINDOW_MS);
    await sendDue();
    await waitFor(() => state(message.id).state === 'delivered');
    expect(modem.sim.partsTaken.slice(before).map((p) => p.text)).toEqual(['测试：未送达的重发']);
  }, 30_000);
});
