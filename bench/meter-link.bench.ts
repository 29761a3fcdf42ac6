// The RS485 codecs' throughput: DL/T 645-2007 read requests encoded and their replies decoded
// (scanned out of a line buffer with the preamble), and Modbus-RTU the same, frames per second.
// Polling simulated meters against ideal wire time comes with the bus arbiter.
import { encodeFrame, scanFrames } from '../meter-link/dlt645/frame';
import { parseReply, readingOf, request } from '../meter-link/dlt645/messages';
import { crc16Modbus, encodeRequest, modbusRequest, scanReply } from '../meter-link/modbus/rtu';
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

writeResult('meter-link', {
  dlt645FramesPerSecond: {
    value: round(rate(dlt645Cycle), 0),
    unit: 'frames/s',
    goal: '>= 100000',
  },
  modbusFramesPerSecond: {
    value: round(rate(modbusCycle), 0),
    unit: 'frames/s',
    goal: '>= 100000',
  },
});
