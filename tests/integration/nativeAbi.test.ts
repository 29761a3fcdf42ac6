// Which runtime each native module was built for, and the swap between Node's and Electron's
// builds (scripts/lib/native.mjs, run through `npm run native`), for real: the project's own
// node_modules are read as they are, and a probe addon on V8's own API is built by node-gyp for
// Node and by @electron/rebuild for the installed Electron version in a project of its own.
//
// Electron's headers cannot be downloaded here, so they are stood in for by this Node's headers
// with NODE_MODULE_VERSION set to Electron's ABI, put where node-gyp keeps downloaded headers
// (~/.electron-gyp, under a HOME of the test's own). Everything else is the real pipeline:
// @electron/rebuild's module walk, node-gyp with --runtime=electron --target=<version>, the
// per-ABI builds kept, swapped, verified and put back after a failed build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../core/testing';
import { startFailure, startFailureText } from '../../core/host/startFailure';
import { root } from './hostRun';

const BUILD_MS = 240_000;

interface NativeStatus {
  runtimes: { runtime: string; abi: number; loadsNow: boolean }[];
  addons: { package: string; file: string; kind: string; abi?: number }[];
  kept: { package: string; key: string }[];
}

const electronPkg = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
) as { version: string };
const electronAbi = Number(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim(),
);
const nodeAbi = Number(process.versions.modules);

/** This Node's headers: npm's `nodedir` (set on these machines) or the install prefix. */
function nodeHeaders(): string {
  const candidates = [process.env.npm_config_nodedir, path.resolve(process.execPath, '..', '..')];
  for (const dir of candidates)
    if (dir && fs.existsSync(path.join(dir, 'include', 'node', 'node_version.h'))) return dir;
  throw new Error(`no Node headers in ${candidates.join(' or ')}`);
}

function native(project: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'native.mjs'), `--root=${project}`, ...args],
    { encoding: 'utf8', env: { ...process.env, ...env }, timeout: BUILD_MS },
  );
  return { status: result.status, out: result.stdout, err: result.stderr };
}

function status(project: string): NativeStatus {
  const run = native(project, ['--json']);
  expect(run.status).toBe(0);
  return JSON.parse(run.out) as NativeStatus;
}

/** What the probe reports when Node loads it, in a process of its own. */
function loadInNode(file: string): { abi?: number; error?: string } {
  const result = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(String(require(${JSON.stringify(file)}).abi))`],
    { encoding: 'utf8' },
  );
  return result.status === 0 ? { abi: Number(result.stdout) } : { error: result.stderr };
}

describe('the ABI each native module was built for', () => {
  it('reads this project: better-sqlite3 on V8’s API for this Node, the card and serial addons on Node-API', () => {
    const found = status(root);
    const sqlite = found.addons.find((a) => a.file.endsWith('better_sqlite3.node'));
    expect(sqlite).toMatchObject({ package: 'better-sqlite3', kind: 'abi', abi: nodeAbi });
    const serial = found.addons.filter((a) => a.package === '@serialport/bindings-cpp');
    expect(serial.length).toBeGreaterThan(0);
    for (const addon of serial) expect(addon.kind).toBe('node-api');
    const card = found.addons.find((a) => a.package === 'smartcard');
    if (card) expect(card.kind).toBe('node-api');
    expect(found.runtimes).toEqual(
      expect.arrayContaining([
        { runtime: `Node.js ${process.versions.node}`, abi: nodeAbi, loadsNow: true },
        { runtime: `Electron ${electronPkg.version}`, abi: electronAbi, loadsNow: false },
      ]),
    );
  });
});

describe('swapping a V8-API addon between Node and Electron', () => {
  let project: string;
  let home: string;
  let emptyHome: string;
  let probe: string;

  beforeAll(() => {
    project = tempDir();
    home = tempDir();
    emptyHome = tempDir();
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'office', version: '1.0.0', dependencies: { 'abi-probe': '1.0.0' } }),
    );
    const probeDir = path.join(project, 'node_modules', 'abi-probe');
    fs.cpSync(path.join(root, 'tests', 'fixtures', 'abi-probe'), probeDir, { recursive: true });
    // The installed Electron's identity (its binary is not needed to build for it).
    const electronDir = path.join(project, 'node_modules', 'electron');
    fs.mkdirSync(electronDir, { recursive: true });
    for (const file of ['package.json', 'abi_version'])
      fs.copyFileSync(
        path.join(root, 'node_modules', 'electron', file),
        path.join(electronDir, file),
      );
    // Built for Node, as `npm install` does.
    const gyp = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
        'rebuild',
        `--nodedir=${nodeHeaders()}`,
      ],
      { cwd: probeDir, encoding: 'utf8', timeout: BUILD_MS },
    );
    expect([gyp.status, gyp.stderr.slice(-400)]).toEqual([0, expect.any(String)]);
    probe = path.join(probeDir, 'build', 'Release', 'abi_probe.node');
    // The stand-in for Electron's headers (see the top of this file).
    const headers = path.join(home, '.electron-gyp', electronPkg.version);
    fs.cpSync(path.join(nodeHeaders(), 'include', 'node'), path.join(headers, 'include', 'node'), {
      recursive: true,
    });
    const versionHeader = path.join(headers, 'include', 'node', 'node_version.h');
    const text = fs.readFileSync(versionHeader, 'utf8');
    const relabelled = text.replace(
      `#define NODE_MODULE_VERSION ${nodeAbi}`,
      `#define NODE_MODULE_VERSION ${electronAbi}`,
    );
    expect(relabelled).not.toBe(text);
    fs.writeFileSync(versionHeader, relabelled);
    const gypPackage = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules', 'node-gyp', 'package.json'), 'utf8'),
    ) as { installVersion: number };
    fs.writeFileSync(path.join(headers, 'installVersion'), String(gypPackage.installVersion));
  }, BUILD_MS);

  afterAll(() => {
    for (const dir of [project, home, emptyHome])
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts as npm install leaves it: built for Node, loading in Node, not yet for Electron', () => {
    const found = status(project);
    expect(found.addons.filter((a) => a.package === 'abi-probe')).toEqual([
      expect.objectContaining({ kind: 'abi', abi: nodeAbi }),
    ]);
    expect(found.runtimes.map((r) => [r.abi, r.loadsNow])).toEqual([
      [nodeAbi, true],
      [electronAbi, false],
    ]);
    expect(loadInNode(probe)).toEqual({ abi: nodeAbi });
  });

  it(
    'builds it for Electron with @electron/rebuild, keeps both builds, and Node then refuses it in words a cashier can act on',
    () => {
      const run = native(project, ['use', 'electron'], { HOME: home, USERPROFILE: home });
      expect([run.status, run.err.slice(-600)]).toEqual([0, expect.any(String)]);
      expect(run.out).toContain(
        `abi-probe: ABI ${nodeAbi} → ${electronAbi} for Electron ${electronPkg.version} (built)`,
      );
      const found = status(project);
      expect(found.addons.find((a) => a.package === 'abi-probe')).toMatchObject({
        abi: electronAbi,
      });
      expect(found.runtimes.map((r) => [r.abi, r.loadsNow])).toEqual([
        [nodeAbi, false],
        [electronAbi, true],
      ]);
      expect(found.kept.map((k) => k.key).sort()).toEqual(
        [nodeAbi, electronAbi].map((abi) => `${process.platform}-${process.arch}-abi${abi}`).sort(),
      );
      // Node's own refusal, as better-sqlite3 would meet it in the wrong runtime…
      let refusal: unknown;
      try {
        process.dlopen({ exports: {} }, probe);
      } catch (error) {
        refusal = error;
      }
      expect(String(refusal)).toContain(`NODE_MODULE_VERSION ${electronAbi}`);
      // …told as one translated line, never the raw dlopen text.
      const told = startFailure(refusal, project);
      expect(told.code).toBe('START_NATIVE_MISMATCH');
      expect(told.params).toMatchObject({
        module: 'abi-probe',
        built: String(electronAbi),
        needed: String(nodeAbi),
      });
      const text = startFailureText(told);
      expect(text).toContain('数据库组件（abi-probe）是为另一运行环境编译的');
      expect(text).not.toMatch(/dlopen|compiled against/);
    },
    BUILD_MS,
  );

  it('swaps back to Node’s build and to Electron’s again from the kept copies, with no build', () => {
    const back = native(project, ['use', 'node'], { HOME: emptyHome });
    expect({ status: back.status, err: back.err }).toMatchObject({ status: 0 });
    expect(back.out).toContain(`ABI ${electronAbi} → ${nodeAbi} for Node.js`);
    expect(back.out).toContain('(kept build)');
    expect(loadInNode(probe)).toEqual({ abi: nodeAbi });
    // No headers under this HOME: a build would fail, so this proves the copy.
    const again = native(project, ['use', 'electron'], { HOME: emptyHome });
    expect([again.status, again.out]).toEqual([0, expect.stringContaining('(kept build)')]);
    expect(status(project).addons.find((a) => a.package === 'abi-probe')?.abi).toBe(electronAbi);
    expect(native(project, ['use', 'node']).status).toBe(0);
    expect(loadInNode(probe)).toEqual({ abi: nodeAbi });
  });

  it(
    'leaves Node’s build in place when Electron’s cannot be built (no headers, no network), and says why',
    () => {
      fs.rmSync(
        path.join(
          project,
          'node_modules',
          '.cache',
          'powertill-native',
          'abi-probe@1.0.0',
          `${process.platform}-${process.arch}-abi${electronAbi}`,
        ),
        { recursive: true },
      );
      const run = native(project, ['use', 'electron'], {
        HOME: emptyHome,
        USERPROFILE: emptyHome,
        POWERTILL_ELECTRON_HEADERS_URL: 'http://127.0.0.1:9/',
      });
      expect(run.status).toBe(1);
      expect(run.err).toContain(`abi-probe could not be built for Electron ${electronPkg.version}`);
      expect(loadInNode(probe)).toEqual({ abi: nodeAbi });
      expect(status(project).runtimes[0]).toMatchObject({ abi: nodeAbi, loadsNow: true });
    },
    BUILD_MS,
  );
});
