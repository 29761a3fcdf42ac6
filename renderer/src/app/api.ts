// RTK Query over the bridge: every endpoint names a contract method; errors arrive as the
// contract's coded ApiError. Features inject their endpoints here.
import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/errors';
import { bridge } from './bridge';
import { sessionEnded, type SessionState } from './sessionSlice';

export interface CallArgs {
  method: MethodName;
  input?: unknown;
}

export const bridgeBaseQuery: BaseQueryFn<CallArgs, unknown, ApiError> = async (
  { method, input },
  { getState, dispatch },
) => {
  const { session } = getState() as { session: SessionState };
  const result = await bridge().invoke({
    method,
    input: input ?? {},
    ...(session.current && { sessionId: session.current.sessionId }),
  });
  if (result.ok) return { data: result.value };
  if (
    session.current &&
    (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_SIGNED_IN')
  ) {
    dispatch(sessionEnded('expired'));
  }
  return { error: result.error };
};

/** Typed call arguments for one contract method. */
export const call = <M extends MethodName>(method: M, input?: MethodInput<M>): CallArgs => ({
  method,
  input,
});

export type Output<M extends MethodName> = MethodOutput<M>;

export const api = createApi({
  reducerPath: 'api',
  baseQuery: bridgeBaseQuery,
  tagTypes: ['System', 'Operators', 'RoleSets', 'Settings', 'Secret', 'Audit', 'Printing'],
  endpoints: () => ({}),
});
