// Simulated meters on a serial line: the far end of a pty pair (socat) stands for the RS485 wires,
// and every frame that comes in is heard by every meter, as in TcpBus.
import { SerialPort } from 'serialport';
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

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path: this.path,
        baudRate: 2400,
        parity: 'even',
        autoOpen: false,
      });
      const ear = new BusEar(this.meters);
      port.on('data', (bytes: Buffer) => {
        if (this.echo) port.write(bytes);
        for (const reply of ear.hear(bytes))
          setTimeout(() => port.isOpen && port.write(reply.bytes), reply.delayMs);
      });
      port.on('error', () => undefined);
      port.open((error) => {
        if (error) return reject(error);
        this.port = port;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
