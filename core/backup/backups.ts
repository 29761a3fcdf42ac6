// Backups of the ledger with SQLite's online backup API: daily by schedule (the last 14 kept),
// on demand to the backups folder or a chosen one (a USB stick), and restore from a verified copy.
// Every backup is sealed (sealedBackup.ts): no office secret inside, every byte authenticated.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupKind, BackupPreview } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { copyLedger } from '../db/ledgerFile';
import {
  copyForBackupApart,
  scrubAndDescribeApart,
  verifyBackupFileApart,
} from '../db/ledgerFileThread';
import { migrate, type Migration } from '../db/migrate';
import type { Db } from '../db/open';
import type { Logger } from '../log/logger';
import type { OfficeSecretStore, StoredSecret } from '../office/secretStore';
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
      // Seconds of copying and checking on years of sales: on a thread of their own, not the
      // cashier's.
      await copyForBackupApart(this.deps.paths.database, copy);
      await verifyBackupFileApart(copy, this.deps.migrations.length);
      const manifest = await scrubAndDescribeApart(copy, secret, kind, at);
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
      await verifyBackupFileApart(copy, this.deps.migrations.length);
      const safety = await this.create('pre-restore');
      await copyLedger(copy, this.deps.paths.database);
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
