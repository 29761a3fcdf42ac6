// RTK Query over the bridge: every endpoint is made from a contract method, named once
// (`query('sales.list')`): its input and output types, and its cache tags (the contract's `data`:
// what a read shows, what a change changes), come from the contract. Errors arrive as the
// contract's coded ApiError. Features inject their endpoints here.
import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react';
import type {
  EndpointBuilder,
  EndpointDefinitions,
  MutationDefinition,
  QueryDefinition,
} from '@reduxjs/toolkit/query';
import type {
  DataTopic,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../shared/api/contract';
import { DATA_TOPICS } from '../../../shared/api/method';
import { METHOD_FACTS as contract } from '../../../shared/api/methodFacts';
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
const call = <M extends MethodName>(method: M, input?: MethodInput<M>): CallArgs => ({
  method,
  input,
});

export const api = createApi({
  reducerPath: 'api',
  baseQuery: bridgeBaseQuery,
  tagTypes: DATA_TOPICS,
  endpoints: () => ({}),
});

/** The fields a caller must give (neither optional nor defaulted in the schema). */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

/**
 * A method's input as an endpoint's argument: none needed where every field may be left out (or
 * there are none: an empty strict schema reads as `Record<string, never>`).
 */
export type ArgOf<M extends MethodName> = string extends keyof MethodInput<M>
  ? MethodInput<M> | void
  : [RequiredKeys<MethodInput<M>>] extends [never]
    ? MethodInput<M> | void
    : MethodInput<M>;

/** Methods answered a page at a time: their output carries the cursor of the next page. */
type PagedMethod = {
  [M in MethodName]: MethodOutput<M> extends { next: unknown } ? M : never;
}[MethodName];
type PageCursor<M extends MethodName> =
  MethodOutput<M> extends { next: infer C } ? NonNullable<C> : never;
/** A paged method's input without its cursor: what names the query. */
type PageArg<M extends MethodName> = Omit<MethodInput<M>, 'after'>;

type Builder = EndpointBuilder<typeof bridgeBaseQuery, DataTopic, 'api'>;

const topics = (method: MethodName): DataTopic[] => [...(contract[method].data ?? [])];

/**
 * The two kinds of endpoint, made from a contract method: `query` keeps a read in the cache and
 * reads it again when what it shows changes; `mutation` calls on demand (a change, or a file
 * fetched on a click) and, when the method changes state, refreshes what it changes.
 */
export function fromContract(build: Builder) {
  return {
    query: <M extends MethodName>(
      method: M,
      /** What a read needs beyond the contract: a live feed into its entry, how long it is kept. */
      extra: Partial<
        Pick<
          QueryDefinition<ArgOf<M>, typeof bridgeBaseQuery, DataTopic, MethodOutput<M>, 'api'>,
          'onCacheEntryAdded' | 'keepUnusedDataFor'
        >
      > = {},
    ) =>
      build.query<MethodOutput<M>, ArgOf<M>>({
        query: (input) => call(method, (input ?? {}) as MethodInput<M>),
        providesTags: topics(method),
        ...extra,
      }),
    /**
     * A method that answers a page at a time (`{ ..., next }`, continued by `after: next`): one
     * cache entry per query, holding the pages read so far; `fetchNextPage` reads the next.
     */
    pages: <M extends PagedMethod>(method: M) =>
      build.infiniteQuery<MethodOutput<M>, PageArg<M>, PageCursor<M> | null>({
        infiniteQueryOptions: {
          initialPageParam: null,
          getNextPageParam: (last) =>
            ((last as { next: PageCursor<M> | null }).next ?? undefined) as
              PageCursor<M> | undefined,
        },
        query: ({ queryArg, pageParam }) =>
          call(method, { ...queryArg, ...(pageParam && { after: pageParam }) } as MethodInput<M>),
        providesTags: topics(method),
      }),
    mutation: <M extends MethodName>(
      method: M,
      /** Narrower than the contract's `data` where the answer says what did change. */
      extra: Partial<
        Pick<
          MutationDefinition<ArgOf<M>, typeof bridgeBaseQuery, DataTopic, MethodOutput<M>, 'api'>,
          'invalidatesTags'
        >
      > = {},
    ) =>
      build.mutation<MethodOutput<M>, ArgOf<M>>({
        query: (input) => call(method, (input ?? {}) as MethodInput<M>),
        invalidatesTags: contract[method].mutating ? topics(method) : [],
        ...extra,
      }),
  };
}

/**
 * A feature's endpoints, made from contract methods: `injectFromContract(({ query, mutation }) =>
 * ({ sales: query('sales.list'), sell: mutation('sales.sell') }))`.
 */
export function injectFromContract<D extends EndpointDefinitions>(
  make: (from: ReturnType<typeof fromContract>) => D,
) {
  return api.injectEndpoints({ endpoints: (build) => make(fromContract(build)) });
}
