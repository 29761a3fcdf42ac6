// The ledger-file thread's entry: one check of a file that is not the live ledger (a backup's copy
// or a restore's candidate), answered once. SQLite's integrity check reads every page of the file
// in one synchronous call, seconds on years of sales; here it holds this thread, not the host's.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { copyForBackup, scrubAndDescribe, verifyBackupFile } from './ledgerFile';
import type { LedgerFileAnswer, LedgerFileTask } from './ledgerFileThread';

function run(task: LedgerFileTask): LedgerFileAnswer {
  try {
    if (task.task === 'copy') {
      copyForBackup(task.ledger, task.file);
      return { ok: true, value: null };
    }
    if (task.task === 'verify') {
      verifyBackupFile(task.file, task.latestSchema);
      return { ok: true, value: null };
    }
    const manifest = scrubAndDescribe(task.file, task.secret, task.kind, new Date(task.at));
    return { ok: true, value: manifest };
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, appError: { code: error.code, params: error.params } };
    const { message, code } = error as { message?: string; code?: string };
    return { ok: false, failure: { message: String(message ?? error), code } };
  }
}

parentPort!.postMessage(run(workerData as LedgerFileTask));
