// Several simulated meters on one RS485 bus behind a TCP serial gateway: every frame that comes in
// is heard by every meter, and those addressed answer (one at a time, as on a real bus). Paced, the
// gateway keeps wire time: a request takes its bytes' time to go out at the line's baud rate (8E1,
// 11 bits a byte), the meter waits its turnaround, and its reply arrives when its last byte would.
import net from 'node:net';
import { BusEar, type BusDevice } from './busEar';
import type { NkMeter } from './nkMeter';

export interface Pace {
  baud: number;
  turnaroundMs: number;
}

/** Milliseconds `bytes` take on an RS485 line at `baud`, 8 data bits, parity and a stop bit. */
export const wireMs = (bytes: number, baud: number) => (bytes * 11 * 1_000) / baud;

export class TcpBus<D extends BusDevice = NkMeter> {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly meters: D[],
    pace: Pace | null = null,
    adopt: ((address: string) => D | null) | null = null,
  ) {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      const ear = new BusEar(this.meters, adopt);
      socket.on('data', (bytes) => {
        for (const reply of ear.hear(bytes)) {
          const delay = pace
            ? wireMs(bytes.length, pace.baud) +
              pace.turnaroundMs +
              wireMs(reply.bytes.length, pace.baud)
            : reply.delayMs;
          setTimeout(() => {
            if (!socket.destroyed) socket.write(reply.bytes);
          }, delay);
        }
      });
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(port, '127.0.0.1', () =>
        resolve((this.server.address() as net.AddressInfo).port),
      ),
    );
  }

  /** The gateway drops every connection (it lost power, or its cable was pulled). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
