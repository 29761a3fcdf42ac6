// Operator management endpoints (who holds "operators and permissions").
import { injectFromContract } from '../../app/api';

export const operatorsApi = injectFromContract(({ query, mutation }) => ({
  operators: query('operators.list'),
  createOperator: mutation('operators.create'),
  updateOperator: mutation('operators.update'),
  resetPassword: mutation('operators.resetPassword'),
  unlockOperator: mutation('operators.unlock'),
  roleSets: query('permissions.roles'),
  // A role's set changes what each of its operators may do: their rows are read again.
  setRolePermissions: mutation('permissions.setRole'),
  setOperatorPermissions: mutation('operators.setPermissions'),
}));

export const {
  useOperatorsQuery,
  useCreateOperatorMutation,
  useUpdateOperatorMutation,
  useResetPasswordMutation,
  useUnlockOperatorMutation,
  useRoleSetsQuery,
  useSetRolePermissionsMutation,
  useSetOperatorPermissionsMutation,
} = operatorsApi;
