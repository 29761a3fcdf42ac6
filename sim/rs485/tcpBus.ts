// Several simulated meters on one RS485 bus behind a TCP serial gateway: every frame that comes in
// is heard by every meter, and those addressed answer (one at a time, as on a real bus).
import net from 'node:net';
import { FrameReader } from '../../meter-link/dlt645/frame';
import type { NkMeter } from './nkMeter';

export class TcpBus {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(readonly meters: NkMeter[]) {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      const reader = new FrameReader();
      socket.on('data', (bytes) => {
        for (const frame of reader.push(bytes))
          for (const meter of this.meters) {
            const reply = meter.respond(frame);
            if (reply)
              setTimeout(() => {
                if (!socket.destroyed) socket.write(reply.bytes);
              }, reply.delayMs);
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
