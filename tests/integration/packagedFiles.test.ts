// The packaged app's file set, as electron-builder would take it: exactly the files
// build/electron-builder.yml's `files` globs select (plus the production node_modules, which
// electron-builder adds itself) are copied into a folder of their own, and the host is started
// from there: the login page is served and PDFs with Chinese text are made (their font is read at
// run time, so a glob that leaves resources/ out breaks every receipt).
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import { tempDir } from '../../core/testing';
import { readPdf } from './pdf';
import { hostBuilt, root, setUpHost, startHost, type HostRun } from './hostRun';

/** Every file under root (relative, with /), leaving out what never ships. */
function allFiles(dir = root, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (prefix === '' && ['node_modules', '.git'].includes(entry.name)) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...allFiles(path.join(dir, entry.name), relative));
    else if (entry.isFile()) found.push(relative);
  }
  return found;
}

/** electron-builder's rule: a file ships when the last pattern that matches it is not negated. */
function selected(files: string[], patterns: string[]): string[] {
  return files.filter((file) => {
    let take = false;
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) take = !negated;
    }
    return take;
  });
}

describe('the packaged file set', () => {
  let dir: string;
  let app: string;
  let run: HostRun;
  let admin: string;
  beforeAll(async () => {
    hostBuilt();
    const config = yaml.load(
      fs.readFileSync(path.join(root, 'build', 'electron-builder.yml'), 'utf8'),
    ) as { files: string[] };
    dir = tempDir();
    app = path.join(dir, 'app');
    for (const file of selected(allFiles(), config.files)) {
      fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(app, file));
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    run = await startHost(['--data-dir', path.join(dir, 'data')], {
      script: path.join(app, 'dist', 'host', 'main.cjs'),
    });
    admin = await setUpHost(run);
  }, 120_000);
  afterAll(async () => {
    await run?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the runtime assets: migrations, the renderer, the receipt font and its licence', () => {
    for (const file of [
      'package.json',
      'dist/host/main.cjs',
      'dist/host/ledger-file-worker.cjs',
      'dist/electron/main.cjs',
      'dist/electron/ledger-file-worker.cjs',
      'dist/renderer/index.html',
      'core/db/migrations/0001_foundation.sql',
      'resources/fonts/wqy-microhei.ttc',
      'resources/fonts/LICENSE-Apache-2.0.txt',
    ])
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, true]);
    // Nothing of the sources or tests rides along.
    expect(fs.existsSync(path.join(app, 'core', 'app.ts'))).toBe(false);
    expect(fs.existsSync(path.join(app, 'tests'))).toBe(false);
  });

  it('serves the login page from there', async () => {
    const page = await fetch(run.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('makes PDFs with Chinese text from there: the daily report and the hand-over slip', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const report = await run.call(
      'reports.salesFile',
      { from: today, to: today, format: 'pdf' },
      admin,
    );
    expect(report.ok).toBe(true);
    expect(readPdf((report.value as { base64: string }).base64).text).toContain(
      '万达广场物业服务中心',
    );
    const shift = (await run.call('shifts.current', {}, admin)).value as { id: number };
    const slip = await run.call('shifts.report', { shiftId: shift.id }, admin);
    expect(slip.ok).toBe(true);
    expect(readPdf((slip.value as { base64: string }).base64).text).toContain('交班报表');
  });

  it('backs up from there: the copy made and checked on its own bundled thread', async () => {
    const made = await run.call('backups.create', {}, admin);
    expect(made.ok).toBe(true);
    const { folder, fileName } = made.value as { folder: string; fileName: string };
    expect(fs.statSync(path.join(folder, fileName)).size).toBeGreaterThan(0);
  }, 60_000);
});
