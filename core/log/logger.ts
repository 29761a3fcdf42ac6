// Structured JSON-lines logs in the data dir, rotated by size so a PC that runs for years never
// fills its disk with them.
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { resilientSink } from './resilientSink';

export type { Logger };

export const LOG_FILE = 'powertill.log';

export interface FileLogger {
  logger: Logger;
  dir: string;
  close(): Promise<void>;
}

export function createFileLogger(
  dir: string,
  level = process.env.POWERTILL_LOG_LEVEL ?? 'info',
): FileLogger {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A full disk must not end the process through an unhandled stream error.
  const stream = resilientSink(() =>
    createStream(LOG_FILE, { path: dir, size: '5M', maxFiles: 5, mode: 0o600 }),
  );
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: handlers never log inputs, but a slip must not leak a password.
      redact: {
        paths: ['*.password', '*.newPassword', '*.passphrase', '*.secret', '*.token'],
        censor: '[redacted]',
      },
    },
    stream,
  );
  return {
    logger,
    dir,
    close: () =>
      new Promise((resolve) => {
        logger.flush();
        stream.end(resolve);
      }),
  };
}

/** A logger that writes nothing, for unit tests. */
export function silentLogger(): Logger {
  return pino({ level: process.env.POWERTILL_TEST_LOG ?? 'silent' });
}

export function listLogFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.includes(path.parse(LOG_FILE).name))
    .map((f) => path.join(dir, f));
}
