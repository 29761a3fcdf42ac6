// The device journal's unsettled operations (待确认), on the ledger's slice: a sale, a reading or a
// card read that settles one changes the sales, accounts or meters, so those tags refresh it too.
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';

export const journalApi = ledgerApi.injectEndpoints({
  endpoints: (build) => ({
    pendingOperations: build.query<Output<'journal.pending'>, void>({
      query: () => call('journal.pending', {}),
      providesTags: ['Sales', 'Accounts', 'Meters'],
    }),
  }),
});

export const { usePendingOperationsQuery } = journalApi;
