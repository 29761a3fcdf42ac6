// The diagnostics package an office sends to support: versions, database health and the logs,
// zipped. It never contains the office secret, password hashes or ledger rows.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { listLogFiles } from './log/logger';
import type { CoreServices } from './services';

const MAX_LOG_BYTES = 20 * 1024 * 1024;

export function buildDiagnostics(
  services: CoreServices,
  now: Date,
): { fileName: string; zip: Uint8Array } {
  const { db, info } = services;
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  const rowCounts = Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (
        db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as {
          n: number;
        }
      ).n,
    ]),
  );
  const manifest = {
    generatedAt: now.toISOString(),
    app: { version: info.appVersion, demo: info.demo, schemaVersion: info.schemaVersion },
    runtime: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      platform: process.platform,
      arch: process.arch,
    },
    database: {
      integrity: integrity.map((r) => r.integrity_check),
      sizeBytes: fs.existsSync(info.paths.database) ? fs.statSync(info.paths.database).size : null,
      journalMode: db.pragma('journal_mode', { simple: true }),
      rowCounts,
      migrations: db
        .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
        .all(),
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
