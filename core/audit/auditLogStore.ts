// The append-only audit log: one hash-chained row per mutation, and the check that the chain
// still follows from its rows (a supervisor's proof that nobody edited the history). The chain is
// keyed: from the `audit.keyed` record on (written once the office has its secret), each link is
// an HMAC under a key derived from the office secret, so it cannot be rebuilt without the secret;
// and it is anchored: the daily report and the shift hand-over print the chain head, so a chain
// cut short and rebuilt is caught against paper. Older links stay plain SHA-256.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { AuditAnchor, AuditEntry, AuditPage, AuditVerification } from '../../shared/api/types';
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

export const KEYED_MARKER = 'audit.keyed';

/** The key the chain's links are made with, derived from (never equal to) the office secret. */
export function auditKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'powertill/audit-chain/v1', 32));
}

/** The chain head as printed on paper: the sequence number and the first 8 hex of its link. */
export function anchorOf(head: { seq: number; hash: string }): AuditAnchor {
  return { seq: head.seq, hash: head.hash.slice(0, 8).toUpperCase() };
}

function rowHash(row: Omit<AuditRow, 'hash'>, key: Buffer | null): string {
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
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(canonical).digest('hex');
}

export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;
  /** The sequence number of the `audit.keyed` record, undefined until looked up. */
  private keyedFrom: number | null | undefined;
  /** The chain key of the last secret seen: derived once, not on every record. */
  private derived: { secret: Buffer; key: Buffer } | null = null;

  /** `secret` gives the office secret once there is one (none before the first-run setup). */
  constructor(
    private readonly db: Db,
    private readonly secret: () => Buffer | null = () => null,
  ) {
    this.lastStmt = prepared<{ seq: number; hash: string }>(
      db,
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    this.insertStmt = prepared(
      db,
      `INSERT INTO audit_log (seq, at, operator_id, operator_name, method, outcome, detail, prev_hash, hash)
       VALUES (@seq, @at, @operator_id, @operator_name, @method, @outcome, @detail, @prev_hash, @hash)`,
    );
  }

  private chainKey(): Buffer | null {
    const secret = this.secret();
    if (!secret) return null;
    if (!this.derived?.secret.equals(secret)) this.derived = { secret, key: auditKey(secret) };
    return this.derived.key;
  }

  private markerSeq(): number | null {
    if (this.keyedFrom === undefined) {
      const row = prepared<{ seq: number | null }>(
        this.db,
        'SELECT min(seq) AS seq FROM audit_log WHERE method = ?',
      ).get(KEYED_MARKER)!;
      this.keyedFrom = row.seq;
    }
    return this.keyedFrom;
  }

  /** Forgets what was read of the table (after a restore replaced it). */
  reload(): void {
    this.keyedFrom = undefined;
  }

  private insert(record: AuditRecord, key: Buffer | null): number {
    const last = this.lastStmt.get();
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
    this.insertStmt.run({ ...row, hash: rowHash(row, key) });
    return row.seq;
  }

  /** Appends one record. Call inside the transaction whose change it records. */
  append(record: AuditRecord): number {
    const append = () => {
      const key = this.chainKey();
      // The first record once the office has its secret starts the keyed part of the chain.
      if (key && this.markerSeq() === null) {
        this.keyedFrom = this.insert(
          {
            at: record.at,
            operatorId: null,
            operatorName: null,
            method: KEYED_MARKER,
            outcome: 'ok',
            detail: { from: 'here on, each link is keyed by the office secret' },
          },
          key,
        );
      }
      return this.insert(record, this.markerSeq() === null ? null : key);
    };
    // Reading the last hash and inserting must be one step, so chain links never fork.
    return this.db.inTransaction ? append() : this.db.transaction(append).immediate();
  }

  /**
   * Re-links the keyed part of the chain under a new office secret (an imported one replacing
   * the secret this PC made at setup), after checking every link under the old one: only a sound
   * chain is carried over, so this cannot launder an edited one. Call inside the transaction
   * that stores the new secret, before it does.
   */
  rekey(next: Buffer): void {
    const keyedFrom = this.markerSeq();
    if (keyedFrom === null) return;
    const check = this.verify();
    if (!check.ok) throw new Error(`audit chain broken at ${check.firstBadSeq}; not re-keyed`);
    const key = auditKey(next);
    const trigger = prepared<{ sql: string }>(
      this.db,
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'",
    ).get()?.sql;
    const relink = () => {
      if (trigger) this.db.exec('DROP TRIGGER audit_log_no_update');
      const update = this.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
      let prev =
        prepared<{ hash: string }>(this.db, 'SELECT hash FROM audit_log WHERE seq = ?').get(
          keyedFrom - 1,
        )?.hash ?? GENESIS_HASH;
      const rows = this.db
        .prepare<unknown[], AuditRow>('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq')
        .all(keyedFrom);
      for (const row of rows) {
        const { hash: _old, ...content } = row;
        const hash = rowHash({ ...content, prev_hash: prev }, key);
        update.run(prev, hash, row.seq);
        prev = hash;
      }
      if (trigger) this.db.exec(trigger);
    };
    if (this.db.inTransaction) relink();
    else this.db.transaction(relink).immediate();
  }

  /** The newest record's sequence number and link, as the anchor to print. */
  head(): AuditAnchor {
    const last = this.lastStmt.get();
    return anchorOf(last ?? { seq: 0, hash: GENESIS_HASH });
  }

  list(options: { beforeSeq?: number; limit: number }): AuditPage {
    const rows = prepared<AuditRow>(
      this.db,
      `SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    ).all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit);
    const { total } = prepared<{
      total: number;
    }>(this.db, 'SELECT count(*) AS total FROM audit_log').get()!;
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

  /**
   * Checks every link, keyed ones with the office secret's key, and (given the head printed on a
   * daily report or hand-over slip) that the record it names is still there with that link: a
   * chain cut short or rebuilt after that paper was printed fails here.
   */
  verify(anchor?: AuditAnchor): AuditVerification {
    const key = this.chainKey();
    const keyedFrom = this.markerSeq();
    let expectedPrev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let anchorState: AuditVerification['anchor'] = anchor ? 'missing' : null;
    for (const row of prepared(
      this.db,
      'SELECT * FROM audit_log ORDER BY seq',
    ).iterate() as IterableIterator<AuditRow>) {
      const { hash, ...content } = row;
      const keyed = keyedFrom !== null && row.seq >= keyedFrom;
      if (
        row.seq !== expectedSeq ||
        row.prev_hash !== expectedPrev ||
        (keyed && !key) ||
        rowHash(content, keyed ? key : null) !== hash
      ) {
        return { ok: false, checked, firstBadSeq: row.seq, anchor: anchorState, head: null };
      }
      if (anchor && row.seq === anchor.seq)
        anchorState = anchorOf(row).hash === anchor.hash.toUpperCase() ? 'matches' : 'differs';
      expectedPrev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    const head = this.head();
    return {
      ok: anchorState === null || anchorState === 'matches',
      checked,
      firstBadSeq: null,
      anchor: anchorState,
      head,
    };
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
