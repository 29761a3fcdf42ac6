// Backups of the ledger with SQLite's online backup API: daily by schedule (the last 14 kept),
// on demand to the backups folder or a chosen one (a USB stick), and restore from a verified copy.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo, BackupKind } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { migrate, type Migration } from '../db/migrate';
import type { Db } from '../db/open';
import type { Logger } from '../log/logger';
import type { DataPaths } from '../paths';

export const SCHEDULED_KEEP = 14;
const DAY_MS = 24 * 3600_000;
const NAME =
  /^(?:powertill-(scheduled|manual|pre-restore)|(pre-migration)-v\d+-to-v\d+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.sqlite3$/;

const stampOf = (at: Date) => at.toISOString().replace(/[:.]/g, '-');
const dateOf = (stamp: string) =>
  new Date(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/, 'T$1:$2:$3.$4Z'));

export interface BackupDeps {
  db: Db;
  paths: DataPaths;
  log: Logger;
  clock: () => Date;
  migrations: Migration[];
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

  /** Copies the live ledger into `folder` (default: the backups folder) and verifies the copy. */
  async create(
    kind: Exclude<BackupKind, 'pre-migration'>,
    folder = this.deps.paths.backups,
  ): Promise<BackupInfo> {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      if (folder !== this.deps.paths.backups)
        throw new AppError('BACKUP_FOLDER_UNAVAILABLE', { folder });
      fs.mkdirSync(folder, { recursive: true });
    }
    const at = this.deps.clock();
    const file = path.join(folder, `powertill-${kind}-${stampOf(at)}.sqlite3`);
    try {
      await this.deps.db.backup(file);
      verifyBackupFile(file, this.deps.migrations.length);
    } catch (error) {
      fs.rmSync(file, { force: true });
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_FULL' || code === 'ENOSPC') throw new AppError('DISK_FULL');
      if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS')
        throw new AppError('BACKUP_FOLDER_UNAVAILABLE', { folder });
      throw error;
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

  /** Makes a scheduled backup when the newest one is a day old or there is none. */
  async runSchedule(): Promise<BackupInfo | null> {
    const newest = this.list().find((b) => b.kind === 'scheduled');
    if (newest && this.deps.clock().getTime() - new Date(newest.createdAt).getTime() < DAY_MS)
      return null;
    return this.create('scheduled');
  }

  /**
   * Replaces the live ledger with a verified copy, after backing up the current one. The live
   * connection stays open and sees the restored content (SQLite's backup API writes into it).
   */
  async restore(file: string): Promise<{ preRestoreBackup: string }> {
    verifyBackupFile(file, this.deps.migrations.length);
    const safety = await this.create('pre-restore');
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(this.deps.paths.database);
    } finally {
      source.close();
    }
    // A copy from an older version is brought up to this app's schema at once.
    await migrate(this.deps.db, {
      migrations: this.deps.migrations,
      backupDir: this.deps.paths.backups,
      now: this.deps.clock,
    });
    this.deps.log.warn({ from: file, safety: safety.fileName }, 'ledger restored from backup');
    return { preRestoreBackup: safety.fileName };
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
    };
  }

  private prune() {
    const scheduled = this.list().filter((b) => b.kind === 'scheduled');
    for (const old of scheduled.slice(SCHEDULED_KEEP))
      fs.rmSync(path.join(old.folder, old.fileName), { force: true });
  }
}
