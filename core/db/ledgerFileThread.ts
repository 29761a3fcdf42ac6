// Makes a backup's copy of the ledger and checks it (ledgerFile.ts) on a thread of their own: an
// integrity check of a million-sale ledger is 2-7 s of one synchronous call, and on the host's own
// thread it held every cashier's call (and once reset a connection) while the day's backup was
// made. One short-lived thread per step: a backup is made once a day.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BackupKind, BackupManifest } from '../../shared/api/ledgerTypes';
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';

export type LedgerFileTask =
  | { task: 'copy'; ledger: string; file: string }
  | { task: 'verify'; file: string; latestSchema: number }
  | {
      task: 'scrub';
      file: string;
      secret: { fingerprint: string };
      kind: BackupKind;
      at: string;
    };

export type LedgerFileAnswer =
  | { ok: true; value: BackupManifest | null }
  | { ok: false; appError: { code: ErrorCode; params?: ErrorParams } }
  | { ok: false; failure: { message: string; code?: string } };

/**
 * The thread's script: the bundle beside the host's (dist/, `npm run build`), or, run from the
 * sources (tests, benches), the TypeScript entry through tsx, which is there whenever the
 * sources are.
 */
function startThread(task: LedgerFileTask): Worker {
  const bundled = path.join(__dirname, 'ledger-file-worker.cjs');
  if (fs.existsSync(bundled)) return new Worker(bundled, { workerData: task });
  const source = path.join(__dirname, 'ledgerFileWorker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, {
    eval: true,
    workerData: task,
  });
}

function onThread(task: LedgerFileTask): Promise<BackupManifest | null> {
  return new Promise((resolve, reject) => {
    const worker = startThread(task);
    let answered = false;
    worker.once('message', (answer: LedgerFileAnswer) => {
      answered = true;
      if (answer.ok) resolve(answer.value);
      else if ('appError' in answer)
        reject(new AppError(answer.appError.code, answer.appError.params));
      // The caller tells a full disk or a closed folder by SQLite's code, as from the call itself.
      else reject(Object.assign(new Error(answer.failure.message), { code: answer.failure.code }));
    });
    worker.once('error', reject);
    worker.once('exit', (status) => {
      if (!answered)
        reject(new Error(`the ledger-file thread ended (${status}) without an answer`));
    });
  });
}

/** `copyForBackup`, off the host's thread. */
export async function copyForBackupApart(ledger: string, copy: string): Promise<void> {
  await onThread({ task: 'copy', ledger, file: copy });
}

/** `verifyBackupFile`, off the host's thread. */
export async function verifyBackupFileApart(file: string, latestSchema: number): Promise<void> {
  await onThread({ task: 'verify', file, latestSchema });
}

/** `scrubAndDescribe`, off the host's thread. */
export async function scrubAndDescribeApart(
  file: string,
  secret: { fingerprint: string },
  kind: BackupKind,
  at: Date,
): Promise<BackupManifest> {
  return (await onThread({
    task: 'scrub',
    file,
    secret: { fingerprint: secret.fingerprint },
    kind,
    at: at.toISOString(),
  }))!;
}
