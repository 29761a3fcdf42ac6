// The host as `npm start -- --headless` runs it: a real process, its ready line, one instance per
// data folder, training mode on its own database, and refusing a database newer than the app.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../core/testing';
import { hostBuilt, startHost } from './hostRun';

const start = (args: string[], options: { untilExit?: boolean } = {}) => startHost(args, options);

describe('the host process', () => {
  beforeAll(hostBuilt);

  let dataDir: string;
  beforeEach(() => (dataDir = tempDir()));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints one ready line, and a second start points to the first instead of opening the ledger twice', async () => {
    const first = await start(['--data-dir', dataDir]);
    try {
      const lines = first.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^PowerTill ready at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/,
      );
      const second = await start(['--data-dir', dataDir], { untilExit: true });
      expect(second.code).toBe(0);
      expect(second.stdout.trim()).toBe(lines[0]);
      expect(second.stderr).toContain('PowerTill 已在运行');
      expect(second.stderr).toContain('already running');
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(path.join(dataDir, 'powertill.lock'))).toBe(false);
  }, 30_000);

  it('opens training mode on its own database', async () => {
    const run = await start(['--data-dir', dataDir, '--demo']);
    await run.stop();
    expect(fs.existsSync(path.join(dataDir, 'training', 'powertill-training.sqlite3'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'powertill.sqlite3'))).toBe(false);
  }, 30_000);

  it('refuses a database made by a newer version, in both languages, without touching it', async () => {
    const file = path.join(dataDir, 'powertill.sqlite3');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    const run = await start(['--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('数据库由更新版本的 PowerTill 创建');
    expect(run.stderr).toContain('made by a newer PowerTill (schema 999');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  }, 30_000);

  it('explains a bad flag', async () => {
    const run = await start(['--port', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a whole number');
    expect(run.stderr).toContain('Usage: npm start');
  }, 30_000);
});
