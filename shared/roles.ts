// Operator roles. An admin manages operators and office settings; a supervisor approves money
// corrections and makes management cards; a cashier sells.
export const ROLES = ['cashier', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Supervisors and admins: who may approve money corrections and act on the meter line. */
export const isSupervisor = (role: Role): boolean => role === 'supervisor' || role === 'admin';
