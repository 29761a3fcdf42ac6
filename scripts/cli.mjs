// Runs a technician CLI from source: `node scripts/cli.mjs card …` (npm run -s card -- …).
// Bundles the CLI with esbuild into dist/cli/ when the sources changed, quietly, so that stdout
// carries only what the CLI prints (one JSON document with --json).
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const CLIS = { card: 'card/cli/main.ts', meter: 'meter-link/cli/main.ts' };
const [name, ...args] = process.argv.slice(2);
const entry = CLIS[name];
if (!entry) {
  process.stderr.write(`unknown CLI "${name}"; one of ${Object.keys(CLIS).join(', ')}\n`);
  process.exit(2);
}

function newest(dir) {
  let latest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) latest = Math.max(latest, newest(full));
    else if (item.name.endsWith('.ts')) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const out = path.join(root, 'dist', 'cli', `${name}.cjs`);
const sources = Math.max(
  ...['shared', 'card', 'meter-link'].map((d) => newest(path.join(root, d))),
);
if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < sources) {
  buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
    absWorkingDir: root,
  });
}
process.argv = [process.argv[0], out, ...args];
createRequire(import.meta.url)(out);
