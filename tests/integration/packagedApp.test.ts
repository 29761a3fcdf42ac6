// The installer's app folder, packed for real: electron-builder with build/electron-builder.yml,
// `--dir` (the unpacked app every installer wraps), from this project's own dist/ and
// node_modules. Only the Electron binary is stood in for (it cannot be downloaded here; an
// executable placeholder is given as `electronDist`), and the fuses, which flip bits in that
// binary, are left out. Everything else is electron-builder's own: the file globs, the asar, the
// unpacking, and our afterPack hook, which must refuse this package while node_modules holds
// Node's build of better-sqlite3 (`npm run dist` puts Electron's there first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { tempDir } from '../../core/testing';
import { hostBuilt, root } from './hostRun';

const PACK_MS = 300_000;

interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, file: string): { unpacked?: boolean };
}
const asar = require('@electron/asar') as Asar;

const electronAbi = Number(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim(),
);

describe('the packaged app (electron-builder --dir)', () => {
  let out: string;
  let packed: { status: number | null; log: string };
  let resources: string;
  let files: string[];

  beforeAll(() => {
    hostBuilt();
    out = tempDir();
    const stand = path.join(out, 'electron-dist');
    fs.mkdirSync(stand);
    fs.writeFileSync(path.join(stand, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const config = yaml.load(
      fs.readFileSync(path.join(root, 'build', 'electron-builder.yml'), 'utf8'),
    ) as Record<string, unknown> & { directories: Record<string, string> };
    delete config.electronFuses;
    config.electronDist = stand;
    config.directories = { ...config.directories, output: path.join(out, 'installers') };
    const configFile = path.join(out, 'electron-builder.json');
    fs.writeFileSync(configFile, JSON.stringify(config));
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        '--linux',
        '--projectDir',
        root,
        '--config',
        configFile,
      ],
      { cwd: root, encoding: 'utf8', timeout: PACK_MS, env: { ...process.env, CI: '1' } },
    );
    packed = { status: run.status, log: `${run.stdout}\n${run.stderr}` };
    resources = path.join(out, 'installers', 'linux-unpacked', 'resources');
    files = fs.existsSync(path.join(resources, 'app.asar'))
      ? asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.slice(1))
      : [];
  }, PACK_MS);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('is refused by afterPack for one reason only: better-sqlite3 built for Node, not Electron', () => {
    expect(packed.status).not.toBe(0);
    const refusal = /The packaged app would not start under Electron [^:]+:\n((?:\s+.+\n)+)/.exec(
      packed.log,
    );
    expect(refusal).not.toBeNull();
    const problems = refusal![1]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('Run `npm run dist`') && !line.startsWith('at '));
    expect(problems).toEqual([
      `node_modules/better-sqlite3/build/Release/better_sqlite3.node is built for ABI ${process.versions.modules} (Node.js ${process.versions.node.split('.')[0]}), Electron ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version} needs ${electronAbi}`,
    ]);
  });

  it('holds what the app reads at run time: bundles, renderer, migrations, the receipt font', () => {
    for (const asset of [
      'package.json',
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/electron/card-worker.cjs',
      'dist/renderer/index.html',
      'resources/fonts/wqy-microhei.ttc',
      'resources/fonts/LICENSE-Apache-2.0.txt',
    ])
      expect([asset, files.includes(asset)]).toEqual([asset, true]);
    const migrations = fs.readdirSync(path.join(root, 'core', 'db', 'migrations'));
    for (const migration of migrations) expect(files).toContain(`core/db/migrations/${migration}`);
    // Nothing of the sources, tests, dev tools or the per-ABI build cache rides along.
    for (const absent of ['core/app.ts', 'tests', 'node_modules/.cache', 'node_modules/jest'])
      expect([absent, files.some((f) => f === absent || f.startsWith(`${absent}/`))]).toEqual([
        absent,
        false,
      ]);
  });

  it('keeps every native module out of the asar, where Electron can load it', () => {
    const addons = files.filter((f) => f.endsWith('.node'));
    expect(addons).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        expect.stringMatching(/^node_modules\/@serialport\/bindings-cpp\/prebuilds\/linux-x64\//),
      ]),
    );
    for (const addon of addons) {
      expect([addon, asar.statFile(path.join(resources, 'app.asar'), addon).unpacked]).toEqual([
        addon,
        true,
      ]);
      expect(fs.existsSync(path.join(resources, 'app.asar.unpacked', addon))).toBe(true);
    }
  });
});
