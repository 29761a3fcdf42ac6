// The ledger database's health for the diagnostics package: SQLite's integrity check, the rows
// per table (counts only: no ledger row leaves the office), the engine, the journal mode and the
// migrations applied.
import type { Db } from './open';

export interface DatabaseHealth {
  integrity: string[];
  engineVersion: string;
  journalMode: unknown;
  rowCounts: Record<string, number>;
  migrations: unknown[];
}

export function databaseHealth(db: Db): DatabaseHealth {
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const tables = db
    .prepare<unknown[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  const count = (name: string) =>
    db
      .prepare<unknown[], { n: number }>(
        `SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`,
      )
      .get()!.n;
  return {
    integrity: integrity.map((r) => r.integrity_check),
    engineVersion: db.prepare<unknown[], { v: string }>('SELECT sqlite_version() AS v').get()!.v,
    journalMode: db.pragma('journal_mode', { simple: true }),
    rowCounts: Object.fromEntries(tables.map(({ name }) => [name, count(name)])),
    migrations: db
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all(),
  };
}
