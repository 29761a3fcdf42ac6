// A log destination that can never bring the host down: when the log file cannot be written (a
// full disk, a folder taken away) lines are dropped and counted, the file is tried again later,
// and the first line that lands says how many went missing. The ledger, not the log, is the
// office's record; a till must keep selling (or refusing cleanly) without it.
import type { Writable } from 'node:stream';

export interface LogSink {
  write(line: string): boolean;
  /** How many lines were dropped since the file last took one. */
  dropped(): number;
  end(done: () => void): void;
}

export const REOPEN_AFTER_MS = 30_000;

export function resilientSink(
  open: () => Writable,
  { reopenAfterMs = REOPEN_AFTER_MS, now = () => Date.now() } = {},
): LogSink {
  let stream: Writable | null = null;
  let retryAt = 0;
  let dropped = 0;

  const broken = (which: Writable) => {
    if (stream !== which) return;
    stream = null;
    retryAt = now() + reopenAfterMs;
    which.destroy();
  };
  const attach = () => {
    try {
      const next = open();
      next.on('error', () => broken(next));
      stream = next;
    } catch {
      retryAt = now() + reopenAfterMs;
    }
  };
  attach();

  return {
    write(line) {
      if (!stream && now() >= retryAt) attach();
      const target = stream;
      if (!target || target.destroyed || target.writableEnded) {
        dropped += 1;
        return true;
      }
      if (dropped > 0) {
        const lost = dropped;
        dropped = 0;
        target.write(
          `${JSON.stringify({ level: 40, time: new Date(now()).toISOString(), msg: 'log lines dropped while the log could not be written', dropped: lost })}\n`,
        );
      }
      target.write(line);
      return true;
    },
    dropped: () => dropped,
    end(done) {
      const target = stream;
      stream = null;
      if (!target || target.destroyed || target.writableEnded) return done();
      target.once('error', () => done());
      target.end(() => done());
    },
  };
}
