// Native modules and the runtime each was built for. Electron and Node give addons different
// ABIs (NODE_MODULE_VERSION): an addon on V8's own API (better-sqlite3) loads only in the runtime
// it was compiled for, while Node-API addons (smartcard, @serialport/bindings-cpp) load in both.
// `npm start` with Electron and `npm test` under Node each need theirs, so the V8-API builds are
// kept per ABI beside node_modules and swapped in by the scripts (decision 0018).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const NODE_API = [Buffer.from('napi_register_module_v1'), Buffer.from('napi_module_register')];
const V8_API = /node_register_module_v(\d+)/;

/**
 * What a compiled addon says of itself, read from the file (no load): `NODE_MODULE_INIT` exports
 * `node_register_module_v<ABI>`, Node-API addons export `napi_register_module_v1` (or call
 * `napi_module_register`). ELF, PE and Mach-O all keep export names as plain ASCII.
 */
export function addonKind(file) {
  const bytes = fs.readFileSync(file);
  const v8 = V8_API.exec(bytes.toString('latin1'));
  if (v8) return { kind: 'abi', abi: Number(v8[1]) };
  if (NODE_API.some((marker) => bytes.includes(marker))) return { kind: 'node-api' };
  return { kind: 'unknown' };
}

/** The runtime an ABI number belongs to, in words ("Node.js 20", "Electron 45"). */
export function runtimeOfAbi(abi) {
  const require = createRequire(import.meta.url);
  try {
    const { allTargets } = require('node-abi');
    const names = new Map();
    for (const target of allTargets) {
      if (Number(target.abi) !== abi) continue;
      const label = `${target.runtime === 'node' ? 'Node.js' : 'Electron'} ${target.target.split('.')[0]}`;
      names.set(label, true);
    }
    if (names.size > 0) return [...names.keys()].join(' / ');
  } catch {
    // node-abi missing: the number alone
  }
  return `ABI ${abi}`;
}

export function nodeRuntime() {
  return {
    name: 'node',
    version: process.versions.node,
    abi: Number(process.versions.modules),
    label: `Node.js ${process.versions.node}`,
  };
}

/** The Electron that `npm install` put in node_modules, with its ABI; null if none. */
export function electronRuntime(root) {
  const pkg = path.join(root, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(pkg)) return null;
  const { version } = JSON.parse(fs.readFileSync(pkg, 'utf8'));
  // The electron package writes its ABI beside itself; node-abi knows released versions too.
  const abiFile = path.join(root, 'node_modules', 'electron', 'abi_version');
  let abi = fs.existsSync(abiFile) ? Number(fs.readFileSync(abiFile, 'utf8').trim()) : NaN;
  if (!Number.isInteger(abi)) {
    abi = Number(createRequire(import.meta.url)('node-abi').getAbi(version, 'electron'));
  }
  return { name: 'electron', version, abi, label: `Electron ${version}` };
}

function packageRoot(file, nodeModules) {
  for (let dir = path.dirname(file); dir.startsWith(nodeModules); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (name) return { name, version, dir };
  }
  return null;
}

/** Every `.node` file under node_modules (build intermediates and our own cache left out). */
export function nativeFiles(root) {
  const nodeModules = path.join(root, 'node_modules');
  const found = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['.cache', '.bin', 'obj', 'obj.target', '.deps'].includes(entry.name)) continue;
        walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.node')) {
        const pkg = packageRoot(full, nodeModules);
        found.push({
          package: pkg?.name ?? '?',
          version: pkg?.version ?? '?',
          packageDir: pkg?.dir ?? path.dirname(full),
          file: full,
          ...addonKind(full),
        });
      }
    }
  };
  walk(nodeModules);
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

export class NativeBuildError extends Error {}

const cacheRoot = (root) => path.join(root, 'node_modules', '.cache', 'powertill-native');
const cacheDir = (root, pkg, abi) =>
  path.join(
    cacheRoot(root),
    `${pkg.name.replace('/', '+')}@${pkg.version}`,
    `${process.platform}-${process.arch}-abi${abi}`,
  );

/**
 * Copies whose folder already names their ABI (@electron/rebuild's `bin/<platform>-<arch>-<abi>/`,
 * node-pre-gyp's `lib/binding/node-v<abi>-…/`): they sit beside the others, never in their way.
 */
const PER_ABI_FOLDER = /(^|[\\/])(bin[\\/][^\\/]+-\d+|lib[\\/]binding[\\/]node-v\d+[^\\/]*)[\\/]/;

/** The V8-API packages in node_modules, each with the addon files a runtime loads and their ABI. */
export function abiBoundPackages(root) {
  const packages = new Map();
  for (const addon of nativeFiles(root)) {
    if (addon.kind !== 'abi') continue;
    if (PER_ABI_FOLDER.test(path.relative(addon.packageDir, addon.file))) continue;
    const entry = packages.get(addon.packageDir) ?? {
      name: addon.package,
      version: addon.version,
      dir: addon.packageDir,
      files: [],
    };
    entry.files.push({ rel: path.relative(addon.packageDir, addon.file), abi: addon.abi });
    packages.set(addon.packageDir, entry);
  }
  return [...packages.values()];
}

function keep(root, pkg, abi) {
  const dir = cacheDir(root, pkg, abi);
  if (fs.existsSync(path.join(dir, '.complete'))) return;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const { rel } of pkg.files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(path.join(pkg.dir, rel), path.join(dir, rel));
  }
  fs.writeFileSync(path.join(dir, '.complete'), `${new Date().toISOString()}\n`);
}

function kept(root, pkg, abi) {
  const dir = cacheDir(root, pkg, abi);
  if (!fs.existsSync(path.join(dir, '.complete'))) return null;
  for (const { rel } of pkg.files) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file) || addonKind(file).abi !== abi) return null;
  }
  return dir;
}

/** Copies a kept build into the package: each file beside its target, then renamed over it. */
function install(fromDir, pkg) {
  for (const { rel } of pkg.files) {
    const target = path.join(pkg.dir, rel);
    const staged = `${target}.${process.pid}.swap`;
    // node-gyp's clean step may have removed the folder before a build failed.
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(fromDir, rel), staged);
    try {
      fs.renameSync(staged, target);
    } catch (error) {
      fs.rmSync(staged, { force: true });
      if (['EBUSY', 'EPERM', 'EACCES'].includes(error.code)) {
        throw new NativeBuildError(
          `${target} is in use (${error.code}): close PowerTill (the desktop window or the browser host) and run the command again.`,
        );
      }
      throw error;
    }
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Builds one package for a runtime in place: Node through its install script, Electron through @electron/rebuild. */
async function build(root, pkg, runtime, log) {
  if (runtime.name === 'node') {
    log(`Rebuilding ${pkg.name} for ${runtime.label} (npm rebuild)…`);
    const result = spawnSync(npm, ['rebuild', pkg.name], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (result.status !== 0) throw new NativeBuildError(`npm rebuild ${pkg.name} failed`);
    return;
  }
  log(
    `Building ${pkg.name} for ${runtime.label} (ABI ${runtime.abi}); the first time this downloads Electron's headers or a prebuilt binary and can take a few minutes…`,
  );
  const { rebuild } = await import('@electron/rebuild');
  // Under `npm start` npm hands node-gyp its own `nodedir` (this machine's Node headers, set in
  // npmrc on the CI machines): Electron's headers must win, or the build is for Node again.
  for (const key of Object.keys(process.env))
    if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
  try {
    await rebuild({
      buildPath: root,
      electronVersion: runtime.version,
      arch: process.arch,
      onlyModules: [pkg.name],
      force: true,
      // Offices behind a slow or filtered link set a mirror of Electron's headers.
      ...(process.env.POWERTILL_ELECTRON_HEADERS_URL && {
        headerURL: process.env.POWERTILL_ELECTRON_HEADERS_URL,
      }),
    });
  } catch (error) {
    throw new NativeBuildError(
      `${pkg.name} could not be built for ${runtime.label}: ${String(error?.message ?? error).split('\n')[0]}`,
    );
  }
}

function withLock(root, fn) {
  const lock = path.join(cacheRoot(root), '.lock');
  fs.mkdirSync(cacheRoot(root), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a killed run is older than any build takes.
      if (Date.now() - fs.statSync(lock).mtimeMs > 15 * 60_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new NativeBuildError(`${lock} is held by another run`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  return Promise.resolve()
    .then(fn)
    .finally(() => fs.rmSync(lock, { recursive: true, force: true }));
}

/**
 * Puts the builds for `runtime` into node_modules: kept ones are copied in, missing ones built
 * (and kept). What was there before is kept first, so swapping back is a copy, not a build. A
 * failed build puts the previous files back. Returns one line per package.
 */
export function useNativeFor(runtime, { root, log = console.log } = {}) {
  return withLock(root, async () => {
    const report = [];
    for (const pkg of abiBoundPackages(root)) {
      const abis = new Set(pkg.files.map((f) => f.abi));
      const before = abis.size === 1 ? [...abis][0] : null;
      if (before !== null) keep(root, pkg, before);
      if (before === runtime.abi) {
        report.push({ package: pkg.name, from: before, to: runtime.abi, how: 'already' });
        continue;
      }
      const ready = kept(root, pkg, runtime.abi);
      if (ready) {
        install(ready, pkg);
        report.push({ package: pkg.name, from: before, to: runtime.abi, how: 'kept build' });
        continue;
      }
      try {
        await build(root, pkg, runtime, log);
        const after = pkg.files.map(({ rel }) => addonKind(path.join(pkg.dir, rel)).abi);
        if (after.some((abi) => abi !== runtime.abi)) {
          throw new NativeBuildError(
            `${pkg.name} was built, but for ABI ${after.join(', ')} instead of ${runtime.abi}`,
          );
        }
        keep(root, pkg, runtime.abi);
        report.push({ package: pkg.name, from: before, to: runtime.abi, how: 'built' });
      } catch (error) {
        const previous = before !== null ? kept(root, pkg, before) : null;
        if (previous) install(previous, pkg);
        throw error;
      }
    }
    return report;
  });
}

/** What the packaged app reads at run time from its asar (the packaged-set test checks the same). */
export const PACKAGED_ASSETS = [
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
  'core/db/migrations/0001_foundation.sql',
  'resources/fonts/wqy-microhei.ttc',
];

/**
 * Problems with a packaged app's resources folder, for `runtime`: a `.node` file left inside
 * the asar (Electron cannot dlopen from it), an ABI-bound addon built for another runtime, a
 * run-time asset missing. Empty when the app would start.
 */
export async function packagedProblems(resourcesDir, runtime) {
  const asar = (await import('@electron/asar')).default;
  const archive = path.join(resourcesDir, 'app.asar');
  const problems = [];
  const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.slice(1)));
  for (const file of files) {
    if (!file.endsWith('.node')) continue;
    if (!asar.statFile(archive, file).unpacked) {
      problems.push(`${file} is inside app.asar (it must be unpacked to load)`);
      continue;
    }
    const onDisk = path.join(resourcesDir, 'app.asar.unpacked', file);
    const kind = addonKind(onDisk);
    if (kind.kind === 'abi' && kind.abi !== runtime.abi)
      problems.push(
        `${file} is built for ABI ${kind.abi} (${runtimeOfAbi(kind.abi)}), ${runtime.label} needs ${runtime.abi}`,
      );
  }
  for (const asset of PACKAGED_ASSETS)
    if (!files.has(asset.split('/').join(path.sep)) && !files.has(asset))
      problems.push(`${asset} is missing from app.asar`);
  return problems;
}
