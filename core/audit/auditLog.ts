// The append-only audit log: one hash-chained row per mutation, and the check that the chain
// still follows from its rows (a supervisor's proof that nobody edited the history).
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditPage, AuditVerification } from '../../shared/api/types';
import { prepared, type Db } from '../db/open';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  at: Date;
  operatorId: number | null;
  operatorName: string | null;
  method: string;
  outcome: AuditEntry['outcome'];
  detail: unknown;
}

interface AuditRow {
  seq: number;
  at: string;
  operator_id: number | null;
  operator_name: string | null;
  method: string;
  outcome: AuditEntry['outcome'];
  detail: string;
  prev_hash: string;
  hash: string;
}

function rowHash(row: Omit<AuditRow, 'hash'>): string {
  // A JSON array is an unambiguous encoding of the fields (no delimiter can be smuggled in).
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.operator_id,
    row.operator_name,
    row.method,
    row.outcome,
    row.detail,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.lastStmt = prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = prepared(
      db,
      `INSERT INTO audit_log (seq, at, operator_id, operator_name, method, outcome, detail, prev_hash, hash)
       VALUES (@seq, @at, @operator_id, @operator_name, @method, @outcome, @detail, @prev_hash, @hash)`,
    );
  }

  /** Appends one record. Call inside the transaction whose change it records. */
  append(record: AuditRecord): number {
    const append = () => {
      const last = this.lastStmt.get() as { seq: number; hash: string } | undefined;
      const row = {
        seq: (last?.seq ?? 0) + 1,
        at: record.at.toISOString(),
        operator_id: record.operatorId,
        operator_name: record.operatorName,
        method: record.method,
        outcome: record.outcome,
        detail: JSON.stringify(redact(record.detail) ?? null),
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      this.insertStmt.run({ ...row, hash: rowHash(row) });
      return row.seq;
    };
    // Reading the last hash and inserting must be one step, so chain links never fork.
    return this.db.inTransaction ? append() : this.db.transaction(append).immediate();
  }

  list(options: { beforeSeq?: number; limit: number }): AuditPage {
    const rows = prepared(
      this.db,
      `SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    ).all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit) as AuditRow[];
    const { total } = prepared(this.db, 'SELECT count(*) AS total FROM audit_log').get() as {
      total: number;
    };
    return {
      total,
      entries: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        operatorId: r.operator_id,
        operatorName: r.operator_name,
        method: r.method,
        outcome: r.outcome,
        detail: JSON.parse(r.detail) as unknown,
      })),
    };
  }

  verify(): AuditVerification {
    let expectedPrev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (const row of prepared(
      this.db,
      'SELECT * FROM audit_log ORDER BY seq',
    ).iterate() as IterableIterator<AuditRow>) {
      const { hash, ...content } = row;
      if (row.seq !== expectedSeq || row.prev_hash !== expectedPrev || rowHash(content) !== hash) {
        return { ok: false, checked, firstBadSeq: row.seq };
      }
      expectedPrev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    return { ok: true, checked, firstBadSeq: null };
  }
}

const SENSITIVE_KEY = /pass(word|phrase)?|secret|psc|pin$|token|^file$/i;
const MAX_STRING = 200;

/** Keeps passwords, keys and bulky blobs out of the log, which support staff may read. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SENSITIVE_KEY.test(k) ? '[redacted]' : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}
