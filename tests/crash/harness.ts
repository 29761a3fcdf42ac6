// What the crash tests share: bundling a worker so a plain `node` can run it, running it until it
// is killed with SIGKILL some time after it says "ready", and the books' own checks afterwards
// (receipts without gaps, nothing pending, how many kills were settled at restart).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Db } from '../../core/db/open';

export const root = path.resolve(__dirname, '..', '..');

/** Bundles `tests/crash/<name>.ts` into `.tmp/<name>.cjs` and returns the bundle's path. */
export async function bundleWorker(name: string): Promise<string> {
  const outfile = path.join(root, '.tmp', `${name}.cjs`);
  await build({
    entryPoints: [path.join(root, 'tests', 'crash', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export function runUntilKilled(
  bundle: string,
  args: string[],
  killAfterMs: number,
): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', stderr }));
  });
}

/** A repeatable pseudo-random sequence (the same kills on every run of a test). */
export function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
}

/** What every crash test checks of the books, beside what the cards or meters hold. */
export function bookChecks(db: Db) {
  const receipts = db
    .prepare('SELECT receipt_no, status FROM receipts ORDER BY receipt_no')
    .all() as {
    receipt_no: number;
    status: string;
  }[];
  const counts = db.prepare('SELECT status, count(*) AS n FROM sales GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  const reconciled = db
    .prepare(
      "SELECT json_extract(detail, '$.phase') AS phase, count(*) AS n FROM audit_log WHERE method = 'system.reconcile' GROUP BY phase",
    )
    .all() as { phase: string; n: number }[];
  return {
    sales: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number>,
    // Kills that landed between the pending and the commit transaction, settled at restart.
    settledAtRestart: Object.fromEntries(reconciled.map((r) => [r.phase, r.n])) as Record<
      string,
      number
    >,
    receipts: receipts.length,
    voidReceipts: receipts.filter((r) => r.status === 'void').length,
    receiptGaps: receipts.filter((r, i) => r.receipt_no !== i + 1).length,
    pendingOperations: (
      db.prepare("SELECT count(*) AS n FROM device_operations WHERE state = 'pending'").get() as {
        n: number;
      }
    ).n,
  };
}

export function writeSummary(name: string, summary: unknown): void {
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'test-results', name), `${JSON.stringify(summary, null, 2)}\n`);
}
