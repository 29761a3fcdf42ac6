// auth.*: sign-in with lockout, sign-out, the current session, password change, language.
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerGroup } from '../api/context';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../auth/passwords';
import { sessionView } from './session';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60_000;

// Verified against when the user name is unknown, so a miss costs the same time as a hit.
let decoyHash: Promise<string> | undefined;

export const authHandlers: HandlerGroup<
  'auth.login' | 'auth.logout' | 'auth.session' | 'auth.changePassword' | 'auth.setLanguage'
> = {
  'auth.login': async (input, ctx) => {
    const { services, now } = ctx;
    if (!services.settings.isSetUp()) throw new AppError('NOT_SET_UP');
    const op = services.operators.byUsername(input.username);
    if (!op) {
      decoyHash ??= hashPassword('decoy-password-0');
      await verifyPassword(input.password, await decoyHash);
      throw new AppError('BAD_CREDENTIALS');
    }
    ctx.identify(op);
    if (op.lockedUntil && new Date(op.lockedUntil) > now) {
      const minutes = Math.ceil((new Date(op.lockedUntil).getTime() - now.getTime()) / 60_000);
      throw new AppError('ACCOUNT_LOCKED', { minutes });
    }
    if (!(await verifyPassword(input.password, op.passwordHash))) {
      const attempts = op.failedAttempts + 1;
      if (attempts >= MAX_FAILED_ATTEMPTS) {
        services.operators.recordFailure(
          op.id,
          0,
          new Date(now.getTime() + LOCKOUT_MS).toISOString(),
        );
        throw new AppError('ACCOUNT_LOCKED', { minutes: LOCKOUT_MS / 60_000 });
      }
      services.operators.recordFailure(op.id, attempts, null);
      throw new AppError('BAD_CREDENTIALS');
    }
    // Disabled is said only to someone who knows the password.
    if (!op.active) throw new AppError('OPERATOR_DISABLED');
    ctx.write(() => {
      services.operators.recordLogin(op.id, now.toISOString());
      // Signing in starts (or continues) the operator's shift until hand-over.
      services.shifts.openFor(op.id, now.toISOString());
    });
    const fresh = services.operators.byId(op.id)!;
    return sessionView(services, services.sessions.open(op.id, now), fresh, now);
  },

  'auth.logout': (_input, ctx) => {
    if (ctx.sessionId) ctx.services.sessions.close(ctx.sessionId);
    return null;
  },

  'auth.session': (_input, ctx) =>
    sessionView(ctx.services, ctx.sessionId!, signedIn(ctx), ctx.now),

  'auth.changePassword': async (input, ctx) => {
    const op = signedIn(ctx);
    if (!(await verifyPassword(input.currentPassword, op.passwordHash))) {
      throw new AppError('WRONG_CURRENT_PASSWORD');
    }
    if (input.newPassword === input.currentPassword) throw new AppError('PASSWORD_REUSED');
    assertPasswordPolicy(input.newPassword);
    const hash = await hashPassword(input.newPassword);
    ctx.write(() => ctx.services.operators.setPassword(op.id, hash, false));
    ctx.services.sessions.closeAllFor(op.id, ctx.sessionId ?? undefined);
    return null;
  },

  'auth.setLanguage': (input, ctx) => {
    const op = signedIn(ctx);
    ctx.write(() => ctx.services.operators.update(op.id, { language: input.language }));
    return null;
  },
};
