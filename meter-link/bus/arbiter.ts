// One arbiter per RS485 line. The bus is half duplex and every meter on it hears every frame, so
// one transaction at a time: wait out the gap since the last frame, send, and collect bytes until
// the protocol says the reply is whole — or the response time runs out, then try again after a
// pause that grows. Adapters that echo what they send have the echo taken off before the reply is
// read. Each line keeps statistics for the meters page.

import type { Line } from './line';

export interface ArbiterOptions {
  /** Silence between the end of one transaction and the next frame (DL/T 645 ≥ 20 ms). */
  gapMs: number;
  /** How long a meter may take to answer. */
  responseTimeoutMs: number;
  /** Tries after the first. */
  retries: number;
  /** Pause before the first retry; doubles each time. */
  backoffMs: number;
  /** The adapter sends back every byte it puts on the bus. */
  echo: boolean;
}

export const DLT645_LINE: ArbiterOptions = {
  gapMs: 20,
  responseTimeoutMs: 1_000,
  retries: 2,
  backoffMs: 100,
  echo: false,
};

/** What the protocol makes of the bytes received so far. */
export type Cut<T> =
  | { kind: 'incomplete' }
  | { kind: 'reply'; value: T }
  /** Bytes that can never become this reply (bad checksum, another meter's answer). */
  | { kind: 'rejected' };

export interface LineStats {
  sent: number;
  replied: number;
  timeouts: number;
  rejected: number;
  retries: number;
}

export class BusError extends Error {
  constructor(
    readonly code: 'BUS_TIMEOUT' | 'BUS_CANCELLED' | 'BUS_LINE',
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new BusError('BUS_CANCELLED', 'cancelled'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new BusError('BUS_CANCELLED', 'cancelled'));
      },
      { once: true },
    );
  });

export class BusArbiter {
  readonly stats: LineStats = { sent: 0, replied: 0, timeouts: 0, rejected: 0, retries: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  private lastFrameAt = 0;

  constructor(
    readonly line: Line,
    private readonly options: ArbiterOptions = DLT645_LINE,
  ) {}

  /**
   * Sends `request` and returns the reply `cut` finds in what comes back. Transactions on one line
   * never overlap; a cancelled one that has not started yet never touches the bus.
   */
  transact<T>(
    request: Buffer,
    cut: (received: Buffer) => Cut<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const run = this.queue.then(() => this.attempts(request, cut, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A frame no one answers (a broadcast): sent in its turn, then the gap is kept. */
  broadcast(frame: Buffer): Promise<void> {
    const run = this.queue.then(async () => {
      const wait = this.lastFrameAt + this.options.gapMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.stats.sent += 1;
      try {
        await this.line.write(frame);
      } catch (error) {
        throw new BusError('BUS_LINE', `${this.line.name}: ${(error as Error).message}`);
      } finally {
        this.lastFrameAt = Date.now();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async attempts<T>(
    request: Buffer,
    cut: (received: Buffer) => Cut<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    let pause = this.options.backoffMs;
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) throw new BusError('BUS_CANCELLED', 'cancelled');
      const wait = this.lastFrameAt + this.options.gapMs - Date.now();
      if (wait > 0) await sleep(wait, signal);
      try {
        return await this.once(request, cut, signal);
      } catch (error) {
        if (!(error instanceof BusError) || error.code !== 'BUS_TIMEOUT') throw error;
        if (attempt >= this.options.retries) throw error;
        this.stats.retries += 1;
        await sleep(pause, signal);
        pause *= 2;
      } finally {
        this.lastFrameAt = Date.now();
      }
    }
  }

  private once<T>(request: Buffer, cut: (received: Buffer) => Cut<T>, signal?: AbortSignal) {
    return new Promise<T>((resolve, reject) => {
      let received = Buffer.alloc(0);
      let echoLeft = this.options.echo ? request.length : 0;
      const finish = (error: Error | null, value?: T) => {
        clearTimeout(timer);
        stop();
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(value as T);
      };
      const onAbort = () => finish(new BusError('BUS_CANCELLED', 'cancelled'));
      const stop = this.line.onData((bytes) => {
        let chunk = bytes;
        // The adapter's echo of our own frame comes first; it is not the meter speaking.
        if (echoLeft > 0) {
          const skip = Math.min(echoLeft, chunk.length);
          echoLeft -= skip;
          chunk = chunk.subarray(skip);
        }
        if (chunk.length === 0) return;
        received = Buffer.concat([received, chunk]);
        const result = cut(received);
        if (result.kind === 'reply') {
          this.stats.replied += 1;
          finish(null, result.value);
        } else if (result.kind === 'rejected') {
          // Keep listening: a good reply may still follow the noise within the time.
          this.stats.rejected += 1;
        }
      });
      const timer = setTimeout(() => {
        this.stats.timeouts += 1;
        finish(
          new BusError(
            'BUS_TIMEOUT',
            `no reply on ${this.line.name} within ${this.options.responseTimeoutMs} ms`,
          ),
        );
      }, this.options.responseTimeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.stats.sent += 1;
      this.line
        .write(request)
        .catch((error: Error) =>
          finish(new BusError('BUS_LINE', `${this.line.name}: ${error.message}`)),
        );
    });
  }
}
