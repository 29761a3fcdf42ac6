// `npm run bench [name…]`: builds if needed, then runs each bench/<name>.bench.ts in its own
// process; each writes bench/results/<name>.json.
import fs from 'node:fs';
import path from 'node:path';
import { nodeRuntime } from './lib/native.mjs';
import { ensureBuilt, ensureDependencies, ensureNativeFor, root, run } from './lib/prepare.mjs';

ensureDependencies();
// The benches run under Node: its build of better-sqlite3, whatever `npm start` last swapped in.
await ensureNativeFor(nodeRuntime());
ensureBuilt();
const wanted = process.argv.slice(2);
// Run only when named: ten years of sales take minutes to generate.
const ON_DEMAND = ['ledger-10m'];
const benches = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) =>
    wanted.length === 0
      ? !ON_DEMAND.includes(f.replace('.bench.ts', ''))
      : wanted.includes(f.replace('.bench.ts', '')),
  );
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench ${bench}`);
  if (run(process.execPath, ['--import', 'tsx', path.join('bench', bench)]) !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
