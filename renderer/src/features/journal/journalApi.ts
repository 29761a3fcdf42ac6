// The device journal's unsettled operations (待确认), on the ledger's slice: a sale, a reading or a
// card read that settles one changes the sales, accounts or meters, so those tags refresh it too.
import type { MethodInput } from '../../../../shared/api/contract';
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';

export const journalApi = ledgerApi.injectEndpoints({
  endpoints: (build) => ({
    pendingOperations: build.query<Output<'journal.pending'>, void>({
      query: () => call('journal.pending', {}),
      providesTags: ['Sales', 'Accounts', 'Meters'],
    }),
    abandonOperation: build.mutation<Output<'journal.abandon'>, MethodInput<'journal.abandon'>>({
      query: (input) => call('journal.abandon', input),
      invalidatesTags: ['Sales', 'Accounts', 'Meters'],
    }),
  }),
});

export const { usePendingOperationsQuery, useAbandonOperationMutation } = journalApi;
