// journal.*: the device journal as the office reads it (待确认).
import type { HandlerGroup } from '../api/context';

export const journalHandlers: HandlerGroup<'journal.pending'> = {
  'journal.pending': (_input, { services }) => services.journal.pendingView(),
};
