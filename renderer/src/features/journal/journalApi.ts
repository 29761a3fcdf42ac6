// The device journal's unsettled operations (待确认), on the ledger's slice: a sale, a reading or a
// card read that settles one changes the sales, accounts or meters, so those tags refresh it too.
import type { MethodInput } from '../../../../shared/api/contract';
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';

// A management card left unconfirmed changes no ledger row: its list's tag refreshes 待确认 too.
export const journalApi = ledgerApi
  .enhanceEndpoints({ addTagTypes: ['ManagementCards'] })
  .injectEndpoints({
    endpoints: (build) => ({
      pendingOperations: build.query<Output<'journal.pending'>, void>({
        query: () => call('journal.pending', {}),
        providesTags: ['Sales', 'Accounts', 'Meters', 'ManagementCards'],
      }),
      abandonOperation: build.mutation<Output<'journal.abandon'>, MethodInput<'journal.abandon'>>({
        query: (input) => call('journal.abandon', input),
        invalidatesTags: ['Sales', 'Accounts', 'Meters', 'ManagementCards'],
      }),
    }),
  });

export const { usePendingOperationsQuery, useAbandonOperationMutation } = journalApi;
