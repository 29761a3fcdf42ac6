// Start-up failures the app cannot survive (a database newer than the app, a full disk, a data
// folder it may not write, a native module built for another runtime), told in one translated
// line with what to do; the stack goes to a file beside the logs, never onto the cashier's screen.
// The backend speaks English in its logs and English receipts: the error texts' English too.
import '../../shared/errorTexts/en';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, formatErrorMessage, LANGUAGES } from '../../shared/errors';

export const START_FAILURE_LOG = 'startup-failure.log';

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC']);
const NOT_WRITABLE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EEXIST',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
]);

/**
 * Node's refusal of an addon built for another runtime ("…was compiled against a different
 * Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires
 * NODE_MODULE_VERSION 150…"): better-sqlite3 built for Node, loaded in Electron, or the reverse.
 */
function nativeMismatch(code: string, message: string): AppError | null {
  const versions = /NODE_MODULE_VERSION (\d+)[\s\S]*?NODE_MODULE_VERSION (\d+)/.exec(message);
  if (code !== 'ERR_DLOPEN_FAILED' || !versions) return null;
  const file = /(?:The module )?'([^']+\.node)'/.exec(message)?.[1] ?? '';
  const module = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1] ?? file;
  return new AppError('START_NATIVE_MISMATCH', {
    module: module.replace('\\', '/'),
    built: versions[1]!,
    needed: versions[2]!,
  });
}

/** The coded error a start-up failure is told as. */
export function startFailure(thrown: unknown, dataDir: string): AppError {
  if (thrown instanceof AppError) return thrown;
  const code = String((thrown as { code?: unknown } | null)?.code ?? '');
  const message = (thrown as Error | null)?.message ?? String(thrown);
  const detail = message.split('\n')[0]!;
  const mismatch = nativeMismatch(code, message);
  if (mismatch) return mismatch;
  if (DISK_FULL.has(code) || /SQLITE_FULL|ENOSPC|database or disk is full/.test(detail))
    return new AppError('START_DISK_FULL', { dir: dataDir });
  // Node's recursive mkdir reports a read-only disk as ENOENT.
  const syscall = (thrown as { syscall?: unknown } | null)?.syscall;
  if (
    NOT_WRITABLE.has(code) ||
    code.startsWith('SQLITE_READONLY') ||
    (code === 'ENOENT' && syscall === 'mkdir')
  )
    return new AppError('START_FOLDER_NOT_WRITABLE', { dir: dataDir, detail });
  return new AppError('START_FAILED', { detail, log: path.join(dataDir, START_FAILURE_LOG) });
}

/** Both languages, one line each. */
export function startFailureText(error: AppError): string {
  return LANGUAGES.map((language) => formatErrorMessage(error.toApiError(), language)).join('\n');
}

/** Keeps the stack where support finds it; best effort, since the disk may be why we failed. */
export function recordStartFailure(thrown: unknown, dataDir: string, now = new Date()): void {
  const stack = (thrown as Error | null)?.stack ?? String(thrown);
  try {
    fs.appendFileSync(path.join(dataDir, START_FAILURE_LOG), `${now.toISOString()} ${stack}\n`, {
      mode: 0o600,
    });
  } catch {
    // a full or read-only disk: the one line on the console is all there is
  }
}
