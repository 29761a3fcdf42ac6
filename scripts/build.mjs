// Builds what `npm start` runs: the backend host and Electron shell as CommonJS bundles
// (node_modules stay external and load at run time) and the renderer with Vite.
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);

export async function buildBackend() {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await esbuild({
    ...common,
    // The virtual card's thread (training with --virtual-cards) and the thread that checks a
    // backup's copy (core/db/ledgerFileThread.ts) run from bundles of their own.
    entryPoints: {
      'host/main': 'core/host/main.ts',
      'host/card-worker': 'sim/vpcd/cardWorker.ts',
      'host/ledger-file-worker': 'core/db/ledgerFileWorker.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  });
  await esbuild({
    ...common,
    entryPoints: {
      'electron/main': 'electron/main.ts',
      'electron/preload': 'electron/preload.ts',
      // Training on virtual cards in the window too: the card's thread beside the main bundle.
      'electron/card-worker': 'sim/vpcd/cardWorker.ts',
      'electron/ledger-file-worker': 'core/db/ledgerFileWorker.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  });
}

export function buildRenderer() {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.mts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('renderer build failed');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  if (want('backend')) await buildBackend();
  if (want('renderer')) buildRenderer();
  fs.writeFileSync(path.join(root, 'dist', '.built'), new Date().toISOString());
}
