// The office's GSM modem over a real serial byte stream (a socat pty pair) to the simulated modem:
// its SIM, network and signal; a 150-character Chinese reminder sent as three concatenated UCS2
// parts that the simulated network reads back to the same text, each part's delivery report
// coming back as +CDS; a missing SIM, no network and a refused send each a coded failure; a hung
// modem a timeout; the modem unplugged and plugged back at the same path, and used again; a run
// that died mid-send leaves the modem's answer on the line, and the next run's answers are still
// its own; so does a command given up on, whose answer comes while the next one waits.
import { AtError } from '../../tenant-link/modem/atChannel';
import { GsmModem, signalBars } from '../../tenant-link/modem/gsmModem';
import type { StatusReport } from '../../tenant-link/sms/pdu';
import { modemOnPty, waitFor, type ModemOnPty } from './modemOnPty';
import { requireSocat } from './ptys';

const TENANT = '+8613912345678';
const REMINDER =
  '【万达广场物业】尊敬的用户：您的电表（表号000000000501）余额已不足10元，为免断电影响经营，请尽快到物业服务中心购电，或使用远程充值。营业时间每日8:30至17:30。如已购电请忽略本短信。咨询电话：0571-88886666，感谢您的配合与支持！物业服务中心敬上。祝您生意兴隆，万事如意';

describe('the GSM modem on a serial port', () => {
  beforeAll(requireSocat);
  let line: ModemOnPty;
  let modem: GsmModem;
  const sim = () => line.sim;
  /** The reference of every part the network took with this text, in order (twice if twice). */
  const takenReferences = (text: string) =>
    sim()
      .partsTaken.filter((p) => p.text === text)
      .map((p) => p.reference);

  beforeAll(async () => {
    line = await modemOnPty();
    // Send timeout with room for a busy CI machine (3 s once ran out on a 3-part send).
    modem = new GsmModem(line.office, { commandTimeoutMs: 1_000, sendTimeoutMs: 10_000 });
  }, 30_000);
  afterAll(async () => {
    await modem.close();
    await line.unplug();
  });

  it('says its SIM, network, signal and operator', async () => {
    await expect(modem.status()).resolves.toEqual({
      sim: 'ready',
      network: 'home',
      rssi: 22,
      operator: 'CHINA MOBILE',
    });
    expect([signalBars(22), signalBars(9), signalBars(null)]).toEqual([5, 2, 0]);
  }, 30_000);

  it('sends 150 Chinese characters as three parts the network puts together, each reported delivered', async () => {
    expect(REMINDER.length).toBe(150);
    const reports: StatusReport[] = [];
    const stop = modem.onReport((r) => reports.push(r));
    const references = await modem.send(TENANT, REMINDER, {
      statusReport: true,
      concatReference: 7,
    });
    expect(references).toHaveLength(3);
    expect(sim().messages).toEqual([
      { to: TENANT, text: REMINDER, encoding: 'ucs2', references, parts: 3 },
    ]);
    await waitFor(() => reports.length === 3);
    stop();
    expect(reports.map((r) => [r.reference, r.recipient, r.state])).toEqual(
      references.map((ref) => [ref, TENANT, 'delivered']),
    );
  }, 30_000);

  it('says what is wrong: no SIM, no network, a refused send, a hung modem', async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => (error instanceof AtError ? error.failure : error),
      );
    sim().state.sim = 'missing';
    await expect(modem.status()).resolves.toMatchObject({ sim: 'missing', network: 'none' });
    await expect(
      failure(modem.send(TENANT, '测试', { statusReport: false, concatReference: 1 })),
    ).resolves.toEqual({ kind: 'cms', code: 310 });
    sim().state.sim = 'ready';
    sim().state.network = 2;
    await expect(modem.status()).resolves.toMatchObject({ network: 'searching', operator: null });
    await expect(
      failure(modem.send(TENANT, '测试', { statusReport: false, concatReference: 1 })),
    ).resolves.toEqual({ kind: 'cms', code: 331 });
    sim().state.network = 1;
    sim().cmsErrors = [500];
    await expect(
      failure(modem.send(TENANT, '测试', { statusReport: false, concatReference: 1 })),
    ).resolves.toEqual({ kind: 'cms', code: 500 });
    sim().silent = true;
    await expect(failure(modem.status())).resolves.toEqual({ kind: 'timeout' });
    sim().silent = false;
    // The modem answers again; nothing was half-sent meanwhile.
    await expect(modem.status()).resolves.toMatchObject({ sim: 'ready', network: 'home' });
    expect(sim().messages).toHaveLength(1);
  }, 30_000);

  it('fails plainly while unplugged, and works again once plugged back at the same path', async () => {
    await line.unplug();
    const unplugged = await modem
      .send(TENANT, '测试', { statusReport: false, concatReference: 1 })
      .then(
        () => null,
        (error: unknown) => (error as AtError).failure.kind,
      );
    expect(unplugged).toBe('unplugged');
    await line.plugIn();
    await expect(
      modem.send(TENANT, '已恢复', { statusReport: false, concatReference: 2 }),
    ).resolves.toHaveLength(1);
    expect(sim().messages.map((m) => m.text)).toEqual(['已恢复']);
  }, 30_000);

  it("takes no answer of a run that died mid-send for its own: the next run's status, parts and reports are right", async () => {
    // The network takes its time; the run gives up the port (its process killed) before +CMGS,
    // which then waits on the line for whoever opens it next. (A port is opened by one at a time.)
    await modem.close();
    sim().sendDelayMs = 300;
    const dying = new GsmModem(line.office, { commandTimeoutMs: 1_000, sendTimeoutMs: 10_000 });
    const cut = dying.send(TENANT, '断电前', { statusReport: true, concatReference: 3 });
    await waitFor(() => sim().partsTaken.some((p) => p.text === '断电前'));
    await dying.close();
    await expect(cut).rejects.toThrow(AtError);
    await new Promise((r) => setTimeout(r, 600));
    sim().sendDelayMs = 0;

    const next = new GsmModem(line.office, { commandTimeoutMs: 1_000, sendTimeoutMs: 10_000 });
    try {
      const reports: StatusReport[] = [];
      next.onReport((r) => reports.push(r));
      await expect(next.status()).resolves.toMatchObject({
        sim: 'ready',
        network: 'home',
        rssi: 22,
      });
      const references = await next.send(TENANT, '重新开机后', {
        statusReport: true,
        concatReference: 4,
      });
      expect(references).toEqual(takenReferences('重新开机后'));
      await waitFor(() => reports.some((r) => r.reference === references[0]));
    } finally {
      await next.close();
    }
  }, 30_000);

  it('takes no late answer to a command it gave up on for the next command’s', async () => {
    const quick = new GsmModem(line.office, { commandTimeoutMs: 300, sendTimeoutMs: 10_000 });
    await modem.close();
    try {
      await expect(quick.status()).resolves.toMatchObject({ sim: 'ready' });
      // AT+CPIN? answered 100 ms after the office gave up on it: while the AT+CMGS sent at once
      // after it still waits for the network (which takes 200 ms).
      sim().lateAnswers = 1;
      sim().lateAnswerMs = 400;
      sim().sendDelayMs = 200;
      await expect(quick.status()).rejects.toMatchObject({ failure: { kind: 'timeout' } });
      const references = await quick.send(TENANT, '迟到的回答', {
        statusReport: false,
        concatReference: 5,
      });
      expect(references).toEqual(takenReferences('迟到的回答'));
      expect(sim().happened.late).toBe(1);
      await expect(quick.status()).resolves.toMatchObject({
        sim: 'ready',
        network: 'home',
        rssi: 22,
      });
    } finally {
      sim().sendDelayMs = 0;
      await quick.close();
    }
  }, 30_000);
});
