// `npm run dist`: the installers. Builds the app, puts Electron's build of every ABI-bound native
// module into node_modules (kept per ABI, like `npm start`), packs with electron-builder (its own
// rebuild is off: the Node-API addons load in Electron as they are, decision 0018), and swaps
// Node's build back so `npm test` runs afterwards. build/afterPack.mjs refuses a package whose
// native modules or assets would keep the app from starting.
import { electronRuntime, nodeRuntime } from './lib/native.mjs';
import { ensureBuilt, ensureDependencies, ensureNativeFor, root, run } from './lib/prepare.mjs';
import path from 'node:path';

const builder = path.join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
);

let status = 1;
try {
  ensureDependencies();
  ensureBuilt({ force: true });
  const electron = electronRuntime(root);
  if (!electron) throw new Error('Electron is not in node_modules: run npm install.');
  await ensureNativeFor(electron);
  status = run(builder, ['--config', 'build/electron-builder.yml', ...process.argv.slice(2)]);
} catch (error) {
  console.error(error.message);
} finally {
  try {
    await ensureNativeFor(nodeRuntime());
  } catch (error) {
    console.error(`Could not put Node's build back: ${error.message}`);
    status = 1;
  }
}
process.exit(status);
