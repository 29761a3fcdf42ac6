import path from 'node:path';
import fs from 'node:fs';
import { loadMigrations, migrate } from '../db/migrate';
import { openDatabase, type Db } from '../db/open';
import { migrationsDir } from '../paths';
import { tempDir } from '../testing';
import { AuditLog, GENESIS_HASH, redact } from './auditLog';

describe('the audit log', () => {
  let dir: string;
  let db: Db;
  let log: AuditLog;
  const at = new Date('2026-11-24T03:00:00Z');
  const record = (method: string, detail: unknown = {}) =>
    log.append({ at, operatorId: 1, operatorName: 'admin', method, outcome: 'ok', detail });

  beforeEach(async () => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'audit.sqlite3'));
    await migrate(db, { migrations: loadMigrations(migrationsDir()), backupDir: dir });
    log = new AuditLog(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chains each record to the one before it', () => {
    expect(record('operators.create')).toBe(1);
    expect(record('settings.update')).toBe(2);
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(log.verify()).toEqual({ ok: true, checked: 2, firstBadSeq: null });
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
    expect(log.verify()).toEqual({ ok: false, checked: 2, firstBadSeq: 3 });
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
    expect(first.total).toBe(7);
    expect(first.entries.map((e) => e.seq)).toEqual([7, 6, 5]);
    expect(log.list({ limit: 3, beforeSeq: 5 }).entries.map((e) => e.seq)).toEqual([4, 3, 2]);
  });
});
