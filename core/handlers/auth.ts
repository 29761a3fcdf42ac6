// auth.*: sign-in with lockout, sign-out, the current session, password change, language.
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerGroup } from '../api/context';
import { checkCredentials } from '../auth/credentials';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../auth/passwords';
import { sessionView, type SessionViewArea } from './session';

/** The services these handlers reach (their area's). */
type Area = SessionViewArea | 'operators' | 'sessions' | 'shifts';

export const authHandlers: HandlerGroup<
  'auth.login' | 'auth.logout' | 'auth.session' | 'auth.changePassword' | 'auth.setLanguage',
  Area
> = {
  'auth.login': async (input, ctx) => {
    const { services, now } = ctx;
    if (!services.settings.isSetUp()) throw new AppError('NOT_SET_UP');
    const op = await checkCredentials(services.operators, input, now, (known) =>
      ctx.identify(known),
    );
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
