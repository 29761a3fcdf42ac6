// Checking a user name and password with the lockout rule: used by sign-in and by a supervisor
// approving a cashier's refund at the till, so both count failures and lock the same way.
import { AppError } from '../../shared/errors';
import type { OperatorRecord, OperatorStore } from './operators';
import { hashPassword, verifyPassword } from './passwords';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60_000;

// Verified against when the user name is unknown, so a miss costs the same time as a hit.
let decoyHash: Promise<string> | undefined;

/**
 * The operator whose password this is. Throws BAD_CREDENTIALS, ACCOUNT_LOCKED or
 * OPERATOR_DISABLED; failures are recorded (outside any caller's transaction, so they stick).
 * `onKnown` learns who was named before the password is checked, for the audit record.
 */
export async function checkCredentials(
  operators: OperatorStore,
  credentials: { username: string; password: string },
  now: Date,
  onKnown?: (operator: OperatorRecord) => void,
): Promise<OperatorRecord> {
  const op = operators.byUsername(credentials.username);
  if (!op) {
    decoyHash ??= hashPassword('decoy-password-0');
    await verifyPassword(credentials.password, await decoyHash);
    throw new AppError('BAD_CREDENTIALS');
  }
  onKnown?.(op);
  if (op.lockedUntil && new Date(op.lockedUntil) > now) {
    const minutes = Math.ceil((new Date(op.lockedUntil).getTime() - now.getTime()) / 60_000);
    throw new AppError('ACCOUNT_LOCKED', { minutes });
  }
  if (!(await verifyPassword(credentials.password, op.passwordHash))) {
    const attempts = op.failedAttempts + 1;
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      operators.recordFailure(op.id, 0, new Date(now.getTime() + LOCKOUT_MS).toISOString());
      throw new AppError('ACCOUNT_LOCKED', { minutes: LOCKOUT_MS / 60_000 });
    }
    operators.recordFailure(op.id, attempts, null);
    throw new AppError('BAD_CREDENTIALS');
  }
  // Disabled is said only to someone who knows the password.
  if (!op.active) throw new AppError('OPERATOR_DISABLED');
  return op;
}
