import path from 'node:path';
import fs from 'node:fs';
import { loadMigrations, migrate } from '../db/migrate';
import { openDatabase, type Db } from '../db/open';
import { migrationsDir } from '../paths';
import { tempDir } from '../testing';
import { createHash } from 'node:crypto';
import { AuditLog, GENESIS_HASH, KEYED_MARKER, redact } from './auditLogStore';

interface Row {
  seq: number;
  at: string;
  operator_id: number | null;
  operator_name: string | null;
  method: string;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * What a forger without the office secret can do to the file: renumber and re-link every row
 * with plain SHA-256 (the published canonical form), the keyed marker dropped.
 */
function rebuildWithoutKey(db: Db) {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
  const rows = (db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]).filter(
    (r) => r.method !== KEYED_MARKER,
  );
  db.prepare('DELETE FROM audit_log').run();
  let prev = GENESIS_HASH;
  rows.forEach((row, i) => {
    const next = { ...row, seq: i + 1, prev_hash: prev };
    const canonical = JSON.stringify([
      next.seq,
      next.at,
      next.operator_id,
      next.operator_name,
      next.method,
      next.outcome,
      next.detail,
      next.prev_hash,
    ]);
    next.hash = createHash('sha256').update(canonical).digest('hex');
    db.prepare(
      'INSERT INTO audit_log VALUES (@seq, @at, @operator_id, @operator_name, @method, @outcome, @detail, @prev_hash, @hash)',
    ).run(next);
    prev = next.hash;
  });
}

describe('the audit log', () => {
  let dir: string;
  let db: Db;
  let log: AuditLog;
  let secret: Buffer | null;
  const at = new Date('2026-11-24T03:00:00Z');
  const record = (method: string, detail: unknown = {}) =>
    log.append({ at, operatorId: 1, operatorName: 'admin', method, outcome: 'ok', detail });

  beforeEach(async () => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'audit.sqlite3'));
    await migrate(db, { migrations: loadMigrations(migrationsDir()), backupDir: dir });
    secret = Buffer.alloc(32, 7);
    log = new AuditLog(db, () => secret);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chains each record to the one before it, keyed from the first record on', () => {
    expect(record('operators.create')).toBe(2);
    expect(record('settings.update')).toBe(3);
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(log.verify()).toEqual({
      ok: true,
      checked: 3,
      firstBadSeq: null,
      anchor: null,
      head: { seq: 3, hash: rows[2]!.hash.slice(0, 8).toUpperCase() },
    });
  });

  it('continues an older unkeyed chain keyed, from a marker record on', () => {
    secret = null;
    record('a');
    record('b');
    expect(log.verify()).toMatchObject({ ok: true, checked: 2 });
    secret = Buffer.alloc(32, 7);
    record('c');
    expect(log.list({ limit: 5 }).entries.map((e) => e.method)).toEqual([
      'c',
      KEYED_MARKER,
      'b',
      'a',
    ]);
    expect(log.verify()).toMatchObject({ ok: true, checked: 4 });
    // Without the secret the keyed part cannot be checked, so it is not called sound.
    secret = null;
    expect(log.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('refuses a chain rebuilt without the key, and catches it against the printed head', () => {
    for (let i = 0; i < 6; i += 1) record('settings.update', { n: i });
    const printed = log.head();
    expect(log.verify(printed)).toMatchObject({ ok: true, anchor: 'matches' });
    // Rebuilt keeping the marker: the keyed links no longer follow.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET detail = \'{"n":99}\' WHERE seq = 4').run();
    expect(log.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
    // Rebuilt from scratch as an unkeyed chain: every link follows, but not to the paper.
    rebuildWithoutKey(db);
    log.reload();
    expect(log.verify()).toMatchObject({ ok: true });
    expect(log.verify(printed)).toMatchObject({ ok: false, anchor: 'missing' });
    record('settings.update', { n: 7 });
    expect(log.verify(printed)).toMatchObject({ ok: false, anchor: 'differs' });
  });

  it('catches a chain cut short against the printed head', () => {
    for (let i = 0; i < 5; i += 1) record('settings.update', { n: i });
    const printed = log.head();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(printed.seq - 1);
    // Every remaining link still follows: only the paper shows records are missing.
    expect(log.verify()).toMatchObject({ ok: true, head: { seq: printed.seq - 2 } });
    expect(log.verify(printed)).toMatchObject({ ok: false, anchor: 'missing' });
  });

  it('is append-only in the database itself', () => {
    record('auth.login');
    expect(() => db.prepare("UPDATE audit_log SET method = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('detects a record edited behind its back (triggers dropped with a raw SQLite tool)', () => {
    for (let i = 0; i < 5; i += 1) record('settings.update', { n: i });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET detail = \'{"n":99}\' WHERE seq = 3').run();
    expect(log.verify()).toMatchObject({ ok: false, checked: 2, firstBadSeq: 3 });
  });

  it('detects a deleted record in the middle of the chain', () => {
    for (let i = 0; i < 4; i += 1) record('settings.update', { n: i });
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(log.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects a record forged with a recomputed hash but no valid link', () => {
    record('a');
    record('b');
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET prev_hash = ? WHERE seq = 2').run('f'.repeat(64));
    expect(log.verify().firstBadSeq).toBe(2);
  });

  it('keeps passwords, passphrases and keys out of the log', () => {
    record('auth.login', {
      input: {
        username: 'li',
        password: 'Secret123',
        nested: { passphrase: 'x', newPassword: 'y' },
      },
    });
    const [entry] = log.list({ limit: 10 }).entries;
    expect(JSON.stringify(entry!.detail)).not.toMatch(/Secret123|"x"|"y"/);
    expect(entry!.detail).toEqual({
      input: {
        username: 'li',
        password: '[redacted]',
        nested: { passphrase: '[redacted]', newPassword: '[redacted]' },
      },
    });
  });

  it('truncates bulky values', () => {
    expect(redact('a'.repeat(1000))).toHaveLength(201);
  });

  it('pages newest first', () => {
    for (let i = 0; i < 7; i += 1) record(`m${i}`);
    const first = log.list({ limit: 3 });
    // Seven records after the keyed marker.
    expect(first.total).toBe(8);
    expect(first.entries.map((e) => e.seq)).toEqual([8, 7, 6]);
    expect(log.list({ limit: 3, beforeSeq: 5 }).entries.map((e) => e.seq)).toEqual([4, 3, 2]);
  });
});
