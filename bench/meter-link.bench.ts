// The RS485 side's speed. The codecs' throughput: DL/T 645-2007 read requests encoded and their
// replies decoded (scanned out of a line buffer with the preamble), and Modbus-RTU the same, frames
// per second. Polling: 64 simulated NK meters behind a gateway that keeps 9600-baud wire time, each
// read as a poll reads it (five DIs), the time taken against the ideal: every byte's wire time at
// 9600 8E1 plus, per transaction, the two silences of 3.5 characters the line needs between frames.
import { defaultGapMs } from '../shared/lineTiming';
import { encodeFrame, scanFrames } from '../meter-link/dlt645/frame';
import { parseReply, readingOf, request } from '../meter-link/dlt645/messages';
import { crc16Modbus, encodeRequest, modbusRequest, scanReply } from '../meter-link/modbus/rtu';
import { BusArbiter, type ArbiterOptions } from '../meter-link/bus/arbiter';
import { TcpLine } from '../meter-link/bus/tcpLine';
import { MeterClient } from '../meter-link/devices/meterClient';
import { NkMeter } from '../sim/rs485/nkMeter';
import { TcpBus, wireMs } from '../sim/rs485/tcpBus';
import { round, writeResult } from './lib';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 200_000);

function dlt645Cycle(i: number): number {
  const address = String(100_000_000_000 + (i % 1_000)).slice(-12);
  const out = encodeFrame(request.read(address, '00900200'));
  // The meter's reply to it: the DI and 4 bytes of money, +0x33 on the wire.
  const reply = encodeFrame({
    address,
    control: 0x91,
    data: Buffer.from([0x00, 0x02, 0x90, 0x00, i % 10, 0x23, 0x01, 0x00]),
  });
  const [frame] = scanFrames(reply).frames;
  const parsed = parseReply(frame!);
  if (parsed.kind !== 'data') throw new Error('not a data reply');
  return out.length + Number(readingOf(parsed).value !== null);
}

function modbusCycle(i: number): number {
  const req = modbusRequest.read(1 + (i % 200), 3, 0, 4);
  const out = encodeRequest(req);
  const body = Buffer.from([req.unit, 3, 8, 0, 1, 0, 2, 0, 3, 0, i & 0xff]);
  const crc = crc16Modbus(body);
  const scan = scanReply(req, Buffer.concat([body, Buffer.from([crc & 0xff, crc >> 8])]));
  if (!scan.reply) throw new Error('no reply');
  return out.length;
}

function rate(cycle: (i: number) => number): number {
  for (let i = 0; i < 10_000; i += 1) cycle(i); // warm up
  const start = performance.now();
  for (let i = 0; i < FRAMES; i += 1) cycle(i);
  const seconds = (performance.now() - start) / 1_000;
  // Each cycle encodes one frame and decodes one.
  return (FRAMES * 2) / seconds;
}

const BAUD = 9_600;
const METERS = 64;
const SILENCE_MS = wireMs(3.5, BAUD);

/** One round of polling 64 meters; the achieved time over the ideal wire time. */
async function pollRound(gapMs: number): Promise<{ ratio: number; ms: number; idealMs: number }> {
  const meters = Array.from(
    { length: METERS },
    (_, i) => new NkMeter({ address: String(200_000 + i).padStart(12, '0'), energyE2: i * 1_000 }),
  );
  const bus = new TcpBus(meters, { baud: BAUD, turnaroundMs: SILENCE_MS });
  const port = await bus.listen();
  const line = new TcpLine('127.0.0.1', port);
  // Count the bytes each way, to know what the wire had to carry.
  let bytes = 0;
  let transactions = 0;
  const write = line.write.bind(line);
  line.write = (b: Buffer) => {
    bytes += b.length;
    transactions += 1;
    return write(b);
  };
  line.onData((b) => (bytes += b.length));
  const options: ArbiterOptions = {
    gapMs,
    responseTimeoutMs: 1_000,
    retries: 0,
    backoffMs: 0,
    echo: false,
  };
  const client = new MeterClient(new BusArbiter(line, options));
  // Connected before the clock starts: a gateway stays connected while the office polls.
  const device = (address: string) =>
    ({ model: 'DDSY1352-NK', protocol: 'dlt645', address, unit: null }) as const;
  await client.read(device(meters[0]!.state.address), 'readEnergy');
  bytes = 0;
  transactions = 0;
  const start = performance.now();
  for (const meter of meters) {
    const nk = device(meter.state.address);
    await client.purchaseReading(nk);
    await client.read(nk, 'readEnergy');
    await client.read(nk, 'readStatus');
  }
  const ms = performance.now() - start;
  await line.close();
  await bus.close();
  const idealMs = wireMs(bytes, BAUD) + transactions * 2 * SILENCE_MS;
  return { ratio: ms / idealMs, ms, idealMs };
}

async function main() {
  // The office's default: the gap its line settings derive from 9600 8E1 (shared/lineTiming.ts).
  const officeGap = defaultGapMs({ baudRate: BAUD, parity: 'even', stopBits: 1 });
  const tuned = await pollRound(officeGap);
  const standardGap = await pollRound(20);
  const dlt645Rate = rate(dlt645Cycle);
  const modbusRate = rate(modbusCycle);
  writeResult('meter-link', {
    pollRatio9600: {
      value: round(tuned.ratio, 3),
      unit: `achieved / ideal wire time (the default ${officeGap} ms gap at 9600 8E1)`,
      goal: '<= 1.1',
      met: tuned.ratio <= 1.1,
    },
    pollRound64Ms: { value: round(tuned.ms, 0), unit: 'ms' },
    pollIdealMs: { value: round(tuned.idealMs, 0), unit: 'ms' },
    pollRatio9600With20msGap: {
      value: round(standardGap.ratio, 3),
      unit: 'achieved / ideal wire time (the fixed 20 ms gap the office had before)',
    },
    dlt645FramesPerSecond: {
      value: round(dlt645Rate, 0),
      unit: 'frames/s',
      goal: '>= 100000',
      met: dlt645Rate >= 100_000,
    },
    modbusFramesPerSecond: {
      value: round(modbusRate, 0),
      unit: 'frames/s',
      goal: '>= 100000',
      met: modbusRate >= 100_000,
    },
  });
}

void main();
