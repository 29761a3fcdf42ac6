// journal.*: the device journal as the office reads it (待确认), and a supervisor's 作废 of a card
// being made whose plastic is gone.
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'cardDesk' | 'journal';

export const journalHandlers: HandlerGroup<'journal.pending' | 'journal.abandon', Area> = {
  'journal.pending': (_input, { services }) => services.journal.pendingView(),
  'journal.abandon': (input, ctx) =>
    ctx.services.cardDesk.abandon(input.id, input.reason, ctx.now, ctx.write),
};
