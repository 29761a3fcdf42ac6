// A low-credit alarm tells the tenant (issue 19): an NK meter read over the line (TCP gateway)
// with less credit than the office's threshold raises the alarm and queues the low-credit message
// in the same transaction; the outbox sends it through the GSM modem (a socat pty to the simulated
// modem), which reads the same Chinese text back, and the network reports it delivered. More
// readings below the threshold send nothing more until the tenant buys again; credit gone sends
// the power-cut warning once.
import type { BatchView } from '../../shared/api/meterLink';
import { openLineOffice, openNkAccount, type LineOffice } from './lineOffice';
import { modemOnPty, waitFor, type ModemOnPty } from './modemOnPty';
import { requireSocat } from './ptys';

const METER = '000000000771';
describe('a low-credit alarm told by SMS', () => {
  beforeAll(requireSocat);
  let o: LineOffice;
  let modem: ModemOnPty;
  let accountId: number;

  const readAll = async () => {
    const started: BatchView = await o.core.ok(
      'batch.start',
      { operation: 'read', selection: {} },
      o.supervisor,
    );
    await o.core.services.batches.settle();
    return started;
  };
  const messages = () => o.core.services.messages.outboxStore.list(null, 50);

  beforeAll(async () => {
    o = await openLineOffice([{ address: METER }]);
    modem = await modemOnPty(() => o.core.clock.now);
    o.core.services.settings.setSmsModem(modem.office);
    // The test clock stands at 10:00 in the office: outside the quiet hours.
    await o.core.ok(
      'meterLink.configure',
      { pollIntervalMinutes: 0, lowCreditFen: 2_000 },
      o.supervisor,
    );
    ({ accountId } = await openNkAccount(o, { name: '张三便利店', phone: '139-1234-5678' }, METER));
    await o.core.ok(
      'sales.sell',
      { accountId, amountFen: 5_000, paymentMethod: 'cash' },
      o.cashier,
    );
  }, 60_000);
  afterAll(async () => {
    await o.close();
    await modem.unplug();
  });

  it('queues the message with the alarm, sends it, and hears it delivered', async () => {
    await readAll();
    expect(messages()).toEqual([]);
    o.meters[0]!.state.remainingFen = 1_550;
    await readAll();
    const [queued, ...more] = messages();
    expect(more).toEqual([]);
    expect(queued).toMatchObject({
      kind: 'low-credit',
      state: 'queued',
      phone: '+8613912345678',
      text: '【万达广场物业服务中心】张三便利店：您的电表（000000000771）余额 15.50 元，已不足，请及时购电，以免断电。',
    });
    await o.core.services.messages.smsSender.sendDue();
    expect(modem.sim.messages.map((m) => [m.to, m.text])).toEqual([
      ['+8613912345678', queued!.text],
    ]);
    await waitFor(() => messages()[0]!.state === 'delivered');
  }, 60_000);

  it('says nothing more while credit stays low; after a purchase, low again, it tells once more', async () => {
    o.meters[0]!.state.remainingFen = 1_200;
    await readAll();
    o.meters[0]!.state.remainingFen = 2_500; // the reading wavers above the threshold and back
    await readAll();
    o.meters[0]!.state.remainingFen = 1_100;
    await readAll();
    expect(messages()).toHaveLength(1);
    await o.core.ok(
      'sales.sell',
      { accountId, amountFen: 1_000, paymentMethod: 'cash' },
      o.cashier,
    );
    o.meters[0]!.state.remainingFen = 900;
    await readAll();
    expect(messages().map((m) => m.kind)).toEqual(['low-credit', 'low-credit']);
    // Gone: the power-cut warning, once.
    o.meters[0]!.state.remainingFen = 0;
    await readAll();
    await readAll();
    expect(messages().map((m) => m.kind)).toEqual(['credit-out', 'low-credit', 'low-credit']);
    expect(messages()[0]!.text).toContain('即将断电');
  }, 60_000);
});
