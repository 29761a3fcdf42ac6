// Permission sets: the SQL for role_permissions and operator_permissions lives here and nowhere
// else. What an operator may do is worked out from both at every call (shared/permissions.ts),
// so a change takes effect at the operator's next click, not at their next sign-in.
import {
  effectivePermissions,
  PERMISSIONS,
  type Permission,
  type PermissionExceptions,
} from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';
import { prepared, type Db } from '../db/open';

/** Known names only, in the order of PERMISSIONS (a name this version does not know is ignored). */
const known = (names: readonly string[]): Permission[] =>
  PERMISSIONS.filter((p) => names.includes(p));

export class PermissionStore {
  constructor(private readonly db: Db) {}

  roleSet(role: Role): Permission[] {
    const rows = prepared<{ permission: string }>(
      this.db,
      'SELECT permission FROM role_permissions WHERE role = ?',
    ).all(role);
    return known(rows.map((r) => r.permission));
  }

  roleSets(): Record<Role, Permission[]> {
    return Object.fromEntries(ROLES.map((role) => [role, this.roleSet(role)])) as Record<
      Role,
      Permission[]
    >;
  }

  /** Replaces a role's set; the caller holds the transaction. */
  setRoleSet(role: Role, permissions: readonly Permission[]): void {
    prepared(this.db, 'DELETE FROM role_permissions WHERE role = ?').run(role);
    const insert = prepared(
      this.db,
      'INSERT INTO role_permissions (role, permission) VALUES (?, ?)',
    );
    for (const p of known(permissions)) insert.run(role, p);
  }

  exceptionsOf(operatorId: number): PermissionExceptions {
    const rows = prepared<{ permission: string; granted: number }>(
      this.db,
      'SELECT permission, granted FROM operator_permissions WHERE operator_id = ?',
    ).all(operatorId);
    const names = (granted: number) =>
      known(rows.filter((r) => r.granted === granted).map((r) => r.permission));
    return { granted: names(1), withheld: names(0) };
  }

  /** Replaces an operator's exceptions; the caller holds the transaction. */
  setExceptions(operatorId: number, own: PermissionExceptions): void {
    prepared(this.db, 'DELETE FROM operator_permissions WHERE operator_id = ?').run(operatorId);
    const insert = prepared(
      this.db,
      'INSERT INTO operator_permissions (operator_id, permission, granted) VALUES (?, ?, ?)',
    );
    for (const p of known(own.granted)) insert.run(operatorId, p, 1);
    for (const p of known(own.withheld)) insert.run(operatorId, p, 0);
  }

  /** What the operator may do now: their role's set with their own exceptions (or `own`, read). */
  of(
    operator: { id: number; role: Role },
    own: PermissionExceptions = this.exceptionsOf(operator.id),
  ): Permission[] {
    return effectivePermissions(operator.role, this.roleSet(operator.role), own);
  }
}
