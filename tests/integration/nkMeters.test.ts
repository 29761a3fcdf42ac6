// Simulated NK meters (DDSY1352-NK, DL/T 645-2007) on one bus behind a TCP serial gateway, reached
// through the arbiter: two meters sharing the bus, typed readings, the standard's error replies,
// writes guarded by the password, relay control, the broadcast time, and faults on the line.
import { BusArbiter } from '../../meter-link/bus/arbiter';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import { dataId, encodeValue } from '../../meter-link/dlt645/dataIds';
import { encodeFrame } from '../../meter-link/dlt645/frame';
import { readingOf, request, type Reply } from '../../meter-link/dlt645/messages';
import { dlt645 } from '../../meter-link/dlt645/transaction';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';

const A = '000000000161';
const B = '000000000162';
const office = { password: '02123456', operator: '00000001' };
const options = { gapMs: 5, responseTimeoutMs: 250, retries: 2, backoffMs: 10, echo: false };

const valueOf = (reply: Reply) =>
  reply.kind === 'data' ? readingOf(reply).value : `${reply.kind}`;

describe('NK meters on a shared bus', () => {
  const meterA = new NkMeter({ address: A, remainingFen: 12_345, purchaseCount: 3, energyE2: 26 });
  const meterB = new NkMeter({ address: B, remainingFen: 500, purchaseCount: 7 });
  const bus = new TcpBus([meterA, meterB]);
  let line: TcpLine;
  let arbiter: BusArbiter;
  const read = (address: string, di: string) => dlt645(arbiter, request.read(address, di));

  beforeAll(async () => {
    line = new TcpLine('127.0.0.1', await bus.listen());
    arbiter = new BusArbiter(line, options);
  });
  afterAll(async () => {
    await line.close();
    await bus.close();
  });

  it('reads each meter on the bus by its address, values typed by their DI', async () => {
    expect(valueOf(await read(A, '00900200'))).toBe(123.45);
    expect(valueOf(await read(B, '00900200'))).toBe(5);
    expect(valueOf(await read(A, '03330201'))).toBe(3);
    expect(valueOf(await read(B, '03330201'))).toBe(7);
    expect(valueOf(await read(A, '00010000'))).toBe(0.26);
    expect(valueOf(await read(A, '02800020'))).toBe(0.85);
  });

  it('answers a DI it does not have (reverse active energy) with the standard’s error reply', async () => {
    expect(await read(A, '00020000')).toMatchObject({
      kind: 'error',
      reasons: ['no-such-data'],
    });
  });

  it('writes a limit only with the right password', async () => {
    const limit = encodeValue(dataId('04001001')!.format, 50);
    const wrong = await dlt645(
      arbiter,
      request.write(A, '04001001', limit, { ...office, password: '02000000' }),
    );
    expect(wrong).toMatchObject({ kind: 'error', reasons: ['password-or-authority'] });
    expect(meterA.state.alarm1Fen).toBe(2_000);
    expect(await dlt645(arbiter, request.write(A, '04001001', limit, office))).toMatchObject({
      kind: 'ack',
    });
    expect(valueOf(await read(A, '04001001'))).toBe(50);
  });

  it('trips and closes the relay; the status word says so', async () => {
    await dlt645(arbiter, request.relay(B, 'trip', '2026-12-31 23:59:59', office));
    expect(meterB.state.relay).toBe('open');
    expect(valueOf(await read(B, '04000503'))).toBe('0010');
    await dlt645(arbiter, request.relay(B, 'allowClose', '2026-12-31 23:59:59', office));
    expect(meterB.state.relay).toBe('closed');
  });

  it('sets every meter’s clock with one broadcast', async () => {
    await arbiter.broadcast(encodeFrame(request.broadcastTime('2026-11-25 10:30:00')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([meterA.state.clock, meterB.state.clock]).toEqual([
      '2026-11-25 10:30:00',
      '2026-11-25 10:30:00',
    ]);
    expect(valueOf(await read(A, '04000102'))).toBe('10:30:00');
  });

  it('gets the right answer through silence, a garbled or wrongly addressed reply, and a dropped gateway', async () => {
    for (const fault of ['silent', 'garbled', 'wrong-address'] as const) {
      meterA.faults = [fault];
      expect(valueOf(await read(A, '00900200'))).toBe(123.45);
    }
    bus.dropConnections();
    expect(valueOf(await read(B, '00900200'))).toBe(5);
    expect(arbiter.stats.retries).toBeGreaterThanOrEqual(3);
  });

  it('a lone meter tells its address to the wildcard', async () => {
    const lone = new TcpBus([new NkMeter({ address: '000000000999' })]);
    const loneLine = new TcpLine('127.0.0.1', await lone.listen());
    try {
      const reply = await dlt645(new BusArbiter(loneLine, options), request.readAddress());
      expect(reply).toEqual({ kind: 'address', address: '000000000999' });
    } finally {
      await loneLine.close();
      await lone.close();
    }
  });
});
