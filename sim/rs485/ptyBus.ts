// Simulated meters on a serial line: the far end of a pty pair (socat) stands for the RS485 wires,
// and every frame that comes in is heard by every meter, as in TcpBus.
import type { SerialPort } from 'serialport';
import { closeSerialEnd, openSerialEnd } from '../serialEnd';
import { BusEar, type BusDevice } from './busEar';
import type { NkMeter } from './nkMeter';

export class PtyBus<D extends BusDevice = NkMeter> {
  private port: SerialPort | null = null;

  /** `echo`: the far adapter sends back every byte it hears first, as some RS485 adapters do. */
  constructor(
    readonly path: string,
    readonly meters: D[],
    private readonly echo = false,
  ) {}

  async open(): Promise<void> {
    const ear = new BusEar(this.meters);
    this.port = await openSerialEnd(
      { path: this.path, baudRate: 2400, parity: 'even' },
      (bytes, port) => {
        if (this.echo) port.write(bytes);
        for (const reply of ear.hear(bytes))
          setTimeout(() => port.isOpen && port.write(reply.bytes), reply.delayMs);
      },
    );
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    return closeSerialEnd(port);
  }
}
