// A line to an RS485 bus: a local serial port (USB-RS485 adapter) or a TCP serial gateway (the
// transparent RS485-over-TCP link of a communication manager or an ACRT's Ethernet port). Bytes go
// out and come in; the arbiter above decides what they mean.

export interface Line {
  /** What the office calls it: a port path or host:port. */
  readonly name: string;
  write(bytes: Buffer): Promise<void>;
  /** Bytes as they arrive; returns a function that stops listening. */
  onData(listener: (bytes: Buffer) => void): () => void;
  close(): Promise<void>;
}

export class LineError extends Error {
  constructor(
    readonly reason: 'closed' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/** What a line writes to: a socket or a serial port. */
export interface ByteStream {
  write(bytes: Buffer, done: (error?: Error | null) => void): unknown;
}

/**
 * A line that opens its stream on first use and again on the next write after it was lost (the
 * gateway dropped the connection, the adapter was unplugged), so a poll after the loss works
 * without anyone restarting anything.
 */
export abstract class ReopeningLine<S extends ByteStream> implements Line {
  abstract readonly name: string;
  private stream: S | null = null;
  private opening: Promise<S> | null = null;
  private readonly listeners = new Set<(bytes: Buffer) => void>();
  private closed = false;
  /** Times the stream was (re)opened, for the line statistics. */
  opens = 0;

  /** Opens the stream; calls `deliver` with incoming bytes and `lost` when it goes away. */
  protected abstract open(deliver: (bytes: Buffer) => void, lost: () => void): Promise<S>;
  protected abstract shut(stream: S): Promise<void>;

  private current(): Promise<S> {
    if (this.stream) return Promise.resolve(this.stream);
    if (this.opening) return this.opening;
    let opened: S | null = null;
    this.opening = this.open(
      (bytes) => {
        for (const listener of this.listeners) listener(bytes);
      },
      () => {
        if (this.stream === opened) this.stream = null;
      },
    )
      .then((stream) => {
        opened = stream;
        this.stream = stream;
        this.opens += 1;
        return stream;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.closed) throw new LineError('closed', `line ${this.name} is closed`);
    const stream = await this.current();
    await new Promise<void>((resolve, reject) =>
      stream.write(bytes, (error) =>
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
    const stream = this.stream;
    this.stream = null;
    if (stream) await this.shut(stream);
  }
}
