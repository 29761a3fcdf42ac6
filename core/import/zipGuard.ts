// An .xlsx is a zip: a 435 kB file may inflate to hundreds of megabytes (a zip bomb) and tie the
// PC up while a spreadsheet library reads it. Before any library sees it, the workbook is inflated
// here entry by entry, counting the bytes that really come out (the sizes a zip declares can lie),
// in small steps that let other tills' calls run between them, and refused past the limit.
import { Unzip, UnzipInflate } from 'fflate';
import { AppError } from '../../shared/errors';
import { nextTurn } from '../nextTurn';

/** Far above a 5,000-row import (about 4 MB of sheet XML), far below a bomb. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
const STEP = 16 * 1024;

export async function assertInflatesWithin(
  bytes: Buffer,
  limit = MAX_INFLATED_BYTES,
): Promise<void> {
  let inflated = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((entry) => {
    entry.ondata = (error, chunk) => {
      if (error) failure ??= error;
      inflated += chunk?.length ?? 0;
      if (inflated > limit) {
        failure ??= new AppError('IMPORT_FILE_TOO_LARGE', { maxMb: limit / 1024 / 1024 });
        entry.terminate();
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += STEP) {
      unzip.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
      await nextTurn();
    }
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure instanceof AppError) throw failure;
  if (failure) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: failure.message });
}
