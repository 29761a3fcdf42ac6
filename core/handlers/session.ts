// Builds the session view the renderer keeps after sign-in.
import type { SessionView } from '../../shared/api/types';
import { toOperatorView, type OperatorRecord } from '../auth/operatorStore';
import type { CoreServices } from '../services';

/** What a session's view needs: the operator's permissions and the office's idle time. */
export type SessionViewArea = 'permissions' | 'settings';

export function sessionView(
  services: Pick<CoreServices, SessionViewArea>,
  sessionId: string,
  operator: OperatorRecord,
  now: Date,
): SessionView {
  return {
    sessionId,
    operator: toOperatorView(operator, now, services.permissions),
    language: operator.language,
    idleTimeoutMinutes: services.settings.read().idleTimeoutMinutes,
  };
}
