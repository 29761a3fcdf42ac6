// The one way the ledger is changed (docs/decisions/0027-data-layer.md): a unit of work is one
// immediate transaction whose last step, inside it, is the record of what was done (the audit
// entry), so a change and its record commit together or not at all. Handlers get it as `ctx.write`
// (the call's audit record), work the office PC does by itself as `systemWrite` (core/writes.ts).
import type { Db } from './open';

/**
 * Runs `fn` in one transaction together with its audit record; `detail` turns the result into
 * what the record says of it.
 */
export type Write = <T>(fn: () => T, detail?: (result: T) => Record<string, unknown>) => T;

/** Runs `fn`, then `record(result)`, in one transaction. */
export type UnitOfWork = <T>(fn: () => T, record: (result: T) => void) => T;

/**
 * SQLite's unit of work. IMMEDIATE takes the write lock at BEGIN, so a second writer (a backup,
 * another process) waits out the busy timeout there rather than failing at COMMIT after the work
 * was done; the body is synchronous, device I/O never runs inside it (the device journal begins
 * and resolves around it).
 */
export function sqliteUnitOfWork(db: Db): UnitOfWork {
  return (fn, record) =>
    db
      .transaction(() => {
        const result = fn();
        record(result);
        return result;
      })
      .immediate();
}
