// Operator management endpoints (who holds "operators and permissions").
import { api, call, type Output } from '../../app/api';
import type { MethodInput } from '../../../../shared/api/contract';

export const operatorsApi = api.injectEndpoints({
  endpoints: (build) => ({
    operators: build.query<Output<'operators.list'>, void>({
      query: () => call('operators.list'),
      providesTags: ['Operators'],
    }),
    createOperator: build.mutation<Output<'operators.create'>, MethodInput<'operators.create'>>({
      query: (input) => call('operators.create', input),
      invalidatesTags: ['Operators'],
    }),
    updateOperator: build.mutation<Output<'operators.update'>, MethodInput<'operators.update'>>({
      query: (input) => call('operators.update', input),
      invalidatesTags: ['Operators'],
    }),
    resetPassword: build.mutation<null, MethodInput<'operators.resetPassword'>>({
      query: (input) => call('operators.resetPassword', input),
      invalidatesTags: ['Operators'],
    }),
    unlockOperator: build.mutation<Output<'operators.unlock'>, MethodInput<'operators.unlock'>>({
      query: (input) => call('operators.unlock', input),
      invalidatesTags: ['Operators'],
    }),
    roleSets: build.query<Output<'permissions.roles'>, void>({
      query: () => call('permissions.roles'),
      providesTags: ['RoleSets'],
    }),
    // A role's set changes what each of its operators may do: their rows are read again.
    setRolePermissions: build.mutation<
      Output<'permissions.setRole'>,
      MethodInput<'permissions.setRole'>
    >({
      query: (input) => call('permissions.setRole', input),
      invalidatesTags: ['RoleSets', 'Operators'],
    }),
    setOperatorPermissions: build.mutation<
      Output<'operators.setPermissions'>,
      MethodInput<'operators.setPermissions'>
    >({
      query: (input) => call('operators.setPermissions', input),
      invalidatesTags: ['Operators'],
    }),
  }),
});

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
