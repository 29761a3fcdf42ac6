// The bus arbiter on a real serial line: a socat pty pair, PowerTill's SerialLine on one end and
// simulated NK meters on the other. Two meters share the line (and a Modbus one beside them); every
// fault the meters can inject is got through or reported; an echoing adapter's echo is taken off;
// when the line vanishes (socat killed: the adapter unplugged) a read fails plainly, and once a new
// line is there it works again.
import { BusArbiter } from '../../meter-link/bus/arbiter';
import { SerialLine } from '../../meter-link/bus/serialLine';
import { readingOf, request, type Reply } from '../../meter-link/dlt645/messages';
import { dlt645 } from '../../meter-link/dlt645/transaction';
import { MeterClient } from '../../meter-link/devices/meterClient';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { PtyBus } from '../../sim/rs485/ptyBus';
import { ptyPair, socatMissing, type PtyPair } from './ptys';

const options = { gapMs: 5, responseTimeoutMs: 300, retries: 1, backoffMs: 10, echo: false };
const valueOf = (reply: Reply) => (reply.kind === 'data' ? readingOf(reply).value : reply.kind);

const missing = socatMissing();
(missing ? describe.skip : describe)(
  `meters on a serial line${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    const a = new NkMeter({ address: '000000000161', remainingFen: 8_800, purchaseCount: 2 });
    const b = new NkMeter({ address: '000000000162', remainingFen: 100, purchaseCount: 9 });
    let pair: PtyPair;
    let meters: PtyBus;
    let line: SerialLine;

    beforeAll(async () => {
      pair = await ptyPair();
      meters = new PtyBus(pair.meters, [a, b]);
      await meters.open();
      line = new SerialLine(pair.office);
    });
    afterAll(async () => {
      await line.close();
      await meters.close();
      await pair.close();
    });

    it('reads two meters sharing the line, and retries a garbled reply', async () => {
      const bus = new BusArbiter(line, options);
      expect(valueOf(await dlt645(bus, request.read(a.state.address, '00900200')))).toBe(88);
      expect(valueOf(await dlt645(bus, request.read(b.state.address, '03330201')))).toBe(9);
      a.faults = ['garbled'];
      expect(valueOf(await dlt645(bus, request.read(a.state.address, '03330201')))).toBe(2);
      expect(bus.stats).toMatchObject({ replied: 3, retries: 1 });
    });

    it('gets through each fault a meter can show, or says the meter is silent', async () => {
      const bus = new BusArbiter(line, { ...options, retries: 1 });
      for (const fault of ['silent', 'garbled', 'slow', 'wrong-address'] as const) {
        a.faults = [fault];
        expect([
          fault,
          valueOf(await dlt645(bus, request.read(a.state.address, '00900200'))),
        ]).toEqual([fault, 88]);
      }
      a.faults = ['silent', 'silent'];
      await expect(dlt645(bus, request.read(a.state.address, '00900200'))).rejects.toMatchObject({
        code: 'BUS_TIMEOUT',
      });
    });

    it('reads a Modbus meter on the same line, by its own protocol', async () => {
      meters.meters.push(
        new NkMeter({ address: '000000000163', protocol: 'modbus', unit: 9, remainingFen: 4_400 }),
      );
      const client = new MeterClient(new BusArbiter(line, options));
      const modbus = {
        model: 'DDSY1352-NK',
        protocol: 'modbus',
        address: '000000000163',
        unit: 9,
      } as const;
      expect((await client.read(modbus, 'readRemainingMoney')).value).toBe(44);
      expect(
        (
          await client.read(
            { ...modbus, protocol: 'dlt645', address: a.state.address, unit: null },
            'readRemainingMoney',
          )
        ).value,
      ).toBe(88);
      meters.meters.pop();
    });

    it('says so when the adapter is unplugged, and works on the new line', async () => {
      const bus = new BusArbiter(line, options);
      await meters.close();
      await pair.close();
      await expect(dlt645(bus, request.read(a.state.address, '00900200'))).rejects.toMatchObject({
        code: expect.stringMatching(/^BUS_(TIMEOUT|LINE)$/),
      });
      // Plugged in again: a new pty pair (a new device path, as a re-enumerated USB adapter may get).
      pair = await ptyPair();
      meters = new PtyBus(pair.meters, [a, b]);
      await meters.open();
      await line.close();
      line = new SerialLine(pair.office);
      const again = new BusArbiter(line, options);
      expect(valueOf(await dlt645(again, request.read(b.state.address, '00900200')))).toBe(1);
    });

    it('takes off the echo of an adapter that sends back what it hears', async () => {
      const echoPair = await ptyPair();
      const echoing = new PtyBus(echoPair.meters, [a], true);
      await echoing.open();
      const echoLine = new SerialLine(echoPair.office);
      try {
        const honest = new BusArbiter(echoLine, { ...options, echo: true });
        expect(valueOf(await dlt645(honest, request.read(a.state.address, '03330201')))).toBe(2);
        expect(honest.stats).toMatchObject({ replied: 1, rejected: 0 });
      } finally {
        await echoLine.close();
        await echoing.close();
        await echoPair.close();
      }
    });
  },
);
