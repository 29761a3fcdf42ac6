// Operator management endpoints (administrators).
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
  }),
});

export const {
  useOperatorsQuery,
  useCreateOperatorMutation,
  useUpdateOperatorMutation,
  useResetPasswordMutation,
  useUnlockOperatorMutation,
} = operatorsApi;
