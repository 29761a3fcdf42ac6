// A TCP serial gateway as a line: connected on first use, and connected again on the next write
// after the gateway dropped the connection (a power cut, a cable pulled), so a poll after the
// drop works without anyone restarting anything.
import net from 'node:net';
import { LineError, type Line } from './line';

export class TcpLine implements Line {
  readonly name: string;
  private socket: net.Socket | null = null;
  private connecting: Promise<net.Socket> | null = null;
  private readonly listeners = new Set<(bytes: Buffer) => void>();
  private closed = false;
  /** Times the gateway connection was (re)made, for the line statistics. */
  connects = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 3_000,
  ) {
    this.name = `${host}:${port}`;
  }

  private connect(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new LineError('unreachable', `gateway ${this.name} did not answer`));
      }, this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.connects += 1;
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new LineError('unreachable', `gateway ${this.name}: ${error.message}`));
      });
      socket.on('data', (bytes: Buffer) => {
        for (const listener of this.listeners) listener(bytes);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
      });
    }).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.closed) throw new LineError('closed', `line ${this.name} is closed`);
    const socket = await this.connect();
    await new Promise<void>((resolve, reject) =>
      socket.write(bytes, (error) =>
        error ? reject(new LineError('unreachable', error.message)) : resolve(),
      ),
    );
  }

  onData(listener: (bytes: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket;
    this.socket = null;
    if (socket)
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
  }
}
