// The error a caller raises when the readers cannot be used, in the office's words: a missing
// binding needs a reinstall, a stopped service needs starting.
import { AppError } from '../../shared/errors';
import type { ReaderUnavailable } from './types';

export function readerUnavailableError(why: ReaderUnavailable): AppError {
  return why.reason === 'no-binding'
    ? new AppError('CARD_BINDING_MISSING', { detail: why.detail })
    : new AppError('CARD_READER_UNAVAILABLE', { detail: why.detail });
}
