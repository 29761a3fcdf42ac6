import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { tempDir } from '../testing';
import { loadMigrations, migrate, MigrationSetError, schemaVersion } from './migrate';
import { openDatabase } from './open';
import { migrationsDir } from '../paths';
import { ROLE_DEFAULTS } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';

function writeMigrations(dir: string, files: Record<string, string>) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

const V1 = 'CREATE TABLE shop (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;';
const V2 = 'ALTER TABLE shop ADD COLUMN floor TEXT;';
const V3 = 'CREATE TABLE sale (id INTEGER PRIMARY KEY, fen INTEGER NOT NULL) STRICT;';

describe('migration files', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads numbered files in numeric order', () => {
    writeMigrations(dir, { '0002_floor.sql': V2, '0001_shop.sql': V1, 'README.md': 'notes' });
    expect(loadMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      [1, 'shop'],
      [2, 'floor'],
    ]);
  });

  it('refuses a gap in the numbering', () => {
    writeMigrations(dir, { '0001_shop.sql': V1, '0003_sale.sql': V3 });
    expect(() => loadMigrations(dir)).toThrow(MigrationSetError);
  });

  it('refuses two migrations with one number', () => {
    writeMigrations(dir, { '0001_shop.sql': V1, '0001_other.sql': V3 });
    expect(() => loadMigrations(dir)).toThrow(/without gaps or duplicates/);
  });

  it('refuses a stray file that looks almost like a migration', () => {
    writeMigrations(dir, { '0001_shop.sql': V1, '2_floor.sql': V2 });
    expect(() => loadMigrations(dir)).toThrow(/unexpected file/);
  });

  it("the app's own migrations form a valid set that applies to an empty database", async () => {
    const migrations = loadMigrations(migrationsDir());
    expect(migrations.length).toBeGreaterThan(0);
    const db = openDatabase(path.join(dir, 'app.sqlite3'));
    const result = await migrate(db, { migrations, backupDir: path.join(dir, 'backups') });
    expect(result).toEqual({ from: 0, to: migrations.length, backupFile: null });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

describe("the app's migrations, one by one", () => {
  it('0003 adds shifts to a version 2 ledger and keeps its sales', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 2), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, operator_id, created_at) VALUES ('o', 'sale', 'card', 1, 'committed', '{}', 1, 't');
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't');
      INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count, payment_method, operator_id, status, created_at)
        VALUES (1, 1, 1, 1000, 1, 1, 1, 1, 'cash', 1, 'committed', 't');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 3), backupDir: dir });
    expect(result).toMatchObject({ from: 2, to: 3 });
    expect(db.prepare('SELECT amount_fen, shift_id FROM sales').all()).toEqual([
      { amount_fen: 1000, shift_id: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM shifts').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('0008 adds meter commands and readings to a version 7 ledger and keeps its meters', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 7), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'supervisor', 'x', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000161', 'DDSY1352-NK', 'nk', 1, 't');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 8), backupDir: dir });
    expect(result).toMatchObject({ from: 7, to: 8 });
    expect(
      db.prepare('SELECT meter_no, kind, via_acrt, protocol, modbus_unit FROM meters').all(),
    ).toEqual([
      { meter_no: '000000000161', kind: 'nk', via_acrt: 0, protocol: 'dlt645', modbus_unit: null },
    ]);
    expect(() => db.exec('UPDATE meters SET modbus_unit = 248')).toThrow(/CHECK/);
    db.exec(
      "INSERT INTO meter_commands (meter_id, command, reason, state, operator_id, created_at) VALUES (1, 'trip', 'arrears', 'pending', 1, 't')",
    );
    expect(() =>
      db.exec(
        "INSERT INTO meter_commands (meter_id, command, reason, state, operator_id, created_at) VALUES (1, 'explode', 'x', 'pending', 1, 't')",
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec("INSERT INTO meter_readings (meter_id, read_at, relay) VALUES (1, 't', 'ajar')"),
    ).toThrow(/CHECK/);
    // One open alarm per meter and kind; a cleared one may be raised again.
    const raise =
      "INSERT INTO meter_alarms (meter_id, kind, raised_at) VALUES (1, 'low-credit', 't')";
    db.exec(raise);
    expect(() => db.exec(raise)).toThrow(/UNIQUE/);
    db.exec("UPDATE meter_alarms SET cleared_at = 't2'");
    db.exec(raise);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('0009 lets the line report to inspection and keeps reports, findings and their ids', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 8), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'supervisor', 'x', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000161', 'DDSY1352', 'card', 1, 't');
      INSERT INTO meter_reports (id, meter_id, source, card_no, loaded_count, remaining_fen, cumulative_energy, illegal_insert_count, tamper_flags, written_at, read_at)
        VALUES (7, 1, 'write-back', '000000000001', 3, 500, 12000, 0, 1, '2026-11-01 10:00:00', 't');
      INSERT INTO inspection_findings (id, report_id, meter_id, rule, severity, details, found_at, acknowledged_by, note)
        VALUES (4, 7, 1, 'tamper', 'critical', '{}', 't', 1, '现场已查');
    `);
    expect(() =>
      db.exec(
        "INSERT INTO meter_reports (meter_id, source, card_no, loaded_count, remaining_fen, cumulative_energy, illegal_insert_count, tamper_flags, read_at) VALUES (1, 'bus-reading', '', 0, 0, 0, 0, 0, 't')",
      ),
    ).toThrow(/CHECK/);
    const result = await migrate(db, { migrations: all.slice(0, 9), backupDir: dir });
    expect(result).toMatchObject({ from: 8, to: 9 });
    expect(db.prepare('SELECT id, source, remaining_fen FROM meter_reports').all()).toEqual([
      { id: 7, source: 'write-back', remaining_fen: 500 },
    ]);
    expect(db.prepare('SELECT id, report_id, rule, note FROM inspection_findings').all()).toEqual([
      { id: 4, report_id: 7, rule: 'tamper', note: '现场已查' },
    ]);
    db.exec(
      "INSERT INTO meter_reports (meter_id, source, card_no, loaded_count, remaining_fen, cumulative_energy, illegal_insert_count, tamper_flags, written_at, read_at) VALUES (1, 'bus-reading', '', 3, 400, 12100, 0, 0, '2026-11-02 10:00:00', 't')",
    );
    // The findings still refer to their reports: one without its report is refused.
    expect(() =>
      db.exec(
        "INSERT INTO inspection_findings (report_id, meter_id, rule, severity, details, found_at) VALUES (99, 1, 'x', 'notice', '{}', 't')",
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%_k%' OR name LIKE '%_next'",
      )
      .all();
    expect(tables).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('0010 adds ACRT terminals and their logs, one record per place in a log', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: loadMigrations(migrationsDir()).slice(0, 10), backupDir: dir });
    db.exec(
      "INSERT INTO acrt_terminals (address, name, created_at) VALUES ('000000000900', 'B1', 't')",
    );
    const record = `INSERT INTO acrt_log (terminal_id, seq, at, card_no, meter_no, purchase_count, amount_fen,
      outcome, status, read_at) VALUES (1, 1, 't', '000000000001', '000000000181', 1, 100, 'recharged', 'matched', 't')`;
    db.exec(record);
    expect(() => db.exec(record)).toThrow(/UNIQUE/);
    expect(() =>
      db.exec("INSERT INTO acrt_terminals (address, name, created_at) VALUES ('12', 'x', 't')"),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('0011 adds the OS-sealed office secret beside the clear one, keeping the clear one', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    const all = loadMigrations(migrationsDir());
    await migrate(db, { migrations: all.slice(0, 10), backupDir: dir });
    db.prepare(
      "INSERT INTO office_secret (id, secret, fingerprint, created_at) VALUES (1, ?, 'F', 't')",
    ).run(Buffer.alloc(32, 9));
    await migrate(db, { migrations: all.slice(0, 11), backupDir: dir });
    expect(db.prepare('SELECT secret, sealed FROM office_secret').get()).toEqual({
      secret: Buffer.alloc(32, 9),
      sealed: null,
    });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0012", () => {
  it('0012 adds the cash handed over to sales, empty for the sales before it, and refuses less than the amount', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 11), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, operator_id, created_at) VALUES ('o', 'sale', 'card', 1, 'committed', '{}', 1, 't');
      INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, operator_id, created_at) VALUES ('p', 'sale', 'card', 1, 'committed', '{}', 1, 't');
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't'), (2, 'issued', 't');
      INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count, payment_method, operator_id, status, created_at)
        VALUES (1, 1, 1, 1000, 1, 1, 1, 1, 'cash', 1, 'committed', 't');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 12), backupDir: dir });
    expect(result).toMatchObject({ from: 11, to: 12 });
    expect(db.prepare('SELECT amount_fen, tendered_fen FROM sales').all()).toEqual([
      { amount_fen: 1000, tendered_fen: null },
    ]);
    const insert = db.prepare(
      `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count, payment_method, tendered_fen, operator_id, status, created_at)
       VALUES (2, 1, 2, 1000, 1, 1, 1, 2, 'cash', ?, 1, 'committed', 't')`,
    );
    expect(() => insert.run(999)).toThrow(/CHECK constraint failed/);
    insert.run(2000);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0013", () => {
  it('0013 adds card fees tied to a card and a receipt, and keeps the shifts and reversals before it', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 12), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO shifts (operator_id, state, opened_at, closed_at, expected, counted, note)
        VALUES (1, 'closed', 't', 't', '{"cash":100}', '{"cash":90}', '少一元');
      INSERT INTO cards (card_no, account_id, generation, status, created_at, created_by, status_at)
        VALUES ('000000000001', 1, 0, 'active', 't', 1, 't');
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 13), backupDir: dir });
    expect(result).toMatchObject({ from: 12, to: 13 });
    expect(db.prepare('SELECT note, approved_by, refused_counts FROM shifts').all()).toEqual([
      { note: '少一元', approved_by: null, refused_counts: 0 },
    ]);
    db.exec("INSERT INTO shifts (operator_id, state, opened_at) VALUES (1, 'open', 't')");
    const fee = db.prepare(
      `INSERT INTO card_fees (card_id, account_id, kind, amount_fen, payment_method, tendered_fen, receipt_no,
         status, operator_id, shift_id, created_at) VALUES (1, 1, 'issue', ?, 'cash', ?, 1, 'pending', 1, 2, 't')`,
    );
    expect(() => fee.run(1000, 999)).toThrow(/CHECK constraint failed/);
    expect(() => fee.run(0, null)).toThrow(/CHECK constraint failed/);
    fee.run(1000, 2000);
    // One fee per card, and a receipt number is one document's.
    expect(() => fee.run(1000, null)).toThrow(/UNIQUE constraint failed/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('migrating a database', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const set = (files: Record<string, string>) =>
    loadMigrations(writeMigrations(path.join(dir, `m${Object.keys(files).length}`), files));

  it('applies pending migrations in order and records each', async () => {
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, {
      migrations: set({ '0001_shop.sql': V1, '0002_floor.sql': V2 }),
      backupDir: dir,
    });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'shop' },
      { version: 2, name: 'floor' },
    ]);
    db.prepare("INSERT INTO shop (name, floor) VALUES ('A1', '1F')").run();
    db.close();
  });

  it('takes a readable backup of an existing database before changing it', async () => {
    const file = path.join(dir, 'ledger.sqlite3');
    const db = openDatabase(file);
    await migrate(db, {
      migrations: set({ '0001_shop.sql': V1 }),
      backupDir: path.join(dir, 'backups'),
    });
    db.prepare("INSERT INTO shop (name) VALUES ('星巴克')").run();

    const result = await migrate(db, {
      migrations: set({ '0001_shop.sql': V1, '0002_floor.sql': V2, '0003_sale.sql': V3 }),
      backupDir: path.join(dir, 'backups'),
      now: () => new Date('2026-11-24T08:00:00Z'),
    });
    expect(result.from).toBe(1);
    expect(result.to).toBe(3);
    expect(result.backupFile).toMatch(/pre-migration-v1-to-v3-2026-11-24T08-00-00-000Z\.sqlite3$/);
    const backup = openDatabase(result.backupFile!);
    expect(schemaVersion(backup)).toBe(1);
    expect(backup.prepare('SELECT name FROM shop').all()).toEqual([{ name: '星巴克' }]);
    backup.close();
    db.close();
  });

  it('refuses a database newer than the app and leaves it untouched', async () => {
    const file = path.join(dir, 'ledger.sqlite3');
    const newer = openDatabase(file);
    await migrate(newer, {
      migrations: set({ '0001_shop.sql': V1, '0002_floor.sql': V2 }),
      backupDir: dir,
    });
    newer.close();
    const before = fs.readFileSync(file);

    const db = openDatabase(file);
    await expect(
      migrate(db, { migrations: set({ '0001_shop.sql': V1 }), backupDir: dir }),
    ).rejects.toMatchObject({
      code: 'DATABASE_NEWER_THAN_APP',
      params: { dbVersion: 2, appVersion: 1 },
    });
    db.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('pre-migration'))).toEqual([]);
  });

  it('refuses when an applied migration was edited afterwards', async () => {
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: set({ '0001_shop.sql': V1 }), backupDir: dir });
    const edited = loadMigrations(
      writeMigrations(path.join(dir, 'edited'), { '0001_shop.sql': `${V1}\n-- changed` }),
    );
    await expect(migrate(db, { migrations: edited, backupDir: dir })).rejects.toThrow(
      MigrationSetError,
    );
    db.close();
  });

  it('rolls back a failing migration whole and says where the backup is', async () => {
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: set({ '0001_shop.sql': V1 }), backupDir: dir });
    const broken = set({
      '0001_shop.sql': V1,
      '0002_broken.sql': 'ALTER TABLE shop ADD COLUMN x TEXT; THIS IS NOT SQL;',
    });
    const failure = await migrate(db, { migrations: broken, backupDir: path.join(dir, 'b') }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('MIGRATION_FAILED');
    expect(String((failure as AppError).params?.backup)).toContain('pre-migration-v1-to-v2');
    expect(schemaVersion(db)).toBe(1);
    const columns = db.prepare("SELECT name FROM pragma_table_info('shop')").all();
    expect(columns).toEqual([{ name: 'id' }, { name: 'name' }]);
    db.close();
  });
});

describe("the app's migrations, 0014", () => {
  it('0014 gives sales the balance an NK meter read back, empty for the sales before it', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 13), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352-NK', 'remote', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, operator_id, created_at) VALUES ('o', 'sale', 'remote', 1, 'committed', '{}', 1, 't');
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't');
      INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count, payment_method, tendered_fen, operator_id, status, created_at)
        VALUES (1, 1, 1, 1000, 1, 1, 1, 1, 'cash', 1000, 1, 'committed', 't');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 14), backupDir: dir });
    expect(result).toMatchObject({ from: 13, to: 14 });
    expect(
      db
        .prepare(
          'SELECT amount_fen, tendered_fen, meter_balance_after_fen, meter_balance_at FROM sales',
        )
        .all(),
    ).toEqual([
      {
        amount_fen: 1000,
        tendered_fen: 1000,
        meter_balance_after_fen: null,
        meter_balance_at: null,
      },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0015", () => {
  it('0015 adds the device journal, empty, beside the sales journal it leaves as it was', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 14), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352-NK', 'remote', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, operator_id, created_at) VALUES ('o', 'sale', 'remote', 1, 'pending', '{}', 1, 't');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 15), backupDir: dir });
    expect(result).toMatchObject({ from: 14, to: 15 });
    expect(db.prepare('SELECT count(*) AS n FROM device_operations').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT operation_id, state FROM hardware_operations').all()).toEqual([
      { operation_id: 'o', state: 'pending' },
    ]);
    const insert = db.prepare(
      `INSERT INTO device_operations (operation_id, kind, meter_id, account_id, state, payload, operator_id, created_at)
       VALUES (?, 'balancePreset', 1, 1, ?, ?, 1, 't')`,
    );
    insert.run('p1', 'pending', '{"afterFen":0}');
    expect(() => insert.run('p2', 'lost', '{}')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('p3', 'pending', 'not json')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('p1', 'pending', '{}')).toThrow(/UNIQUE constraint failed/);
    // "Anything unsettled on this meter?" is answered from the partial index.
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM device_operations WHERE meter_id = 1 AND state = 'pending'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('device_operations_pending');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0016", () => {
  it('0016 gives accounts meter offsets and refunds a taken-off flag, zero for every row before it', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 15), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352-NK', 'remote', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at, purchase_count, total_purchased_fen)
        VALUES ('1', 1, 1, 1, 't', 3, 15000);
    `);
    const result = await migrate(db, { migrations: all.slice(0, 16), backupDir: dir });
    expect(result).toMatchObject({ from: 15, to: 16 });
    expect(
      db
        .prepare(
          'SELECT purchase_count, total_purchased_fen, meter_count_offset, meter_cumulative_offset_fen FROM accounts',
        )
        .all(),
    ).toEqual([
      {
        purchase_count: 3,
        total_purchased_fen: 15000,
        meter_count_offset: 0,
        meter_cumulative_offset_fen: 0,
      },
    ]);
    // Refunds learn whether the meter gave the money back over the line; before, none did.
    const column = (
      db.pragma('table_info(refunds)') as { name: string; dflt_value: string }[]
    ).find((c) => c.name === 'taken_off_meter');
    expect(column).toMatchObject({ dflt_value: '0' });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0017", () => {
  it('0017 moves sales and reversals into the one device journal, ids and references kept, presets after them', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 16), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000002', 'DDSY1352-NK', 'remote', 1, 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000003', 'DDSY1352-NK', 'remote', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      -- Account 2 sold on meter 2 over the line, then moved to meter 3 (a replacement).
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('2', 1, 3, 1, 't');
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't'), (2, 'issued', 't'), (3, 'reserved', 't');
      INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, outcome, operator_id, created_at, resolved_at)
        VALUES ('s1', 'sale', 'card', 1, 'committed', '{"meterNo":"000000000001","amountFen":5000}', '{"state":{}}', 1, 't1', 't1'),
               ('r1', 'reversal', 'card', 1, 'committed', '{"meterNo":"000000000001","amountFen":-5000}', '{}', 1, 't2', 't2'),
               ('s2', 'sale', 'remote', 2, 'pending', '{"meterNo":"000000000002","amountFen":3000}', NULL, 1, 't3', NULL);
      INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
          payment_method, operator_id, status, created_at)
        VALUES (1, 1, 1, 5000, 100, 5000, 1, 1, 'cash', 1, 'reversed', 't1'),
               (3, 2, 3, 3000, 60, 5000, 1, 1, 'cash', 1, 'pending', 't3');
      INSERT INTO reversals (operation_id, sale_id, receipt_no, reason, operator_id, status, created_at)
        VALUES (2, 1, 2, '输错金额', 1, 'committed', 't2');
      INSERT INTO device_operations (operation_id, kind, meter_id, account_id, state, payload, operator_id, created_at)
        VALUES ('p1', 'balancePreset', 3, 2, 'pending', '{"afterFen":3000,"settle":"apply"}', 1, 't4');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 17), backupDir: dir });
    expect(result).toMatchObject({ from: 16, to: 17 });

    expect(
      db
        .prepare(
          'SELECT id, operation_id, kind, target, meter_id, account_id, state, outcome, resolved_at FROM device_operations ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 1,
        operation_id: 's1',
        kind: 'cardSale',
        target: 'card',
        meter_id: 1,
        account_id: 1,
        state: 'committed',
        outcome: '{"state":{}}',
        resolved_at: 't1',
      },
      {
        id: 2,
        operation_id: 'r1',
        kind: 'reversal',
        target: 'card',
        meter_id: 1,
        account_id: 1,
        state: 'committed',
        outcome: '{}',
        resolved_at: 't2',
      },
      // The meter the purchase went to, not the one the account has now.
      {
        id: 3,
        operation_id: 's2',
        kind: 'remoteRecharge',
        target: 'remote',
        meter_id: 2,
        account_id: 2,
        state: 'pending',
        outcome: null,
        resolved_at: null,
      },
      {
        id: 4,
        operation_id: 'p1',
        kind: 'balancePreset',
        target: 'remote',
        meter_id: 3,
        account_id: 2,
        state: 'pending',
        outcome: null,
        resolved_at: null,
      },
    ]);
    // Sales and reversals still find their operations, now by the one journal's name.
    expect(
      db
        .prepare(
          'SELECT s.receipt_no, d.operation_id FROM sales s JOIN device_operations d ON d.id = s.operation_id ORDER BY s.id',
        )
        .all(),
    ).toEqual([
      { receipt_no: 1, operation_id: 's1' },
      { receipt_no: 3, operation_id: 's2' },
    ]);
    const schema = (name: string) =>
      (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    expect(schema('sales')).toContain('REFERENCES "device_operations"');
    expect(schema('reversals')).toContain('REFERENCES "device_operations"');
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE name LIKE '%hardware%' OR name LIKE '%0015%' OR name LIKE '%_next'",
        )
        .all(),
    ).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The references hold from now on: a sale cannot name an operation that is not there.
    expect(() =>
      db.exec(`INSERT INTO receipts (receipt_no, status, created_at) VALUES (4, 'reserved', 't');
        INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
          payment_method, operator_id, status, created_at) VALUES (99, 1, 4, 100, 1, 5000, 1, 2, 'cash', 1, 'pending', 't')`),
    ).toThrow(/FOREIGN KEY constraint failed/);
    // Pending work per account and per meter is read from the partial indexes.
    for (const column of ['account_id', 'meter_id']) {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM device_operations WHERE ${column} = 1 AND state = 'pending'`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(
        /device_operations_pending_(account|meter)/,
      );
    }
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a migration that rebuilds tables others refer to', () => {
  it('runs with foreign keys off and is refused whole when it leaves a reference broken', async () => {
    const dir = tempDir();
    const migrations = loadMigrations(
      writeMigrations(path.join(dir, 'm'), {
        '0001_parent.sql':
          'CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id)) STRICT;',
        '0002_rebuild.sql':
          '-- migrate: foreign-keys-off\nCREATE TABLE parent_next (id INTEGER PRIMARY KEY, name TEXT) STRICT; DROP TABLE parent; ALTER TABLE parent_next RENAME TO parent;',
      }),
    );
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: migrations.slice(0, 1), backupDir: dir });
    db.exec('INSERT INTO parent (id) VALUES (1); INSERT INTO child (parent_id) VALUES (1);');
    // The rebuild forgot to copy the rows: the child's reference would dangle.
    await expect(migrate(db, { migrations, backupDir: dir })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      cause: {
        message: expect.stringMatching(/left 1 broken references \(first: child -> parent\)/),
      },
    });
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0018", () => {
  it('0018 moves the line commands into the device journal, states and errors kept, and drops meter_commands', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 17), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'supervisor', 'x', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000002', 'DDSY1352-NK', 'remote', 1, 't');
      INSERT INTO meter_commands (meter_id, command, reason, detail, state, error, operator_id, created_at, resolved_at)
        VALUES (1, 'trip', '欠费', NULL, 'done', NULL, 1, 't1', 't1'),
               (1, 'setLimits', '参数', '{"alarm1Fen":2000}', 'failed', 'METER_NO_ANSWER', 1, 't2', 't2'),
               (1, 'setTariff', '调价', '{"tariffVersionId":7}', 'pending', NULL, 1, 't3', NULL);
    `);
    const result = await migrate(db, { migrations: all.slice(0, 18), backupDir: dir });
    expect(result).toMatchObject({ from: 17, to: 18 });
    const rows = db
      .prepare(
        'SELECT operation_id, kind, target, meter_id, account_id, state, payload, outcome, created_at, resolved_at FROM device_operations ORDER BY id',
      )
      .all() as Record<string, unknown>[];
    expect(
      rows.map((r) => ({
        ...r,
        payload: JSON.parse(r.payload as string) as unknown,
        outcome: r.outcome === null ? null : (JSON.parse(r.outcome as string) as unknown),
      })),
    ).toEqual([
      {
        operation_id: 'meter-command-1',
        kind: 'relayCommand',
        target: 'remote',
        meter_id: 1,
        account_id: null,
        state: 'committed',
        payload: { command: 'trip', reason: '欠费', detail: null },
        outcome: null,
        created_at: 't1',
        resolved_at: 't1',
      },
      {
        operation_id: 'meter-command-2',
        kind: 'limitPush',
        target: 'remote',
        meter_id: 1,
        account_id: null,
        state: 'voided',
        payload: { command: 'setLimits', reason: '参数', detail: { alarm1Fen: 2000 } },
        outcome: { error: 'METER_NO_ANSWER' },
        created_at: 't2',
        resolved_at: 't2',
      },
      {
        operation_id: 'meter-command-3',
        kind: 'tariffPush',
        target: 'remote',
        meter_id: 1,
        account_id: null,
        state: 'pending',
        payload: { command: 'setTariff', reason: '调价', detail: { tariffVersionId: 7 } },
        outcome: null,
        created_at: 't3',
        resolved_at: null,
      },
    ]);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'meter_commands%'").all(),
    ).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0019", () => {
  it('0019 gives every card its issue in the device journal: pending while issuing, voided when void, committed otherwise', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 18), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000002', 'DDSY1352', 'card', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('2', 1, 2, 1, 't');
      INSERT INTO cards (card_no, account_id, generation, status, created_at, created_by, status_at)
        VALUES ('000000000001', 1, 0, 'replaced', 'c1', 1, 's1'),
               ('000000000002', 1, 1, 'active', 'c2', 1, 's2'),
               ('000000000003', 2, 0, 'void', 'c3', 1, 's3'),
               ('000000000004', 2, 0, 'issuing', 'c4', 1, 'c4');
    `);
    const result = await migrate(db, { migrations: all.slice(0, 19), backupDir: dir });
    expect(result).toMatchObject({ from: 18, to: 19 });
    const rows = (
      db
        .prepare(
          'SELECT kind, target, meter_id, account_id, state, payload, outcome, created_at, resolved_at FROM device_operations ORDER BY id',
        )
        .all() as Record<string, unknown>[]
    ).map((r) => ({
      ...r,
      payload: JSON.parse(r.payload as string) as unknown,
      outcome: r.outcome === null ? null : (JSON.parse(r.outcome as string) as unknown),
    }));
    const common = { target: 'card', created_at: expect.any(String) };
    expect(rows).toEqual([
      {
        ...common,
        kind: 'cardIssue',
        meter_id: 1,
        account_id: 1,
        state: 'committed',
        payload: { cardNo: '000000000001', cardId: 1, generation: 0, replaces: null },
        outcome: { cardStatus: 'active' },
        resolved_at: 's1',
      },
      {
        ...common,
        kind: 'cardReissue',
        meter_id: 1,
        account_id: 1,
        state: 'committed',
        payload: { cardNo: '000000000002', cardId: 2, generation: 1, replaces: '000000000001' },
        outcome: { cardStatus: 'active' },
        resolved_at: 's2',
      },
      {
        ...common,
        kind: 'cardIssue',
        meter_id: 2,
        account_id: 2,
        state: 'voided',
        payload: { cardNo: '000000000003', cardId: 3, generation: 0, replaces: null },
        outcome: { cardStatus: 'void' },
        resolved_at: 's3',
      },
      {
        ...common,
        kind: 'cardIssue',
        meter_id: 2,
        account_id: 2,
        state: 'pending',
        payload: { cardNo: '000000000004', cardId: 4, generation: 0, replaces: null },
        outcome: null,
        resolved_at: null,
      },
    ]);
    expect(
      db.prepare('SELECT created_at FROM device_operations ORDER BY id').pluck().all(),
    ).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0020", () => {
  it('0020 gives every management card its making in the device journal', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 19), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('zhang', 'zhang', 'supervisor', 'x', 't');
      INSERT INTO management_cards (card_no, kind, status, contents, results, made_at, made_by, status_at, read_at)
        VALUES ('900000000001', 'parameter', 'superseded', '{}', '[{"meterNo":"1"}]', 'm1', 1, 's1', 'r1'),
               ('900000000001', 'check', 'made', '{}', NULL, 'm2', 1, 's2', NULL),
               ('900000000002', 'clear', 'superseded', '{}', NULL, 'm3', 1, 's3', NULL),
               ('900000000002', 'clear', 'making', '{}', NULL, 'm4', 1, 'm4', NULL),
               ('900000000003', 'test', 'void', '{}', NULL, 'm5', 1, 's5', NULL),
               ('900000000004', 'timeSet', 'erased', '{}', NULL, 'm6', 1, 's6', NULL);
    `);
    await migrate(db, { migrations: all.slice(0, 20), backupDir: dir });
    expect(
      db
        .prepare(
          `SELECT json_extract(payload, '$.cardNo') AS cardNo, json_extract(payload, '$.cardKind') AS cardKind,
             state, json_extract(outcome, '$.cardStatus') AS cardStatus, created_at, resolved_at
           FROM device_operations WHERE kind = 'managementCard' ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        cardNo: '900000000001',
        cardKind: 'parameter',
        state: 'committed',
        cardStatus: 'superseded',
        created_at: 'm1',
        resolved_at: 's1',
      },
      {
        cardNo: '900000000001',
        cardKind: 'check',
        state: 'committed',
        cardStatus: 'made',
        created_at: 'm2',
        resolved_at: 's2',
      },
      {
        cardNo: '900000000002',
        cardKind: 'clear',
        state: 'voided',
        cardStatus: 'superseded',
        created_at: 'm3',
        resolved_at: 's3',
      },
      {
        cardNo: '900000000002',
        cardKind: 'clear',
        state: 'pending',
        cardStatus: null,
        created_at: 'm4',
        resolved_at: null,
      },
      {
        cardNo: '900000000003',
        cardKind: 'test',
        state: 'voided',
        cardStatus: 'void',
        created_at: 'm5',
        resolved_at: 's5',
      },
      {
        cardNo: '900000000004',
        cardKind: 'timeSet',
        state: 'committed',
        cardStatus: 'made',
        created_at: 'm6',
        resolved_at: 's6',
      },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0021", () => {
  it('0021 keeps every sale (ids, shifts, cash, balances) and adds grants held to one per batch member', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 20), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('zhang', 'zhang', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352-NK', 'nk', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
      INSERT INTO shifts (operator_id, state, opened_at) VALUES (1, 'open', 't');
      INSERT INTO device_operations (operation_id, kind, target, meter_id, account_id, state, payload, operator_id, created_at)
        VALUES ('o1', 'remoteRecharge', 'remote', 1, 1, 'committed', '{}', 1, 't'),
               ('o2', 'remoteRecharge', 'remote', 1, 1, 'voided', '{}', 1, 't'),
               ('o3', 'batchRecharge', 'remote', 1, 1, 'committed', '{}', 1, 't'),
               ('o4', 'batchRecharge', 'remote', 1, 1, 'committed', '{}', 1, 't');
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't'), (2, 'void', 't'), (3, 'issued', 't'), (4, 'issued', 't');
      INSERT INTO sales (id, operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
                         payment_method, tendered_fen, operator_id, status, created_at, committed_at, shift_id,
                         meter_balance_after_fen, meter_balance_at)
        VALUES (7, 1, 1, 1, 1000, 1176, 8500, 1, 1, 'cash', 2000, 1, 'committed', 'c1', 'k1', 1, 1500, 'b1'),
               (9, 2, 1, 2, 500, 588, 8500, 1, 2, 'wechat', NULL, 1, 'voided', 'c2', NULL, 1, NULL, NULL);
    `);
    const before = db.prepare('SELECT * FROM sales ORDER BY id').all();
    await migrate(db, { migrations: all.slice(0, 21), backupDir: dir });
    const after = db.prepare('SELECT * FROM sales ORDER BY id').all() as Record<string, unknown>[];
    expect(after).toEqual(
      (before as Record<string, unknown>[]).map((s) => ({
        ...s,
        batch_id: null,
        allowance_month: null,
      })),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);

    db.exec(`
      INSERT INTO recharge_batches (kind, amount_fen, reason, operator_id, state, created_at) VALUES ('amount', 500, 'r', 1, 'running', 't');
      INSERT INTO recharge_batch_members (batch_id, account_id, amount_fen, position) VALUES (1, 1, 500, 0);`);
    const grant = db.prepare(
      `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
        payment_method, operator_id, status, created_at, batch_id, shift_id) VALUES (?, 1, ?, 500, 588, 8500, 1, 3, ?, 1, 'committed', 't', ?, ?)`,
    );
    // A grant belongs to a batch and to no shift; only a grant belongs to a batch.
    expect(() => grant.run(3, 3, 'grant', null, null)).toThrow(/CHECK/);
    expect(() => grant.run(3, 3, 'cash', 1, null)).toThrow(/CHECK/);
    expect(() => grant.run(3, 3, 'grant', 1, 1)).toThrow(/CHECK/);
    grant.run(3, 3, 'grant', 1, null);
    // One live recharge per member of a batch.
    expect(() => grant.run(4, 4, 'grant', 1, null)).toThrow(/UNIQUE/);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0022", () => {
  it('0022 keeps every meter (ids, references) and adds metering models and office billing', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 21), backupDir: dir });
    db.exec(`
      INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('zhang', 'zhang', 'cashier', 'x', 't');
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (id, meter_no, circuit, model, kind, phases, ct_ratio, installed_at, install_reading, state, created_at, via_acrt, protocol, modbus_unit)
        VALUES (5, '000000000161', 0, 'DDSY1352-NK', 'nk', 1, 1, 'i', 12, 'in_service', 'c', 0, 'modbus', 7),
               (9, '000000000900', 3, 'ADF300', 'remote', 1, 20, NULL, 0, 'in_stock', 'c', 0, 'dlt645', NULL);
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 5, 1, 't');
      INSERT INTO meter_readings (meter_id, read_at, energy) VALUES (5, 'r', 100);
    `);
    const before = db.prepare('SELECT * FROM meters ORDER BY id').all();
    await migrate(db, { migrations: all.slice(0, 22), backupDir: dir });
    expect(db.prepare('SELECT * FROM meters ORDER BY id').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      db
        .prepare(
          'SELECT billing, office_balance_fen, billed_registers, keep_power, billing_tripped FROM accounts',
        )
        .get(),
    ).toEqual({
      billing: 'meter',
      office_balance_fen: 0,
      billed_registers: null,
      keep_power: 0,
      billing_tripped: 0,
    });
    db.prepare(
      "INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000003001', 'DDSD1352', 'metering', 1, 'c')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000003002', 'DDSD1352', 'prepaid', 1, 'c')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE accounts SET billing = 'both'").run()).toThrow(/CHECK/);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * A ledger at the version before `version`, with an operator, a customer, a card meter, a tariff
 * and an open account in it, and how to take it one migration on.
 */
async function ledgerBefore(version: number) {
  const dir = tempDir();
  const all = loadMigrations(migrationsDir());
  const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
  await migrate(db, { migrations: all.slice(0, version - 1), backupDir: dir });
  db.exec(`
    INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('li', 'li', 'supervisor', 'x', 't');
    INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
    INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
    INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
    INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
    INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('1', 1, 1, 1, 't');
  `);
  return {
    db,
    step: () => migrate(db, { migrations: all.slice(0, version), backupDir: dir }),
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("the app's migrations, 0004–0007", () => {
  it('0004 adds refunds and account events, and owes no meter credit on the accounts before it', async () => {
    const ledger = await ledgerBefore(4);
    const { db } = ledger;
    await expect(ledger.step()).resolves.toMatchObject({ from: 3, to: 4 });
    expect(db.prepare('SELECT account_no, meter_credit_owed_fen FROM accounts').all()).toEqual([
      { account_no: '1', meter_credit_owed_fen: 0 },
    ]);
    db.exec(`
      INSERT INTO receipts (receipt_no, status, created_at) VALUES (1, 'issued', 't');
      INSERT INTO refunds (account_id, kind, amount_fen, payment_method, reason, meter_remaining_fen, remaining_source, remaining_at, receipt_no, operator_id, approved_by, created_at)
        VALUES (1, 'closing', 500, 'cash', '退租', 500, 'meter', 't', 1, 1, 1, 't');
      INSERT INTO account_events (account_id, kind, reason, meter_reading, meter_remaining_fen, refund_id, operator_id, created_at)
        VALUES (1, 'closed', '退租', 1234, 500, 1, 1, 't');
    `);
    // A refund of nothing, or two on one receipt, is refused by the schema itself.
    const refund = (receipt: number, fen: number) =>
      db
        .prepare(
          `INSERT INTO refunds (account_id, kind, amount_fen, payment_method, reason, meter_remaining_fen, remaining_source, remaining_at, receipt_no, operator_id, approved_by, created_at)
           VALUES (1, 'refund', ?, 'cash', 'x', 0, 'meter', 't', ?, 1, 1, 't')`,
        )
        .run(fen, receipt);
    expect(() => refund(1, 100)).toThrow(/UNIQUE/);
    expect(() => refund(1, 0)).toThrow(/CHECK/);
    expect(() =>
      db.prepare('UPDATE accounts SET meter_credit_owed_fen = -1 WHERE id = 1').run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    ledger.close();
  });

  it('0005 adds meter replacements, which must move to another meter', async () => {
    const ledger = await ledgerBefore(5);
    const { db } = ledger;
    await expect(ledger.step()).resolves.toMatchObject({ from: 4, to: 5 });
    db.exec(
      "INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000002', 'DDSY1352', 'card', 1, 't')",
    );
    const replace = (to: number) =>
      db
        .prepare(
          `INSERT INTO meter_replacements (account_id, old_meter_id, new_meter_id, old_final_reading, new_install_reading, carried_fen, carried_source, purchase_count, reason, operator_id, created_at)
           VALUES (1, 1, ?, 100, 0, 250, 'meter', 3, '表坏', 1, 't')`,
        )
        .run(to);
    replace(2);
    expect(() => replace(1)).toThrow(/CHECK/);
    expect(
      db.prepare('SELECT account_id, carried_fen, purchase_count FROM meter_replacements').all(),
    ).toEqual([{ account_id: 1, carried_fen: 250, purchase_count: 3 }]);
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    ledger.close();
  });

  it('0006 adds cards: one live card an account, twelve digits a number', async () => {
    const ledger = await ledgerBefore(6);
    const { db } = ledger;
    await expect(ledger.step()).resolves.toMatchObject({ from: 5, to: 6 });
    const card = (cardNo: string, status: string) =>
      db
        .prepare(
          `INSERT INTO cards (card_no, account_id, generation, status, created_at, created_by, status_at)
           VALUES (?, 1, 0, ?, 't', 1, 't')`,
        )
        .run(cardNo, status);
    card('000000000001', 'lost');
    card('000000000002', 'active');
    // A second live card (active or being issued) for the same account is refused.
    expect(() => card('000000000003', 'issuing')).toThrow(/UNIQUE/);
    expect(() => card('00000000000A', 'void')).toThrow(/CHECK/);
    expect(() => card('000000000004', 'stolen')).toThrow(/CHECK/);
    expect(db.prepare('SELECT card_no, status FROM cards ORDER BY id').all()).toEqual([
      { card_no: '000000000001', status: 'lost' },
      { card_no: '000000000002', status: 'active' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    ledger.close();
  });

  it('0007 adds management cards, meter reports and findings: one current making a card number, one report a write-back', async () => {
    const ledger = await ledgerBefore(7);
    const { db } = ledger;
    await expect(ledger.step()).resolves.toMatchObject({ from: 6, to: 7 });
    const making = (status: string) =>
      db
        .prepare(
          `INSERT INTO management_cards (card_no, kind, status, contents, made_at, made_by, status_at)
           VALUES ('900000000001', 'check', ?, '{}', 't', 1, 't')`,
        )
        .run(status);
    making('superseded');
    making('made');
    expect(() => making('making')).toThrow(/UNIQUE/);
    const report = () =>
      db
        .prepare(
          `INSERT INTO meter_reports (meter_id, account_id, source, card_no, loaded_count, remaining_fen, cumulative_energy, illegal_insert_count, tamper_flags, written_at, read_at)
           VALUES (1, 1, 'write-back', '000000000001', 3, 1200, 5000, 0, 1, '2026-11-01 08:00:00', 't')`,
        )
        .run();
    report();
    // The same write-back read twice is one report.
    expect(() => report()).toThrow(/UNIQUE/);
    db.exec(
      `INSERT INTO inspection_findings (report_id, meter_id, account_id, rule, severity, details, found_at)
       VALUES (1, 1, 1, 'tamper', 'critical', '{"flags":1}', 't')`,
    );
    expect(() =>
      db.exec(
        `INSERT INTO inspection_findings (report_id, meter_id, account_id, rule, severity, details, found_at)
         VALUES (1, 1, 1, 'tamper', 'critical', '{}', 't')`,
      ),
    ).toThrow(/UNIQUE/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    ledger.close();
  });
});

describe("the app's migrations, 0001–0002", () => {
  it('0001 founds the office: one operator a user name whatever its case, roles from the list', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await expect(
      migrate(db, { migrations: all.slice(0, 1), backupDir: dir }),
    ).resolves.toMatchObject({ from: 0, to: 1 });
    const operator = (username: string, role: string) =>
      db
        .prepare(
          "INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES (?, 'x', ?, 'x', 't')",
        )
        .run(username, role);
    operator('wang', 'admin');
    expect(() => operator('WANG', 'cashier')).toThrow(/UNIQUE/);
    expect(() => operator('li', 'owner')).toThrow(/CHECK/);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('0002 adds the ledger to a version 1 office, keeping its operators: one open account a meter', async () => {
    const dir = tempDir();
    const all = loadMigrations(migrationsDir());
    const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
    await migrate(db, { migrations: all.slice(0, 1), backupDir: dir });
    db.exec(
      "INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('wang', 'w', 'admin', 'x', 't')",
    );
    await expect(
      migrate(db, { migrations: all.slice(0, 2), backupDir: dir }),
    ).resolves.toMatchObject({ from: 1, to: 2 });
    expect(db.prepare('SELECT username, role FROM operators').all()).toEqual([
      { username: 'wang', role: 'admin' },
    ]);
    db.exec(`
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, created_at, updated_at) VALUES ('C1', 'a', 'a', 'a', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('000000000001', 'DDSY1352', 'card', 1, 't');
      INSERT INTO tariffs (name, created_at) VALUES ('t', 't');
      INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES (1, 't', '{}', 't');
    `);
    const open = (accountNo: string, state = 'active') =>
      db
        .prepare(
          'INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at, state) VALUES (?, 1, 1, 1, ?, ?)',
        )
        .run(accountNo, 't', state);
    open('1', 'closed');
    open('2');
    // A meter has one account that is not closed: a second is refused by the schema itself.
    expect(() => open('3')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('12345', 'DDSY1352', 'card', 1, 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE accounts SET total_purchased_fen = -1 WHERE account_no = '2'").run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the app's migrations, 0023", () => {
  it('0023 gives each role the set it allowed before and no operator exceptions, keeping the operators', async () => {
    const ledger = await ledgerBefore(23);
    const { db } = ledger;
    const operatorsBefore = db.prepare('SELECT * FROM operators ORDER BY id').all();
    await ledger.step();
    expect(db.prepare('SELECT * FROM operators ORDER BY id').all()).toEqual(operatorsBefore);
    const seeded = db.prepare('SELECT role, permission FROM role_permissions').all() as {
      role: Role;
      permission: string;
    }[];
    // Permissions that came after 0023, each with the migration that grants it.
    const later = new Set(['messages']);
    for (const role of ROLES) {
      // The seed is written out in SQL; the app's defaults in TypeScript: they must agree.
      expect(
        seeded
          .filter((r) => r.role === role)
          .map((r) => r.permission)
          .sort(),
      ).toEqual(ROLE_DEFAULTS[role].filter((p) => !later.has(p)).sort());
    }
    expect(db.prepare('SELECT count(*) AS n FROM operator_permissions').get()).toEqual({ n: 0 });
    // An exception belongs to an operator who exists, and says granted or withheld.
    const own = db.prepare(
      'INSERT INTO operator_permissions (operator_id, permission, granted) VALUES (?, ?, ?)',
    );
    own.run(1, 'tariffs', 1);
    expect(() => own.run(1, 'audit', 2)).toThrow(/CHECK/);
    expect(() => own.run(99, 'audit', 0)).toThrow(/FOREIGN KEY/);
    expect(() => own.run(1, 'tariffs', 0)).toThrow(/UNIQUE|PRIMARY/);
    ledger.close();
  });
});

describe("the app's migrations, 0032", () => {
  it('0032 gives the SMS permission to every role that sets up devices, as an office changed them', async () => {
    const ledger = await ledgerBefore(32);
    const { db } = ledger;
    // An office that took devices from its supervisors and gave them to its cashiers.
    db.exec(`DELETE FROM role_permissions WHERE role = 'supervisor' AND permission = 'devices';
             INSERT INTO role_permissions (role, permission) VALUES ('cashier', 'devices');`);
    await ledger.step();
    const holding = (permission: string) =>
      (
        db
          .prepare('SELECT role FROM role_permissions WHERE permission = ? ORDER BY role')
          .all(permission) as { role: string }[]
      ).map((r) => r.role);
    expect(holding('messages')).toEqual(holding('devices'));
    expect(holding('messages')).toEqual(['admin', 'cashier']);
    ledger.close();
  });
});
