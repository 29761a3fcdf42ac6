// The diagnostics package an office sends to support: versions, database health and the logs,
// zipped. It never contains the office secret, password hashes or ledger rows.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { databaseHealth } from './db/health';
import { listLogFiles } from './log/logger';
import type { CoreServices } from './services';

const MAX_LOG_BYTES = 20 * 1024 * 1024;

/** What the support package reads: the ledger's health, the app, the office, the hardware. */
export type DiagnosticsArea = 'db' | 'info' | 'settings' | 'secret' | 'hardware';

export function buildDiagnostics(
  services: Pick<CoreServices, DiagnosticsArea>,
  now: Date,
): { fileName: string; zip: Uint8Array } {
  const { db, info } = services;
  const health = databaseHealth(db);
  const manifest = {
    generatedAt: now.toISOString(),
    app: { version: info.appVersion, demo: info.demo, schemaVersion: info.schemaVersion },
    runtime: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: health.engineVersion,
      platform: process.platform,
      arch: process.arch,
    },
    database: {
      integrity: health.integrity,
      sizeBytes: fs.existsSync(info.paths.database) ? fs.statSync(info.paths.database).size : null,
      journalMode: health.journalMode,
      rowCounts: health.rowCounts,
      migrations: health.migrations,
    },
    office: {
      name: services.settings.officeName(),
      secretFingerprint: services.secret.read()?.fingerprint ?? null,
    },
    hardware: services.hardware.current(),
  };

  const files: Zippable = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)) };
  let budget = MAX_LOG_BYTES;
  // Newest logs first, so a size cap drops the oldest.
  const logs = listLogFiles(info.paths.logs).sort(
    (a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs,
  );
  for (const file of logs) {
    const size = fs.statSync(file).size;
    if (size > budget) break;
    budget -= size;
    files[`logs/${path.basename(file)}`] = fs.readFileSync(file);
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { fileName: `powertill-diagnostics-${stamp}.zip`, zip: zipSync(files, { level: 6 }) };
}
