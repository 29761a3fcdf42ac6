// Shared by `npm start` and `npm test`: make a fresh clone runnable with nothing but Node and
// npm, by installing dependencies and building when they are missing or stale.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  return result.status ?? 1;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/** npm install when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(installed) && mtime(installed) >= mtime(lock)) return;
  console.log('Installing dependencies (npm install)…');
  if (run(npm, ['install', '--no-audit', '--no-fund']) !== 0) {
    throw new Error('npm install failed; see the output above (the README has troubleshooting).');
  }
}

const bindingLoads = () =>
  spawnSync(process.execPath, ['-e', "require('smartcard')"], { cwd: root, stdio: 'ignore' })
    .status === 0;

/**
 * The optional PC/SC binding (`smartcard`), built once its headers are there. On a fresh PC the
 * README's `npm install` runs before `npm test` installs libpcsclite-dev, so npm drops the
 * binding; a later `npm install` puts it back (it is in the lock file). Returns null when the
 * binding loads, otherwise why not.
 */
export function ensureCardBinding() {
  if (bindingLoads()) return null;
  if (process.platform === 'linux' && !fs.existsSync('/usr/include/PCSC/winscard.h'))
    return 'the PC/SC headers are not installed (libpcsclite-dev)';
  console.log('Building the card reader binding (smartcard) now that the PC/SC headers are here…');
  const installed = fs.existsSync(path.join(root, 'node_modules', 'smartcard', 'package.json'));
  const status = installed
    ? run(npm, ['rebuild', 'smartcard'])
    : run(npm, ['install', '--no-audit', '--no-fund']);
  return bindingLoads() ? null : `the smartcard binding could not be built (npm exited ${status})`;
}

const SOURCES = [
  'shared',
  'core',
  'electron',
  'renderer',
  'card',
  'meter-link',
  'sim',
  'resources',
  'package.json',
];

function newestSource(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === 'node_modules' || child.endsWith('.test.ts') || child.endsWith('.test.tsx'))
      continue;
    newest = Math.max(newest, newestSource(path.join(entry, child)));
  }
  return newest;
}

/** Builds the renderer and bundles when dist/ is missing or older than the sources. */
export function ensureBuilt({ force = false } = {}) {
  const stamp = path.join(root, 'dist', '.built');
  if (!force && fs.existsSync(stamp) && mtime(stamp) >= Math.max(...SOURCES.map(newestSource)))
    return;
  console.log('Building PowerTill…');
  if (run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]) !== 0) {
    throw new Error('The build failed; see the output above.');
  }
}

/** The Electron binary if this machine has one (npm cannot always fetch it). */
export function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return fs.existsSync(candidate) ? candidate : null;
  }
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/**
 * Native modules built for `runtime` in node_modules (scripts/lib/native.mjs): a copy when the
 * build is kept, a build otherwise. Says what it swapped; throws NativeBuildError on failure.
 */
export async function ensureNativeFor(runtime) {
  const { useNativeFor } = await import('./native.mjs');
  const report = await useNativeFor(runtime, { root });
  for (const line of report.filter((r) => r.how !== 'already'))
    console.log(
      `Native module ${line.package} now built for ${runtime.label} (ABI ${line.from ?? '?'} → ${line.to}, ${line.how}).`,
    );
  return report;
}
