// `npm start`: installs and builds if needed, then launches Electron where its binary exists,
// otherwise the loopback HTTP host (which prints the ready line and opens a browser).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { electronBinary, ensureBuilt, ensureDependencies, root } from './lib/prepare.mjs';

const args = process.argv.slice(2);

try {
  ensureDependencies();
  ensureBuilt();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const electron = args.includes('--headless') ? null : electronBinary();
const [command, commandArgs] = electron
  ? [electron, [root, ...args]]
  : [process.execPath, [path.join(root, 'dist', 'host', 'main.cjs'), ...args]];
if (!electron && !args.includes('--headless')) {
  console.log('No Electron runtime on this machine: starting PowerTill in the browser instead.');
}

const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
