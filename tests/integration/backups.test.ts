// Backups and restore through the API on real files: what a supervisor does when the PC breaks
// or a mistake must be undone, every bad file they might pick, and what an insider might forge.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEDULED_KEEP } from '../../core/backup/backups';
import { backupKey, MAGIC, openSealedBackup, sealBackup } from '../../core/backup/sealedBackup';
import type { BackupManifest } from '../../shared/api/ledgerTypes';
import {
  ADMIN,
  openTestCore,
  setUpOffice,
  signInAs,
  tempDir,
  type TestCore,
} from '../../core/testing';

describe('backups', () => {
  let core: TestCore;
  let admin: string;
  beforeEach(async () => {
    core = await openTestCore();
    admin = (await setUpOffice(core)).sessionId;
  });
  afterEach(() => core.dispose());

  const secret = () => core.services.secret.read()!;
  /** The database inside a sealed backup, as a copy on disk (the seal checked on the way). */
  async function databaseOf(
    file: string,
  ): Promise<{ db: Database.Database; manifest: BackupManifest }> {
    const opened = await openSealedBackup(file, backupKey(secret().secret), secret().fingerprint);
    const copy = path.join(tempDir(), 'inside.sqlite3');
    await opened.extract(copy);
    return { db: new Database(copy), manifest: opened.manifest };
  }

  const customers = (c = core) =>
    (
      c.services.db.prepare('SELECT name FROM customers ORDER BY id').all() as { name: string }[]
    ).map((r) => r.name);

  it('writes a verified copy into the backups folder and lists it', async () => {
    await core.ok('customers.create', { name: '星巴克咖啡' }, admin);
    const backup = await core.ok('backups.create', {}, admin);
    expect(backup).toMatchObject({
      kind: 'manual',
      folder: core.services.info.paths.backups,
      sealed: true,
    });
    expect(backup.fileName).toMatch(/\.ptbackup$/);
    const { db: copy, manifest } = await databaseOf(path.join(backup.folder, backup.fileName));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT name FROM customers').all()).toEqual([{ name: '星巴克咖啡' }]);
    copy.close();
    expect(manifest).toMatchObject({
      officeName: '万达广场物业服务中心',
      fingerprint: secret().fingerprint,
      operators: [{ username: 'admin', role: 'admin', active: true }],
      sales: 0,
      lastSale: null,
    });
    // What the admin is shown before confirming a restore.
    await expect(core.ok('backups.inspect', { fileName: backup.fileName }, admin)).resolves.toEqual(
      { fileName: backup.fileName, manifest },
    );
    await expect(core.ok('backups.list', {}, admin)).resolves.toEqual([backup]);
  });

  it('lets the office go on writing while it copies, and the copy holds one moment', async () => {
    await core.ok('customers.create', { name: '备份前' }, admin);
    let backupDone = false;
    const backup = core.ok('backups.create', {}, admin).finally(() => (backupDone = true));
    // Writes made while the backup is copied, checked and sealed (the copy and the checks run on
    // a thread of their own; the excel-year bench times what a million-sale backup keeps waiting).
    const duringBackup: string[] = [];
    for (let i = 0; !backupDone; i += 1) {
      const made = await core.ok('customers.create', { name: `备份中${i}` }, admin);
      if (!backupDone) duringBackup.push(made.name);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(duringBackup.length).toBeGreaterThan(0);
    expect(customers().slice(0, 1 + duringBackup.length)).toEqual(['备份前', ...duringBackup]);
    const made = await backup;
    const { db: copy } = await databaseOf(path.join(made.folder, made.fileName));
    const inCopy = (
      copy.prepare('SELECT name FROM customers ORDER BY id').all() as { name: string }[]
    ).map((r) => r.name);
    copy.close();
    // One consistent moment: the customer made before, then a prefix of those made meanwhile.
    expect(inCopy[0]).toBe('备份前');
    expect(inCopy.slice(1)).toEqual(duringBackup.slice(0, inCopy.length - 1));
  }, 60_000);

  it('writes to a chosen folder (a USB stick) and says plainly when it is not there', async () => {
    const usb = tempDir('powertill-usb-');
    const backup = await core.ok('backups.create', { folder: usb }, admin);
    expect(fs.existsSync(path.join(usb, backup.fileName))).toBe(true);
    await expect(
      core.call('backups.create', { folder: path.join(usb, 'unplugged') }, admin),
    ).resolves.toMatchObject({
      error: { code: 'BACKUP_FOLDER_UNAVAILABLE' },
    });
    fs.rmSync(usb, { recursive: true, force: true });
  });

  it('keeps the last 14 scheduled backups and makes one a day', async () => {
    for (let day = 0; day < SCHEDULED_KEEP + 3; day += 1) {
      expect(await core.services.backups.runSchedule()).not.toBeNull();
      expect(await core.services.backups.runSchedule()).toBeNull();
      core.clock.advance(24 * 3600_000);
    }
    const scheduled = core.services.backups.list().filter((b) => b.kind === 'scheduled');
    expect(scheduled).toHaveLength(SCHEDULED_KEEP);
  });

  it('restores a backup, keeping a copy of what it replaced, and signs everyone out', async () => {
    const secretBefore = core.services.secret.read();
    await core.ok('customers.create', { name: '星巴克咖啡' }, admin);
    const backup = await core.ok('backups.create', {}, admin);
    await core.ok('customers.create', { name: '后来的商户' }, admin);
    expect(customers()).toEqual(['星巴克咖啡', '后来的商户']);

    const result = await core.ok('backups.restore', { fileName: backup.fileName }, admin);
    expect(customers()).toEqual(['星巴克咖啡']);
    expect(result.restoredFrom).toBe(backup.fileName);
    const { db: safety } = await databaseOf(
      path.join(core.services.info.paths.backups, result.preRestoreBackup),
    );
    expect(safety.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2 });
    safety.close();
    await expect(core.call('settings.get', {}, admin)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(core.services.audit.verify().ok).toBe(true);
    // The backup did not carry the secret; the office's own was put back.
    expect(core.services.secret.read()).toEqual(secretBefore);
    expect(core.services.audit.list({ limit: 1 }).entries[0]).toMatchObject({
      method: 'backups.restore',
      detail: { restoredFrom: backup.fileName },
    });
    // The office works on afterwards.
    const again = await core.ok('auth.login', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    await expect(
      core.ok('customers.create', { name: '恢复后' }, again.sessionId),
    ).resolves.toMatchObject({ name: '恢复后' });
  });

  describe('refuses, changing nothing', () => {
    const restorePath = async (file: string) => {
      const before = customers();
      const result = await core.call('backups.restore', { path: file }, admin);
      expect(customers()).toEqual(before);
      return result;
    };

    it('a file that is not a database', async () => {
      const file = path.join(tempDir(), 'photo.sqlite3');
      fs.writeFileSync(file, Buffer.alloc(4096, 7));
      await expect(restorePath(file)).resolves.toMatchObject({
        error: { code: 'BACKUP_UNSEALED' },
      });
    });

    it('a damaged backup', async () => {
      await core.ok('customers.create', { name: '星巴克咖啡' }, admin);
      const backup = await core.ok('backups.create', {}, admin);
      const file = path.join(backup.folder, backup.fileName);
      const bytes = fs.readFileSync(file);
      bytes.fill(0xff, 4096, 8192);
      fs.writeFileSync(file, bytes);
      await expect(restorePath(file)).resolves.toMatchObject({
        error: { code: 'BACKUP_TAMPERED' },
      });
    });

    it('another program’s SQLite file', async () => {
      const file = path.join(tempDir(), 'other.sqlite3');
      const other = new Database(file);
      other.exec('CREATE TABLE notes (x TEXT)');
      other.pragma('user_version = 1');
      other.close();
      await expect(restorePath(file)).resolves.toMatchObject({
        error: { code: 'BACKUP_UNSEALED' },
      });
      // Even sealed with this office's own key (as only the office could), it is no ledger.
      const sealed = path.join(tempDir(), 'other.ptbackup');
      const { manifest } = await databaseOf(
        path.join(
          core.services.info.paths.backups,
          (await core.ok('backups.create', {}, admin)).fileName,
        ),
      );
      await sealBackup(file, manifest, backupKey(secret().secret), sealed);
      await expect(restorePath(sealed)).resolves.toMatchObject({
        error: { code: 'BACKUP_INVALID', params: { reason: 'not a PowerTill ledger' } },
      });
    });

    it('a ledger from a newer PowerTill', async () => {
      const backup = await core.ok('backups.create', {}, admin);
      const { db: newer, manifest } = await databaseOf(path.join(backup.folder, backup.fileName));
      newer.pragma('user_version = 99');
      newer.close();
      const sealed = path.join(tempDir(), 'newer.ptbackup');
      await sealBackup(newer.name, manifest, backupKey(secret().secret), sealed);
      await expect(restorePath(sealed)).resolves.toMatchObject({
        error: { code: 'DATABASE_NEWER_THAN_APP' },
      });
    });

    it('a backup of another office', async () => {
      const other = await openTestCore();
      try {
        const otherAdmin = (await setUpOffice(other)).sessionId;
        const theirs = await other.ok('backups.create', {}, otherAdmin);
        await expect(restorePath(path.join(theirs.folder, theirs.fileName))).resolves.toMatchObject(
          {
            error: {
              code: 'BACKUP_FOREIGN',
              params: {
                theirs: other.services.secret.read()!.fingerprint,
                ours: secret().fingerprint,
              },
            },
          },
        );
      } finally {
        await other.dispose();
      }
    });

    it('a backup a supervisor forged into admin: operator added, triggers dropped, sealed again', async () => {
      const supervisor = await signInAs(core, admin, 'supervisor');
      const usb = tempDir('powertill-usb-');
      const backup = await core.ok('backups.create', { folder: usb }, supervisor.sessionId);
      const file = path.join(usb, backup.fileName);
      const bytes = fs.readFileSync(file);
      // The secret is not in the file, in any form the office has it.
      expect(bytes.includes(secret().secret)).toBe(false);
      expect(bytes.includes(Buffer.from(secret().secret.toString('hex')))).toBe(false);

      // The forger knows the format (it is documented): takes the database out, edits it …
      const length = bytes.readUInt32BE(MAGIC.length);
      const at = MAGIC.length + 4 + length;
      const inside = path.join(tempDir(), 'inside.sqlite3');
      fs.writeFileSync(inside, bytes.subarray(at, bytes.length - 32));
      const db = new Database(inside);
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      db.prepare(
        "INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('mole', 'x', 'admin', 'scrypt$1$1$1$AA$AA', '2026-01-01')",
      ).run();
      // … rebuilds the chain with the only key it could have (none) …
      db.close();
      const manifest = JSON.parse(bytes.subarray(MAGIC.length + 4, at).toString('utf8'));
      manifest.operators.push({ username: 'mole', displayName: 'x', role: 'admin', active: true });
      // … and seals it again: under a guessed key, and with the original seal kept.
      const guessed = path.join(usb, 'forged-guess.ptbackup');
      await sealBackup(inside, manifest, backupKey(Buffer.alloc(32)), guessed);
      const kept = path.join(usb, 'forged-kept.ptbackup');
      const forgedBytes = fs.readFileSync(guessed);
      fs.writeFileSync(kept, Buffer.concat([forgedBytes.subarray(0, -32), bytes.subarray(-32)]));
      for (const forged of [guessed, kept]) {
        await expect(restorePath(forged)).resolves.toMatchObject({
          error: { code: 'BACKUP_TAMPERED' },
        });
        await expect(core.call('backups.inspect', { path: forged }, admin)).resolves.toMatchObject({
          error: { code: 'BACKUP_TAMPERED' },
        });
      }
      // A supervisor may make backups but neither restore nor look inside one.
      for (const method of ['backups.restore', 'backups.inspect'] as const)
        await expect(
          core.call(method, { path: file }, supervisor.sessionId),
        ).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(
        core.services.db
          .prepare("SELECT count(*) AS n FROM operators WHERE username = 'mole'")
          .get(),
      ).toEqual({ n: 0 });
      fs.rmSync(usb, { recursive: true, force: true });
    });

    it('a name outside the backups folder, and a cashier', async () => {
      await expect(
        core.call('backups.restore', { fileName: '../powertill.sqlite3' }, admin),
      ).resolves.toMatchObject({ error: { code: 'BACKUP_NOT_FOUND' } });
      const cashier = await signInAs(core, admin, 'cashier');
      await expect(core.call('backups.list', {}, cashier.sessionId)).resolves.toEqual({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });
  });
});

describe('the schedule at start-up', () => {
  it('makes the first daily backup when the office opens', async () => {
    const dataDir = tempDir();
    const first = await openTestCore({ dataDir });
    await setUpOffice(first);
    await first.close();
    const core = await openTestCore({ dataDir, scheduleBackups: true });
    try {
      // The backup runs beside the opening: waited for (a busy machine took over a second once),
      // not timed.
      for (let i = 0; i < 1_000 && core.services.backups.list().length === 0; i += 1)
        await new Promise((r) => setTimeout(r, 20));
      expect(core.services.backups.list().map((b) => b.kind)).toEqual(['scheduled']);
    } finally {
      await core.dispose();
    }
  }, 60_000);
});
