// What the meters on one simulated RS485 bus hear: the bytes that come down the line, cut into
// DL/T 645 frames and Modbus-RTU requests (a bus may carry meters of both), each heard by every
// meter; those addressed answer. One ear per connection, since a frame may arrive in pieces.
import { FrameReader } from '../../meter-link/dlt645/frame';
import { scanRequests } from '../../meter-link/modbus/rtu';
import type { NkMeter } from './nkMeter';

export interface Answer {
  bytes: Buffer;
  delayMs: number;
}

export class BusEar {
  private readonly frames = new FrameReader();
  private modbusRest: Buffer = Buffer.alloc(0);

  constructor(private readonly meters: readonly NkMeter[]) {}

  hear(bytes: Buffer): Answer[] {
    const answers: Answer[] = [];
    const add = (answer: Answer | null) => answer && answers.push(answer);
    for (const frame of this.frames.push(bytes))
      for (const meter of this.meters) add(meter.respond(frame));
    // Modbus requests have no start byte: only the bytes not yet cut are kept for the next chunk.
    const { requests, rest } = scanRequests(Buffer.concat([this.modbusRest, bytes]));
    this.modbusRest = rest.subarray(Math.max(0, rest.length - 256));
    for (const request of requests)
      for (const meter of this.meters) add(meter.respondModbus(request));
    return answers;
  }
}
