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
