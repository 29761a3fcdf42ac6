// Cold start of the loopback HTTP host to a served login page, on a new office and on a ledger of
// 1,000,000 sales (nothing may be scanned at start), and the renderer's initial JS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { atMost, percentile, round, writeResult } from './lib';
import { seededOffice, spawnHost } from './host';

const root = path.resolve(__dirname, '..');
const RUNS = 7;
const BIG_LEDGER_SALES = Number(process.env.BENCH_SALES ?? 1_000_000);

/** Cold starts after one that warms the OS file cache, as an office PC that has run before. */
async function coldStarts(dataDir: string): Promise<number[]> {
  await coldStart(dataDir);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) samples.push(await coldStart(dataDir));
  return samples;
}

async function coldStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const { base, token, stop } = await spawnHost(dataDir);
  // Served login page = the page, its assets, and the API answering what the page asks first.
  const html = await (await fetch(new URL('/', base))).text();
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  await Promise.all(
    assets.map(async (asset) => (await fetch(new URL(`/${asset}`, base))).arrayBuffer()),
  );
  const info = await fetch(new URL('/api/system.info', base), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await info.json()) as { ok: boolean; value: { needsSetup: boolean } };
  if (!body.ok || body.value.needsSetup) throw new Error('host did not serve a set-up office');
  const elapsed = performance.now() - started;
  await stop();
  return elapsed;
}

function initialJsGzipKb(): { js: number; css: number } {
  const dir = path.join(root, 'dist/renderer');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const size = (ext: string) =>
    refs
      .filter((r) => r.endsWith(ext))
      .reduce(
        (sum, r) => sum + gzipSync(fs.readFileSync(path.join(dir, r)), { level: 9 }).length,
        0,
      ) / 1024;
  return { js: round(size('.js'), 1), css: round(size('.css'), 1) };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-bench-'));
  await seededOffice(dataDir, 0);
  const samples = await coldStarts(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const bigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'powertill-bench-'));
  await seededOffice(bigDir, BIG_LEDGER_SALES);
  const big = await coldStarts(bigDir);
  fs.rmSync(bigDir, { recursive: true, force: true });
  const bundle = initialJsGzipKb();
  writeResult('host-start', {
    cold_start_to_login_page_p50: atMost(percentile(samples, 50), 'ms', 1500, 1),
    cold_start_to_login_page_max: atMost(Math.max(...samples), 'ms', 1500, 1),
    cold_start_million_sales_p50: atMost(percentile(big, 50), 'ms', 1500, 1),
    cold_start_million_sales_max: atMost(Math.max(...big), 'ms', 1500, 1),
    renderer_initial_js_gzip: atMost(bundle.js, 'kB', 350, 1),
    renderer_initial_css_gzip: { value: bundle.css, unit: 'kB' },
  });
}

void main();
