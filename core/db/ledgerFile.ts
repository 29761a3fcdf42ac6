// A ledger file that is not the live connection: a backup's copy, scrubbed of the office secret
// and described for its manifest, and a candidate file checked before it may replace the ledger.
// SQLite's own files, so this is the engine's (core/db/); a second engine brings its own dump.
import Database from 'better-sqlite3';
import type { BackupKind, BackupManifest } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';

/**
 * Zeroes the office secret in a fresh copy (secure_delete overwrites the old bytes in place) and
 * reads what the manifest says of it.
 */
export function scrubAndDescribe(
  copy: string,
  /** The office secret's fingerprint, for the manifest (the secret itself is zeroed). */
  secret: { fingerprint: string },
  kind: BackupKind,
  at: Date,
): BackupManifest {
  const db = new Database(copy);
  try {
    db.pragma('secure_delete = ON');
    db.prepare('UPDATE office_secret SET secret = zeroblob(32), sealed = NULL').run();
    const setting = (key: string) =>
      db.prepare<unknown[], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)
        ?.value ?? '';
    const last = db
      .prepare<unknown[], BackupManifest['lastSale']>(
        `SELECT receipt_no AS receiptNo, coalesce(committed_at, created_at) AS at, amount_fen AS amountFen
           FROM sales WHERE status IN ('committed', 'reversed') ORDER BY id DESC LIMIT 1`,
      )
      .get();
    const head = db
      .prepare<unknown[], { seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      )
      .get();
    return {
      format: 'powertill-backup',
      version: 1,
      kind,
      createdAt: at.toISOString(),
      schema: db.pragma('user_version', { simple: true }) as number,
      officeName: setting('office_name'),
      fingerprint: secret.fingerprint,
      operators: db
        .prepare<
          unknown[],
          { username: string; display_name: string; role: string; active: number }
        >('SELECT username, display_name, role, active FROM operators ORDER BY id')
        .all()
        .map((o) => ({
          username: o.username,
          displayName: o.display_name,
          role: o.role,
          active: o.active === 1,
        })),
      sales: db
        .prepare<
          unknown[],
          {
            n: number;
          }
        >("SELECT count(*) AS n FROM sales WHERE status = 'committed'")
        .get()!.n,
      lastSale: last ?? null,
      audit: head ?? { seq: 0, hash: '' },
    };
  } finally {
    db.close();
  }
}

/**
 * Writes a consistent copy of the live ledger to `copy` from a connection of its own: VACUUM INTO
 * reads one snapshot (the cashier's writes go on beside it, WAL) and writes only the pages in use.
 * The online backup API, which wrote the copy before, ends with one synchronous write of the whole
 * file on the calling thread, 150 ms on a million sales; this runs on the ledger-file thread.
 */
export function copyForBackup(ledger: string, copy: string): void {
  const db = new Database(ledger, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    db.close();
  }
}

/** Checks that a file is a whole PowerTill ledger this app can open; says why not otherwise. */
export function verifyBackupFile(file: string, latestSchema: number): void {
  let candidate: Database.Database;
  try {
    candidate = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('BACKUP_INVALID', { reason: 'not a database file' });
  }
  try {
    const integrity = candidate.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new AppError('BACKUP_INVALID', { reason: 'damaged' });
    const version = candidate.pragma('user_version', { simple: true }) as number;
    if (version > latestSchema)
      throw new AppError('DATABASE_NEWER_THAN_APP', {
        dbVersion: version,
        appVersion: latestSchema,
      });
    const tables = new Set(
      candidate
        .prepare<
          unknown[],
          {
            name: string;
          }
        >("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => t.name),
    );
    if (
      version < 1 ||
      !tables.has('operators') ||
      !tables.has('office_secret') ||
      !tables.has('audit_log')
    ) {
      throw new AppError('BACKUP_INVALID', { reason: 'not a PowerTill ledger' });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BACKUP_INVALID', { reason: 'not a database file' });
  } finally {
    candidate.close();
  }
}

/**
 * Copies a ledger file page by page (SQLite's online backup) onto `target`, the live ledger's
 * file: the connections open on it see the copy at their next read.
 */
export async function copyLedger(file: string, target: string): Promise<void> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}
