// `npm run native`: which runtime each native module in node_modules was built for, and the
// builds kept per ABI. `npm run native -- use electron` (or `use node`) swaps them by hand; the
// start, test, bench and dist scripts do it themselves.
import fs from 'node:fs';
import path from 'node:path';
import {
  abiBoundPackages,
  electronRuntime,
  nativeFiles,
  NativeBuildError,
  nodeRuntime,
  runtimeOfAbi,
  useNativeFor,
} from './lib/native.mjs';
import { root } from './lib/prepare.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const positional = args.filter((a) => !a.startsWith('--'));
const projectRoot = path.resolve(
  args.find((a) => a.startsWith('--root='))?.slice('--root='.length) ?? root,
);

function describe(addon) {
  if (addon.kind === 'node-api') return 'Node-API (any runtime)';
  if (addon.kind === 'abi') return `ABI ${addon.abi} (${runtimeOfAbi(addon.abi)})`;
  return 'not a Node addon (no registration symbol)';
}

function keptBuilds() {
  const dir = path.join(projectRoot, 'node_modules', '.cache', 'powertill-native');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .flatMap((pkg) =>
      fs
        .readdirSync(path.join(dir, pkg))
        .filter((key) => fs.existsSync(path.join(dir, pkg, key, '.complete')))
        .map((key) => ({ package: pkg.replace('+', '/'), key })),
    );
}

function status() {
  const runtimes = [nodeRuntime(), electronRuntime(projectRoot)].filter(Boolean);
  const addons = nativeFiles(projectRoot);
  const bound = abiBoundPackages(projectRoot);
  const ready = runtimes.map((runtime) => ({
    runtime: runtime.label,
    abi: runtime.abi,
    loadsNow: bound.every((pkg) => pkg.files.every((f) => f.abi === runtime.abi)),
  }));
  return { runtimes: ready, addons, kept: keptBuilds() };
}

async function main() {
  if (positional[0] === 'use') {
    const runtime =
      positional[1] === 'electron'
        ? electronRuntime(projectRoot)
        : positional[1] === 'node'
          ? nodeRuntime()
          : undefined;
    if (runtime === undefined) {
      console.error('usage: npm run native -- use node|electron');
      return 2;
    }
    if (runtime === null) {
      console.error('Electron is not installed in node_modules (npm install).');
      return 1;
    }
    const report = await useNativeFor(runtime, { root: projectRoot });
    for (const line of report)
      console.log(
        `${line.package}: ABI ${line.from ?? 'mixed'} → ${line.to} for ${runtime.label} (${line.how})`,
      );
    if (report.length === 0) console.log('No native module here depends on the runtime’s ABI.');
    return 0;
  }
  const found = status();
  if (json) {
    console.log(JSON.stringify(found, null, 2));
    return 0;
  }
  for (const addon of found.addons)
    console.log(
      `${addon.package.padEnd(32)} ${describe(addon).padEnd(34)} ${path.relative(projectRoot, addon.file)}`,
    );
  console.log('');
  for (const r of found.runtimes)
    console.log(
      `${r.runtime} (ABI ${r.abi}): ${r.loadsNow ? 'every native module loads now' : 'needs a swap (the scripts do it)'}`,
    );
  for (const k of found.kept) console.log(`kept: ${k.package} ${k.key}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof NativeBuildError ? error.message : error);
    process.exit(1);
  },
);
