// The bus arbiter over a real TCP serial gateway on 127.0.0.1, with a DL/T 645 meter answering on
// the far side the way a line misbehaves: silence, a garbled frame, a slow reply, an adapter
// echo, another meter answering, a dropped connection. Transactions never overlap, and every
// fault ends in the right reply or a clear BUS_TIMEOUT.
import net from 'node:net';
import { BusArbiter, BusError } from '../../meter-link/bus/arbiter';
import { TcpLine } from '../../meter-link/bus/tcpLine';
import { encodeFrame, FrameReader, type Dlt645Frame } from '../../meter-link/dlt645/frame';
import { readingOf, request, type Reply } from '../../meter-link/dlt645/messages';
import { dlt645 } from '../../meter-link/dlt645/transaction';

const METER = '000000000161';
const OTHER = '000000000162';

type Fault = 'silent' | 'garbled' | 'slow' | 'echo' | 'other-meter' | 'drop';

/** A meter behind a gateway: answers reads of forward energy with `kwh`, or misbehaves once. */
class GatewayMeter {
  readonly server: net.Server;
  faults: Fault[] = [];
  requests: Dlt645Frame[] = [];
  /** Requests in flight at once (must never exceed 1 on a half-duplex bus). */
  maxInFlight = 0;
  private inFlight = 0;
  kwh = 26; // 0.26 kWh in 0.01 units

  constructor() {
    this.server = net.createServer((socket) => {
      const reader = new FrameReader();
      socket.on('data', (bytes) => {
        for (const frame of reader.push(bytes)) this.answer(socket, frame, bytes);
      });
      socket.on('error', () => undefined);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve((this.server.address() as net.AddressInfo).port),
      ),
    );
  }

  private answer(socket: net.Socket, frame: Dlt645Frame, raw: Buffer) {
    this.requests.push(frame);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const fault = this.faults.shift();
    const value = Buffer.alloc(4);
    value.writeUInt32LE(Number.parseInt(String(this.kwh).padStart(8, '0'), 16));
    const reply = encodeFrame({
      address: fault === 'other-meter' ? OTHER : METER,
      control: 0x91,
      data: Buffer.concat([frame.data.subarray(0, 4), value]),
    });
    const send = (bytes: Buffer, delay = 5) =>
      setTimeout(() => {
        this.inFlight -= 1;
        if (!socket.destroyed) socket.write(bytes);
      }, delay);
    switch (fault) {
      case 'silent':
        this.inFlight -= 1;
        return;
      case 'drop':
        this.inFlight -= 1;
        socket.destroy();
        return;
      case 'garbled': {
        const bad = Buffer.from(reply);
        bad[bad.length - 3] = bad[bad.length - 3]! ^ 0x10;
        send(bad);
        return;
      }
      case 'slow':
        send(reply, 400);
        return;
      case 'echo':
        send(Buffer.concat([raw, reply]));
        return;
      default:
        send(reply);
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const valueOf = (reply: Reply) =>
  reply.kind === 'data' ? readingOf(reply).value : `not data: ${reply.kind}`;

describe('the bus arbiter on a TCP serial gateway', () => {
  const meter = new GatewayMeter();
  let line: TcpLine;
  const options = { gapMs: 5, responseTimeoutMs: 200, retries: 2, backoffMs: 10, echo: false };
  const read = (bus: BusArbiter, signal?: AbortSignal) =>
    dlt645(bus, request.read(METER, '00010000'), signal);

  beforeAll(async () => {
    line = new TcpLine('127.0.0.1', await meter.listen());
  });
  afterAll(async () => {
    await line.close();
    await meter.close();
  });

  it('reads a meter, and never puts two requests on the line at once', async () => {
    const bus = new BusArbiter(line, options);
    const values = await Promise.all([read(bus), read(bus), read(bus), read(bus)]);
    expect(values.map(valueOf)).toEqual([0.26, 0.26, 0.26, 0.26]);
    expect(meter.maxInFlight).toBe(1);
    expect(bus.stats).toMatchObject({ sent: 4, replied: 4, timeouts: 0 });
  });

  it('tries again after silence, a garbled frame, or a reply too slow', async () => {
    for (const fault of ['silent', 'garbled', 'slow'] as const) {
      const bus = new BusArbiter(line, options);
      meter.faults = [fault];
      expect(valueOf(await read(bus))).toBe(0.26);
      expect(bus.stats.retries).toBe(1);
    }
    // The slow meter answers its retried request too, late: let that pass before the next test
    // (DL/T 645 has no transaction number, so a late reply to the same read is indistinguishable).
    await new Promise((resolve) => setTimeout(resolve, 600));
  });

  it('gives up with BUS_TIMEOUT when the meter stays silent', async () => {
    const bus = new BusArbiter(line, options);
    meter.faults = ['silent', 'silent', 'silent'];
    await expect(read(bus)).rejects.toMatchObject({ code: 'BUS_TIMEOUT' });
    expect(bus.stats).toMatchObject({ sent: 3, timeouts: 3, retries: 2 });
  });

  it('takes off an echoing adapter’s echo, and ignores another meter’s answer', async () => {
    const echoing = new BusArbiter(line, { ...options, echo: true });
    meter.faults = ['echo'];
    expect(valueOf(await read(echoing))).toBe(0.26);
    expect(echoing.stats.retries).toBe(0);

    const bus = new BusArbiter(line, options);
    meter.faults = ['other-meter'];
    expect(valueOf(await read(bus))).toBe(0.26);
    expect(bus.stats.retries).toBe(1);
  });

  it('connects again after the gateway dropped the connection', async () => {
    const bus = new BusArbiter(line, options);
    const before = line.connects;
    meter.faults = ['drop'];
    expect(valueOf(await read(bus))).toBe(0.26);
    expect(line.connects).toBe(before + 1);
  });

  it('a cancelled transaction never reaches the line', async () => {
    const bus = new BusArbiter(line, options);
    meter.faults = ['slow'];
    const sentBefore = meter.requests.length;
    const first = read(bus);
    const controller = new AbortController();
    const second = read(bus, controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(BusError);
    await first;
    // The slow read and its retry reached the meter; the cancelled one never did.
    expect(meter.requests.length).toBe(sentBefore + 2);
  });
});
