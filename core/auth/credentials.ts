// Checking a user name and password with the lockout rule: used by sign-in and by a supervisor
// approving a cashier's refund at the till, so both count failures and lock the same way.
// Every attempt is counted before the password is checked, atomically, so parallel guesses
// cannot all read the same count while scrypt runs: at most MAX_FAILED_ATTEMPTS of them are ever
// checked before the lock.
import { AppError } from '../../shared/errors';
import type { OperatorRecord, OperatorStore } from './operatorStore';
import { hashPassword, verifyPassword } from './passwords';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60_000;

// Verified against when the user name is unknown, so a miss costs the same time as a hit.
let decoyHash: Promise<string> | undefined;

/**
 * Attempts at user names no operator has, counted per name in memory the way the operators'
 * rows count theirs: a guesser learns nothing from the lock (known and unknown names lock alike)
 * and cannot make the PC run scrypt without end on one name.
 */
class UnknownNameAttempts {
  private readonly names = new Map<string, { count: number; lockedUntil: number }>();

  claim(name: string, now: number): { locked: boolean; reachedMax: boolean; count: number } {
    this.sweep(now);
    const entry = this.names.get(name) ?? { count: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return { locked: true, reachedMax: false, count: entry.count };
    if (entry.lockedUntil !== 0) entry.count = 0;
    entry.count += 1;
    entry.lockedUntil = entry.count >= MAX_FAILED_ATTEMPTS ? now + LOCKOUT_MS : 0;
    this.names.set(name, entry);
    return { locked: false, reachedMax: entry.lockedUntil !== 0, count: entry.count };
  }

  private sweep(now: number) {
    if (this.names.size < 1_000) return;
    for (const [name, entry] of this.names)
      if (entry.lockedUntil !== 0 && entry.lockedUntil <= now) this.names.delete(name);
  }
}

const unknownNames = new WeakMap<OperatorStore, UnknownNameAttempts>();

/**
 * A wrong password, with the tries left before the lock. Unknown names count the same way, so
 * the answer does not tell which names exist.
 */
const wrongPassword = (failedAttempts: number) =>
  new AppError('BAD_CREDENTIALS', { left: Math.max(1, MAX_FAILED_ATTEMPTS - failedAttempts) });

function lockedError(until: string | number, now: Date): AppError {
  const ms = new Date(until).getTime() - now.getTime();
  return new AppError('ACCOUNT_LOCKED', { minutes: Math.max(1, Math.ceil(ms / 60_000)) });
}

/**
 * The operator whose password this is. Throws BAD_CREDENTIALS, ACCOUNT_LOCKED or
 * OPERATOR_DISABLED; attempts are recorded outside any caller's transaction, so they stick.
 * `onKnown` learns who was named before the password is checked, for the audit record.
 */
export async function checkCredentials(
  operators: OperatorStore,
  credentials: { username: string; password: string },
  now: Date,
  onKnown?: (operator: OperatorRecord) => void,
): Promise<OperatorRecord> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS);
  const op = operators.byUsername(credentials.username);
  if (!op) {
    let attempts = unknownNames.get(operators);
    if (!attempts) unknownNames.set(operators, (attempts = new UnknownNameAttempts()));
    const claim = attempts.claim(
      credentials.username.normalize('NFC').toLowerCase(),
      now.getTime(),
    );
    if (claim.locked) throw lockedError(lockUntil.getTime(), now);
    decoyHash ??= hashPassword('decoy-password-0');
    await verifyPassword(credentials.password, await decoyHash);
    if (claim.reachedMax) throw lockedError(lockUntil.getTime(), now);
    throw wrongPassword(claim.count);
  }
  onKnown?.(op);
  const claim = operators.claimAttempt(
    op.id,
    MAX_FAILED_ATTEMPTS,
    now.toISOString(),
    lockUntil.toISOString(),
  );
  if (!claim) throw lockedError(operators.byId(op.id)?.lockedUntil ?? lockUntil.getTime(), now);
  if (!(await verifyPassword(credentials.password, op.passwordHash))) {
    if (claim.lockedUntil) throw lockedError(claim.lockedUntil, now);
    throw wrongPassword(claim.failedAttempts);
  }
  // The right password: the attempt it was counted as is forgiven, with any lock it set.
  operators.unlock(op.id);
  // Disabled is said only to someone who knows the password.
  if (!op.active) throw new AppError('OPERATOR_DISABLED');
  return op;
}
