// Permission sets (操作权限): the roles' editable sets and an operator's own exceptions. Only who
// holds "operators and permissions" sees or changes them; every change is audited with its
// before and after.
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../permissions';
import { ROLES, type Role } from '../roles';
import { rule } from './fieldIssues';
import { id } from './fields';
import { method } from './method';
import type { OperatorView } from './types';

export interface RoleSet {
  role: Role;
  permissions: Permission[];
}

const permissionList = z
  .array(z.enum(PERMISSIONS))
  .max(PERMISSIONS.length)
  .refine((list) => new Set(list).size === list.length, rule('no_repeats'));

export const permissionSetMethods = {
  'permissions.roles': method<RoleSet[]>()({
    input: z.object({}).strict(),
    access: 'operators',
    mutating: false,
    data: ['roleSets'],
  }),
  /** Replaces a role's set: every operator of the role has the new set at their next click. */
  'permissions.setRole': method<RoleSet>()({
    input: z.object({ role: z.enum(ROLES), permissions: permissionList }).strict(),
    access: 'operators',
    mutating: true,
    data: ['roleSets', 'operators'],
  }),
  /** One operator's exceptions to their role's set: granted beyond it, withheld from it. */
  'operators.setPermissions': method<OperatorView>()({
    input: z
      .object({ id, granted: permissionList, withheld: permissionList })
      .strict()
      .refine((v) => !v.granted.some((p) => v.withheld.includes(p)), {
        message: rule('grant_or_withhold'),
        path: ['withheld'],
      }),
    access: 'operators',
    mutating: true,
    data: ['operators'],
  }),
} as const;
