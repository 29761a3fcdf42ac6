// Turns anything a handler throws into a coded, translatable ApiError, and says whether it was
// an expected refusal or a fault worth a stack trace in the log.
import Database from 'better-sqlite3';
import type { ApiError } from '../../shared/errors';
import { AppError } from '../../shared/errors';

export interface MappedError {
  error: ApiError;
  expected: boolean;
}

export function toApiError(thrown: unknown, ref: string): MappedError {
  if (thrown instanceof AppError) {
    return { error: thrown.toApiError(), expected: true };
  }
  const code = (thrown as { code?: unknown } | null)?.code;
  if (thrown instanceof Database.SqliteError || typeof code === 'string') {
    if (code === 'SQLITE_FULL' || code === 'ENOSPC')
      return { error: { code: 'DISK_FULL' }, expected: true };
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return { error: { code: 'DATABASE_BUSY' }, expected: true };
    }
  }
  return { error: { code: 'INTERNAL', params: { ref } }, expected: false };
}
