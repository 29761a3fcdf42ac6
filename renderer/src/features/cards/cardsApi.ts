// Cards: read the card on the reader, issue a tenant's card, the readers.
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';
import type { MethodInput } from '../../../../shared/api/contract';

// On the ledger's API slice: issuing and reporting lost change what the account rows show.
export const cardsApi = ledgerApi.injectEndpoints({
  endpoints: (build) => ({
    readers: build.query<Output<'cards.readers'>, void>({
      query: () => call('cards.readers', {}),
    }),
    readCard: build.mutation<Output<'cards.read'>, void>({
      query: () => call('cards.read', {}),
    }),
    issueCard: build.mutation<Output<'cards.issue'>, MethodInput<'cards.issue'>>({
      query: (input) => call('cards.issue', input),
      invalidatesTags: ['Accounts'],
    }),
    reissueCard: build.mutation<Output<'cards.reissue'>, MethodInput<'cards.reissue'>>({
      query: (input) => call('cards.reissue', input),
      invalidatesTags: ['Accounts'],
    }),
    reportLost: build.mutation<Output<'cards.reportLost'>, MethodInput<'cards.reportLost'>>({
      query: (input) => call('cards.reportLost', input),
      invalidatesTags: ['Accounts'],
    }),
  }),
});

export const {
  useReadersQuery,
  useReadCardMutation,
  useIssueCardMutation,
  useReissueCardMutation,
  useReportLostMutation,
} = cardsApi;
