// Signed-in operator sessions with an idle timeout. Kept in memory on purpose: a restart of the
// app signs everyone out, which is what an office expects of a till.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';

interface Session {
  operatorId: number;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly idleTimeoutMs: () => number) {}

  open(operatorId: number, now: Date): string {
    const id = randomBytes(24).toString('base64url');
    this.sessions.set(id, { operatorId, lastSeen: now.getTime() });
    return id;
  }

  /** Returns the operator of a live session and marks it used; throws when gone or idle. */
  touch(sessionId: string | undefined, now: Date): number {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!sessionId || !session) throw new AppError('NOT_SIGNED_IN');
    if (now.getTime() - session.lastSeen > this.idleTimeoutMs()) {
      this.sessions.delete(sessionId);
      throw new AppError('SESSION_EXPIRED');
    }
    session.lastSeen = now.getTime();
    return session.operatorId;
  }

  close(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** After a restore the operators may differ: everyone signs in again. */
  closeAll(): void {
    this.sessions.clear();
  }

  /** Disabling an operator or resetting their password ends their sessions at once. */
  closeAllFor(operatorId: number, except?: string): void {
    for (const [id, s] of this.sessions) {
      if (s.operatorId === operatorId && id !== except) this.sessions.delete(id);
    }
  }
}
