// A second, read-only connection for long reports. A year's report reads hundreds of thousands of
// rows; on the till's own connection that would hold the event loop (better-sqlite3 is
// synchronous) and every other till would wait. Here the rows are read in steps, yielding between
// them, inside one read transaction (one WAL snapshot, so the totals agree with each other), while
// the till's connection goes on selling. Reports take turns on it.
import Database from 'better-sqlite3';
import { nextTurn } from '../nextTurn';
import type { Db } from './open';

/** Rows read between two turns of the event loop. */
export const ROWS_PER_STEP = 2_000;

export class ReportReader {
  private db: Db | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  private connection(): Db {
    if (!this.db) {
      this.db = new Database(this.file, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
    }
    return this.db;
  }

  /** Runs one report's reads in a snapshot of their own, after the reports before it. */
  read<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const run = async () => {
      const db = this.connection();
      db.exec('BEGIN');
      try {
        return await work(db);
      } finally {
        db.exec('COMMIT');
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}

/** Every row of a statement, read in steps that let other calls run between them. */
export async function allInSteps<T>(
  db: Db,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const rows: T[] = [];
  for (const row of db.prepare(sql).iterate(params) as IterableIterator<T>) {
    rows.push(row);
    if (rows.length % ROWS_PER_STEP === 0) await nextTurn();
  }
  return rows;
}
