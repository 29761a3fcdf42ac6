// The strict migration runner: numbered SQL files applied in order, each in its own transaction,
// after a backup; it refuses gaps, edited history and a database newer than the app.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Db } from './open';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationSetError extends Error {
  override name = 'MigrationSetError';
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads and checks the migration files: 0001, 0002, ... with no gap, duplicate or stray file. */
export function loadMigrations(dir: string): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => !f.startsWith('.') && !f.endsWith('.md'));
  const migrations = files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationSetError(`unexpected file in migrations: ${file}`);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return {
      version: Number(match[1]),
      name: match[2] ?? '',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new MigrationSetError(
        `migrations must be numbered 0001 upward without gaps or duplicates; found ${String(m.version).padStart(4, '0')} at position ${index + 1}`,
      );
    }
  });
  return migrations;
}

export interface MigrateOptions {
  migrations: Migration[];
  /** Where the pre-migration copy of an existing database goes. */
  backupDir: string;
  now?: () => Date;
}

export interface MigrateResult {
  from: number;
  to: number;
  backupFile: string | null;
}

/**
 * Refuses a database file made by a newer app before anything opens it for writing: even
 * switching the journal mode would rewrite its header.
 */
export function assertNotNewer(file: string, latest: number): void {
  if (!fs.existsSync(file)) return;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = schemaVersion(db);
    if (version > latest) {
      throw new AppError('DATABASE_NEWER_THAN_APP', { dbVersion: version, appVersion: latest });
    }
  } finally {
    db.close();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export async function migrate(db: Db, options: MigrateOptions): Promise<MigrateResult> {
  const { migrations, backupDir } = options;
  const now = options.now ?? (() => new Date());
  const latest = migrations.length;
  const from = schemaVersion(db);

  if (from > latest) {
    throw new AppError('DATABASE_NEWER_THAN_APP', { dbVersion: from, appVersion: latest });
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  verifyAppliedHistory(db, migrations, from);
  if (from === latest) return { from, to: latest, backupFile: null };

  // An empty database has nothing to lose; an existing one is copied before it changes.
  let backupFile: string | null = null;
  if (from > 0) {
    fs.mkdirSync(backupDir, { recursive: true });
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(backupDir, `pre-migration-v${from}-to-v${latest}-${stamp}.sqlite3`);
    await db.backup(backupFile);
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of migrations.slice(from)) {
    const rebuilds = rebuildsTables(m);
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    // The pragma is a no-op inside a transaction: it is switched around it.
    if (rebuilds) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (rebuilds) assertReferencesWhole(db, m.version);
        record.run(m.version, m.name, m.checksum, now().toISOString());
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (error) {
      throw new AppError(
        'MIGRATION_FAILED',
        { backup: backupFile ?? '-', version: m.version },
        {
          cause: error,
        },
      );
    } finally {
      if (rebuilds && keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return { from, to: latest, backupFile };
}

/**
 * A migration that rebuilds a table others refer to says so on its first line: SQLite's
 * twelve-step rebuild drops the old table, which foreign keys would refuse (or cascade).
 */
const REBUILD_MARK = '-- migrate: foreign-keys-off';
const rebuildsTables = (m: Migration) => m.sql.startsWith(REBUILD_MARK);

/** Before a rebuild commits: every reference still finds its row, or nothing is kept. */
function assertReferencesWhole(db: Db, version: number) {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(
      `migration ${version} left ${broken.length} broken references (first: ${first.table} -> ${first.parent})`,
    );
  }
}

/** An applied migration whose file changed since means two different histories: refuse. */
function verifyAppliedHistory(db: Db, migrations: Migration[], applied: number) {
  const rows = db
    .prepare<unknown[], { version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    )
    .all();
  for (const row of rows) {
    if (row.version > applied) {
      throw new MigrationSetError(
        `schema_migrations lists ${row.version} beyond user_version ${applied}`,
      );
    }
    const known = migrations[row.version - 1];
    if (!known || known.checksum !== row.checksum) {
      throw new MigrationSetError(`applied migration ${row.version} differs from the app's file`);
    }
  }
}
