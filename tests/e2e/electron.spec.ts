// The real desktop window, where an Electron binary exists. On machines that cannot download one
// (this project's CI) it skips and says so; the shell's settings are unit-tested with electron mocked.
import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function electronBinary(): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();

/** Native modules for a runtime, as `npm start` and `npm test` put them (scripts/lib/native.mjs). */
function nativeFor(runtime: 'electron' | 'node') {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'native.mjs'), 'use', runtime],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`native modules for ${runtime}: ${run.stderr}`);
}

// The window needs better-sqlite3 built for Electron's ABI; the suites after this one run under
// Node again. (Playwright runs one worker, so no other spec starts a host in between.)
test.beforeAll(() => {
  if (binary) nativeFor('electron');
});
test.afterAll(() => {
  if (binary) nativeFor('node');
});

test('the desktop window loads the app over app:// with the preload bridge only', async () => {
  test.skip(
    !binary,
    'no Electron binary on this machine (it cannot be downloaded here); the shell is covered by unit tests with electron mocked',
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, '--data-dir', dataDir, '--no-sandbox'],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText('首次使用设置')).toBeVisible();
    expect(window.url()).toBe('app://powertill/');
    const exposed = await window.evaluate(() => ({
      bridge: Object.keys((window as unknown as { powertill: object }).powertill).sort(),
      node: typeof (window as unknown as { require?: unknown }).require,
    }));
    expect(exposed).toEqual({ bridge: ['invoke', 'on'], node: 'undefined' });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
