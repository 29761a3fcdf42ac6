// `npm start`: installs and builds if needed, then launches Electron where its binary exists,
// otherwise the loopback HTTP host (which prints the ready line and opens a browser). Native
// modules bound to a runtime's ABI are swapped to the one that will run (scripts/lib/native.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { electronRuntime, NativeBuildError, nodeRuntime } from './lib/native.mjs';
import {
  electronBinary,
  ensureBuilt,
  ensureDependencies,
  ensureNativeFor,
  root,
} from './lib/prepare.mjs';

const args = process.argv.slice(2);
const forcedBrowser = args.includes('--headless') || args.includes('--browser');

try {
  ensureDependencies();
  ensureBuilt();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

let electron = forcedBrowser ? null : electronBinary();
if (electron) {
  try {
    await ensureNativeFor(electronRuntime(root));
  } catch (error) {
    if (!(error instanceof NativeBuildError)) throw error;
    console.error(
      `${error.message}\nThe desktop window needs it built for Electron; the first start downloads Electron's headers (or a prebuilt binary), so check the internet connection, or set POWERTILL_ELECTRON_HEADERS_URL to a mirror. PowerTill opens in the browser meanwhile.`,
    );
    electron = null;
  }
} else if (!forcedBrowser) {
  console.log('No Electron runtime on this machine: starting PowerTill in the browser instead.');
}
if (!electron) {
  try {
    await ensureNativeFor(nodeRuntime());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

const [command, commandArgs] = electron
  ? [electron, [root, ...args]]
  : [process.execPath, [path.join(root, 'dist', 'host', 'main.cjs'), ...args]];
const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
