// A TCP serial gateway as a line, connected again after the gateway dropped the connection.
import net from 'node:net';
import { LineError, ReopeningLine } from './line';

export class TcpLine extends ReopeningLine<net.Socket> {
  readonly name: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 3_000,
  ) {
    super();
    this.name = `${host}:${port}`;
  }

  /** Times the gateway connection was (re)made. */
  get connects(): number {
    return this.opens;
  }

  protected open(deliver: (bytes: Buffer) => void, lost: () => void): Promise<net.Socket> {
    return new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new LineError('unreachable', `gateway ${this.name} did not answer`));
      }, this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new LineError('unreachable', `gateway ${this.name}: ${error.message}`));
      });
      socket.on('data', deliver);
      socket.on('close', lost);
    });
  }

  protected shut(socket: net.Socket): Promise<void> {
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }
}
