// Backups of the ledger with SQLite's online backup API: daily by schedule (the last 14 kept),
// on demand to the backups folder or a chosen one (a USB stick), and restore from a verified copy.
// Every backup is sealed (sealedBackup.ts): no office secret inside, every byte authenticated.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  BackupInfo,
  BackupKind,
  BackupManifest,
  BackupPreview,
} from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { migrate, type Migration } from '../db/migrate';
import type { Db } from '../db/open';
import type { Logger } from '../log/logger';
import type { OfficeSecretStore, StoredSecret } from '../office/secret';
import type { DataPaths } from '../paths';
import { backupKey, openSealedBackup, sealBackup, type OpenedBackup } from './sealedBackup';

export const SCHEDULED_KEEP = 14;
const DAY_MS = 24 * 3600_000;
// Sealed backups end in .ptbackup; the migration runner's plain copies stay .sqlite3 (for support).
const NAME =
  /^(?:powertill-(scheduled|manual|pre-restore)|(pre-migration)-v\d+-to-v\d+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.(ptbackup|sqlite3)$/;

const stampOf = (at: Date) => at.toISOString().replace(/[:.]/g, '-');
const dateOf = (stamp: string) =>
  new Date(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/, 'T$1:$2:$3.$4Z'));

export interface BackupDeps {
  db: Db;
  paths: DataPaths;
  log: Logger;
  clock: () => Date;
  migrations: Migration[];
  secret: OfficeSecretStore;
}

/**
 * Zeroes the office secret in a fresh copy (secure_delete overwrites the old bytes in place) and
 * reads what the manifest says of it.
 */
function scrubAndDescribe(
  copy: string,
  secret: StoredSecret,
  kind: BackupKind,
  at: Date,
): BackupManifest {
  const db = new Database(copy);
  try {
    db.pragma('secure_delete = ON');
    db.prepare('UPDATE office_secret SET secret = zeroblob(32), sealed = NULL').run();
    const setting = (key: string) =>
      (
        db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
          { value: string } | undefined
      )?.value ?? '';
    const last = db
      .prepare(
        `SELECT receipt_no AS receiptNo, coalesce(committed_at, created_at) AS at, amount_fen AS amountFen
           FROM sales WHERE status IN ('committed', 'reversed') ORDER BY id DESC LIMIT 1`,
      )
      .get() as BackupManifest['lastSale'] | undefined;
    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    return {
      format: 'powertill-backup',
      version: 1,
      kind,
      createdAt: at.toISOString(),
      schema: db.pragma('user_version', { simple: true }) as number,
      officeName: setting('office_name'),
      fingerprint: secret.fingerprint,
      operators: (
        db
          .prepare('SELECT username, display_name, role, active FROM operators ORDER BY id')
          .all() as { username: string; display_name: string; role: string; active: number }[]
      ).map((o) => ({
        username: o.username,
        displayName: o.display_name,
        role: o.role,
        active: o.active === 1,
      })),
      sales: (
        db.prepare("SELECT count(*) AS n FROM sales WHERE status = 'committed'").get() as {
          n: number;
        }
      ).n,
      lastSale: last ?? null,
      audit: head ?? { seq: 0, hash: '' },
    };
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
      (
        candidate.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
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

export class BackupService {
  constructor(private readonly deps: BackupDeps) {}

  private officeSecret(): StoredSecret {
    const stored = this.deps.secret.read();
    if (!stored) throw new AppError('BACKUP_NO_SECRET');
    return stored;
  }

  /** Copies the live ledger into `folder` (default: the backups folder), sealed and verified. */
  async create(
    kind: Exclude<BackupKind, 'pre-migration'>,
    folder = this.deps.paths.backups,
  ): Promise<BackupInfo> {
    const secret = this.officeSecret();
    fs.mkdirSync(this.deps.paths.backups, { recursive: true, mode: 0o700 });
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
      throw new AppError('BACKUP_FOLDER_UNAVAILABLE', { folder });
    const at = this.deps.clock();
    const name = `powertill-${kind}-${stampOf(at)}`;
    // The unsealed copy never leaves the private backups folder.
    const copy = path.join(this.deps.paths.backups, `.${name}.partial`);
    const file = path.join(folder, `${name}.ptbackup`);
    try {
      await this.deps.db.backup(copy);
      verifyBackupFile(copy, this.deps.migrations.length);
      const manifest = scrubAndDescribe(copy, secret, kind, at);
      await sealBackup(copy, manifest, backupKey(secret.secret), file);
      // Read back through the seal, as a restore would.
      await openSealedBackup(file, backupKey(secret.secret), secret.fingerprint);
    } catch (error) {
      fs.rmSync(file, { force: true });
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_FULL' || code === 'ENOSPC') throw new AppError('DISK_FULL');
      if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS')
        throw new AppError('BACKUP_FOLDER_UNAVAILABLE', { folder });
      throw error;
    } finally {
      fs.rmSync(copy, { force: true });
      fs.rmSync(`${copy}-journal`, { force: true });
    }
    if (kind === 'scheduled') this.prune();
    this.deps.log.info({ file, kind }, 'backup written');
    return this.describe(file)!;
  }

  list(): BackupInfo[] {
    const dir = this.deps.paths.backups;
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .map((name) => this.describe(path.join(dir, name)))
      .filter((b): b is BackupInfo => b !== null)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Makes a scheduled backup when the newest one is a day old or there is none (and set up). */
  async runSchedule(): Promise<BackupInfo | null> {
    if (!this.deps.secret.read()) return null;
    const newest = this.list().find((b) => b.kind === 'scheduled');
    if (newest && this.deps.clock().getTime() - new Date(newest.createdAt).getTime() < DAY_MS)
      return null;
    return this.create('scheduled');
  }

  /** A sealed backup of this office, opened: its seal checked, its manifest believable. */
  private async open(file: string): Promise<OpenedBackup> {
    const secret = this.officeSecret();
    return openSealedBackup(file, backupKey(secret.secret), secret.fingerprint);
  }

  /** What restoring this backup would bring back, for the admin to confirm. */
  async inspect(file: string): Promise<BackupPreview> {
    const opened = await this.open(file);
    return { fileName: path.basename(file), manifest: opened.manifest };
  }

  /**
   * Replaces the live ledger with a sealed copy of this office, after backing up the current
   * one. The live connection stays open and sees the restored content (SQLite's backup API
   * writes into it); the office secret, which the backup does not carry, is put back.
   */
  async restore(file: string): Promise<{ preRestoreBackup: string }> {
    const secret = this.officeSecret();
    const opened = await this.open(file);
    const copy = path.join(
      this.deps.paths.backups,
      `.restore-${stampOf(this.deps.clock())}.partial`,
    );
    try {
      await opened.extract(copy);
      verifyBackupFile(copy, this.deps.migrations.length);
      const safety = await this.create('pre-restore');
      const source = new Database(copy, { readonly: true, fileMustExist: true });
      try {
        await source.backup(this.deps.paths.database);
      } finally {
        source.close();
      }
      // A copy from an older version is brought up to this app's schema at once, then given
      // back the office secret it was made without.
      await migrate(this.deps.db, {
        migrations: this.deps.migrations,
        backupDir: this.deps.paths.backups,
        now: this.deps.clock,
      });
      this.deps.secret.store(secret.secret, new Date(secret.createdAt));
      this.deps.log.warn({ from: file, safety: safety.fileName }, 'ledger restored from backup');
      return { preRestoreBackup: safety.fileName };
    } finally {
      fs.rmSync(copy, { force: true });
    }
  }

  /** A backup in the backups folder by its file name (never a path: no escaping the folder). */
  resolve(fileName: string): string {
    const file = path.join(this.deps.paths.backups, path.basename(fileName));
    if (path.basename(fileName) !== fileName || !NAME.test(fileName) || !fs.existsSync(file)) {
      throw new AppError('BACKUP_NOT_FOUND', { fileName });
    }
    return file;
  }

  private describe(file: string): BackupInfo | null {
    const match = NAME.exec(path.basename(file));
    if (!match || !fs.existsSync(file)) return null;
    return {
      fileName: path.basename(file),
      folder: path.dirname(file),
      kind: (match[1] ?? match[2]) as BackupKind,
      createdAt: dateOf(match[3]!).toISOString(),
      sizeBytes: fs.statSync(file).size,
      sealed: match[4] === 'ptbackup',
    };
  }

  private prune() {
    const scheduled = this.list().filter((b) => b.kind === 'scheduled');
    for (const old of scheduled.slice(SCHEDULED_KEEP))
      fs.rmSync(path.join(old.folder, old.fileName), { force: true });
  }
}
