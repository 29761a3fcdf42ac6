// Backups and restore through the API on real files: what a supervisor does when the PC breaks
// or a mistake must be undone, and every bad file they might pick.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEDULED_KEEP } from '../../core/backup/backups';
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

  const customers = (c = core) =>
    (
      c.services.db.prepare('SELECT name FROM customers ORDER BY id').all() as { name: string }[]
    ).map((r) => r.name);

  it('writes a verified copy into the backups folder and lists it', async () => {
    await core.ok('customers.create', { name: '星巴克咖啡' }, admin);
    const backup = await core.ok('backups.create', {}, admin);
    expect(backup).toMatchObject({ kind: 'manual', folder: core.services.info.paths.backups });
    const copy = new Database(path.join(backup.folder, backup.fileName), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT name FROM customers').all()).toEqual([{ name: '星巴克咖啡' }]);
    copy.close();
    await expect(core.ok('backups.list', {}, admin)).resolves.toEqual([backup]);
  });

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
    await core.ok('customers.create', { name: '星巴克咖啡' }, admin);
    const backup = await core.ok('backups.create', {}, admin);
    await core.ok('customers.create', { name: '后来的商户' }, admin);
    expect(customers()).toEqual(['星巴克咖啡', '后来的商户']);

    const result = await core.ok('backups.restore', { fileName: backup.fileName }, admin);
    expect(customers()).toEqual(['星巴克咖啡']);
    expect(result.restoredFrom).toBe(backup.fileName);
    const safety = new Database(
      path.join(core.services.info.paths.backups, result.preRestoreBackup),
      { readonly: true },
    );
    expect(safety.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2 });
    safety.close();
    await expect(core.call('settings.get', {}, admin)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(core.services.audit.verify().ok).toBe(true);
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
      await expect(restorePath(file)).resolves.toMatchObject({ error: { code: 'BACKUP_INVALID' } });
    });

    it('a damaged backup', async () => {
      await core.ok('customers.create', { name: '星巴克咖啡' }, admin);
      const backup = await core.ok('backups.create', {}, admin);
      const file = path.join(backup.folder, backup.fileName);
      const bytes = fs.readFileSync(file);
      bytes.fill(0xff, 4096, 8192);
      fs.writeFileSync(file, bytes);
      await expect(restorePath(file)).resolves.toMatchObject({ error: { code: 'BACKUP_INVALID' } });
    });

    it('another program’s SQLite file', async () => {
      const file = path.join(tempDir(), 'other.sqlite3');
      const other = new Database(file);
      other.exec('CREATE TABLE notes (x TEXT)');
      other.pragma('user_version = 1');
      other.close();
      await expect(restorePath(file)).resolves.toMatchObject({
        error: { code: 'BACKUP_INVALID', params: { reason: 'not a PowerTill ledger' } },
      });
    });

    it('a ledger from a newer PowerTill', async () => {
      const backup = await core.ok('backups.create', {}, admin);
      const file = path.join(backup.folder, backup.fileName);
      const newer = new Database(file);
      newer.pragma('user_version = 99');
      newer.close();
      await expect(restorePath(file)).resolves.toMatchObject({
        error: { code: 'DATABASE_NEWER_THAN_APP' },
      });
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
    const core = await openTestCore({ scheduleBackups: true });
    try {
      await setUpOffice(core);
      for (let i = 0; i < 50 && core.services.backups.list().length === 0; i += 1)
        await new Promise((r) => setTimeout(r, 20));
      expect(core.services.backups.list().map((b) => b.kind)).toEqual(['scheduled']);
    } finally {
      await core.dispose();
    }
  });
});
