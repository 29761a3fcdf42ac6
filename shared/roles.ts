// Operator roles. What each may do is its permission set (shared/permissions.ts), editable by the
// office; as shipped, an admin manages operators and office settings, a supervisor approves money
// corrections and makes management cards, a cashier sells.
export const ROLES = ['cashier', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
