// operators.*: an administrator manages who may use the till and in which role.
import { AppError } from '../../shared/errors';
import { toOperatorView, type OperatorRecord } from '../auth/operatorStore';
import type { AreaContext, HandlerGroup } from '../api/context';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords';

/** The services these handlers reach (their area's). */
type Area = 'operators' | 'permissions' | 'sessions';

const view = (ctx: AreaContext<Area>, op: OperatorRecord) =>
  toOperatorView(op, ctx.now, ctx.services.permissions);

function existing(ctx: AreaContext<Area>, id: number): OperatorRecord {
  const op = ctx.services.operators.byId(id);
  if (!op) throw new AppError('OPERATOR_NOT_FOUND');
  return op;
}

export const operatorHandlers: HandlerGroup<
  | 'operators.list'
  | 'operators.create'
  | 'operators.update'
  | 'operators.resetPassword'
  | 'operators.unlock',
  Area
> = {
  'operators.list': (_input, { services, now }) =>
    services.operators.list().map((op) => toOperatorView(op, now, services.permissions)),

  'operators.create': async (input, ctx) => {
    const { operators } = ctx.services;
    if (operators.usernameTaken(input.username)) {
      throw new AppError('USERNAME_TAKEN', { username: input.username });
    }
    assertPasswordPolicy(input.password);
    const passwordHash = await hashPassword(input.password);
    const op = ctx.write(
      () => {
        if (operators.usernameTaken(input.username)) {
          throw new AppError('USERNAME_TAKEN', { username: input.username });
        }
        // The admin chose this password, so the operator must replace it at first sign-in.
        return operators.insert({
          ...input,
          passwordHash,
          mustChangePassword: true,
          createdAt: ctx.now.toISOString(),
        });
      },
      (created) => ({ after: view(ctx, created) }),
    );
    return view(ctx, op);
  },

  'operators.update': (input, ctx) => {
    const { operators, sessions } = ctx.services;
    const updated = ctx.write(
      () => {
        const before = existing(ctx, input.id);
        const losesAdmin =
          before.role === 'admin' &&
          before.active &&
          ((input.role !== undefined && input.role !== 'admin') || input.active === false);
        if (losesAdmin && operators.countActiveAdmins() <= 1) throw new AppError('LAST_ADMIN');
        operators.update(input.id, {
          ...(input.displayName !== undefined && { displayName: input.displayName }),
          ...(input.role !== undefined && { role: input.role }),
          ...(input.active !== undefined && { active: input.active }),
        });
        return { before, after: existing(ctx, input.id) };
      },
      ({ before, after }) => ({
        before: view(ctx, before),
        after: view(ctx, after),
      }),
    );
    // A disabled operator or a changed role takes effect now, not at their next sign-in.
    if (!updated.after.active || updated.after.role !== updated.before.role) {
      sessions.closeAllFor(input.id);
    }
    return view(ctx, updated.after);
  },

  'operators.resetPassword': async (input, ctx) => {
    existing(ctx, input.id);
    assertPasswordPolicy(input.password);
    const hash = await hashPassword(input.password);
    ctx.write(() => {
      existing(ctx, input.id);
      ctx.services.operators.setPassword(input.id, hash, true);
    });
    ctx.services.sessions.closeAllFor(input.id);
    return null;
  },

  'operators.unlock': (input, ctx) => {
    const op = ctx.write(() => {
      existing(ctx, input.id);
      ctx.services.operators.unlock(input.id);
      return existing(ctx, input.id);
    });
    return view(ctx, op);
  },
};
