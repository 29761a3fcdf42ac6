// audit.*: a supervisor browses the audit log and verifies its hash chain.
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'audit';

export const auditHandlers: HandlerGroup<'audit.list' | 'audit.verify', Area> = {
  'audit.list': (input, { services }) => services.audit.list(input),
  'audit.verify': (input, { services }) => services.audit.verify(input.anchor),
};
