// What the signed-in operator may do, decided as the dispatcher decides it: the contract's access
// for a method (shared/api/access.ts mayCall, on the facts of shared/api/methodFacts.ts, the
// contract's without its schemas) against the permissions the session carries. The screens only
// offer what would be let in; the backend still checks every call.
import { useCallback } from 'react';
import { mayCall } from '../../../shared/api/access';
import type { MethodName } from '../../../shared/api/contract';
import { METHOD_FACTS } from '../../../shared/api/methodFacts';
import type { Permission } from '../../../shared/permissions';
import { useAppSelector } from './hooks';

/** The signed-in operator's permissions (none when nobody is signed in). */
export function usePermissions(): readonly Permission[] {
  // A session kept from before permission sets has none: the shell refreshes it at once.
  return useAppSelector((state) => state.session.current?.operator.permissions ?? NONE);
}
const NONE: readonly Permission[] = [];

/** Whether the operator may call a method: `mayCall('accounts.suspend')`. */
export function useMayCall(): (method: MethodName) => boolean {
  const permissions = usePermissions();
  return useCallback((method) => mayCall(METHOD_FACTS[method], permissions), [permissions]);
}

/** Whether the operator holds a permission that rules finer than a method (审批, 查看账面). */
export function useMay(permission: Permission): boolean {
  return usePermissions().includes(permission);
}
