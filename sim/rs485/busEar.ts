// What the meters on one simulated RS485 bus hear: the bytes that come down the line, cut into
// DL/T 645 frames and Modbus-RTU requests (a bus may carry meters of both), each heard by every
// meter; those addressed answer. One ear per connection, since a frame may arrive in pieces.
import { BROADCAST, FrameReader, WILDCARD } from '../../meter-link/dlt645/frame';
import { scanRequests } from '../../meter-link/modbus/rtu';
import type { Dlt645Frame } from '../../meter-link/dlt645/frame';
import type { ModbusRequest } from '../../meter-link/modbus/rtu';

export interface Answer {
  bytes: Buffer;
  delayMs: number;
}

/** Anything on the bus that answers frames addressed to it: a meter, a terminal. */
export interface BusDevice {
  readonly address: string;
  respond(frame: Dlt645Frame): Answer | null;
  respondModbus(request: ModbusRequest): Answer | null;
}

export class BusEar {
  private readonly frames = new FrameReader();
  private modbusRest: Buffer = Buffer.alloc(0);

  /**
   * `adopt`: a meter room that installs a meter for an address nobody on the bus has yet (training
   * mode's, where the trainee's accounts bring their meters with them).
   */
  constructor(
    private readonly meters: BusDevice[],
    private readonly adopt: ((address: string) => BusDevice | null) | null = null,
  ) {}

  private heard(address: string) {
    if (!this.adopt || address === WILDCARD || address === BROADCAST) return;
    if (this.meters.some((m) => m.address === address)) return;
    const meter = this.adopt(address);
    if (meter) this.meters.push(meter);
  }

  hear(bytes: Buffer): Answer[] {
    const answers: Answer[] = [];
    const add = (answer: Answer | null) => answer && answers.push(answer);
    for (const frame of this.frames.push(bytes)) {
      this.heard(frame.address);
      for (const meter of this.meters) add(meter.respond(frame));
    }
    // Modbus requests have no start byte: only the bytes not yet cut are kept for the next chunk.
    const { requests, rest } = scanRequests(Buffer.concat([this.modbusRest, bytes]));
    this.modbusRest = rest.subarray(Math.max(0, rest.length - 256));
    for (const request of requests)
      for (const meter of this.meters) add(meter.respondModbus(request));
    return answers;
  }
}
