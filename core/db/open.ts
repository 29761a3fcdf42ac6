// Opens the ledger file with the settings docs/architecture.md requires of it.
import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    // WAL lets readers (reports) run beside the cashier's writes; FULL makes a committed sale
    // survive a power cut; foreign keys keep the books' references whole.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement for this connection, prepared once and reused: preparing costs more than
 * running most of the ledger's statements. `Row` is the shape its rows have, stated once beside
 * the SQL (`prepared<SaleRow>(db, sql).get(id)` is a `SaleRow | undefined`), so no caller casts.
 */
export function prepared<Row = unknown>(db: Db, sql: string): Database.Statement<unknown[], Row> {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  // The row's shape is the SQL's, which the caller states; SQLite checks none of it at run time.
  return statement as Database.Statement<unknown[], Row>;
}
