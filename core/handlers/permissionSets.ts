// permissions.* and operators.setPermissions: the roles' editable sets and one operator's
// exceptions. Each change is one unit of work whose audit record names who changed what, with
// the set before and after.
import { AppError } from '../../shared/errors';
import { ADMIN_KEEPS } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import { toOperatorView } from '../auth/operatorStore';
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'operators' | 'permissions';

export const permissionSetHandlers: HandlerGroup<
  'permissions.roles' | 'permissions.setRole' | 'operators.setPermissions',
  Area
> = {
  'permissions.roles': (_input, { services }) => {
    const sets = services.permissions.roleSets();
    return ROLES.map((role) => ({ role, permissions: sets[role] }));
  },

  'permissions.setRole': (input, ctx) => {
    const { permissions } = ctx.services;
    if (input.role === 'admin' && ADMIN_KEEPS.some((p) => !input.permissions.includes(p)))
      throw new AppError('ADMIN_KEEPS_OPERATORS');
    const { after } = ctx.write(
      () => {
        const before = permissions.roleSet(input.role);
        permissions.setRoleSet(input.role, input.permissions);
        return { before, after: permissions.roleSet(input.role) };
      },
      ({ before, after: changed }) => ({ role: input.role, before, after: changed }),
    );
    return { role: input.role, permissions: after };
  },

  'operators.setPermissions': (input, ctx) => {
    const { operators, permissions } = ctx.services;
    const op = ctx.write(
      () => {
        const target = operators.byId(input.id);
        if (!target) throw new AppError('OPERATOR_NOT_FOUND');
        if (target.role === 'admin' && ADMIN_KEEPS.some((p) => input.withheld.includes(p)))
          throw new AppError('ADMIN_KEEPS_OPERATORS');
        const before = permissions.exceptionsOf(target.id);
        permissions.setExceptions(target.id, input);
        return { target, before, after: permissions.exceptionsOf(target.id) };
      },
      ({ target, before, after }) => ({ operator: target.username, before, after }),
    );
    return toOperatorView(op.target, ctx.now, permissions);
  },
};
