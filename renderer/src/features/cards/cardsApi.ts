// Cards: read the card on the reader, issue, rewrite and erase cards, make management cards.
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';
import type { MethodInput } from '../../../../shared/api/contract';

// On the ledger's API slice: issuing and reporting lost change what the account rows show.
const cards = ledgerApi.enhanceEndpoints({ addTagTypes: ['ManagementCards', 'Findings'] });

export const cardsApi = cards.injectEndpoints({
  endpoints: (build) => ({
    readers: build.query<Output<'cards.readers'>, void>({
      query: () => call('cards.readers', {}),
    }),
    // A card read may settle a sale, take in a meter's report or a management card's results.
    readCard: build.mutation<Output<'cards.read'>, void>({
      query: () => call('cards.read', {}),
      // A card of this office read may settle a sale or an issue left pending on it (待确认), and
      // a meter's write-back or a management card changes accounts, cards and findings.
      invalidatesTags: (result) => [
        ...(result?.ledger ? (['Accounts', 'Sales'] as const) : []),
        ...(result?.observed || result?.management
          ? (['Accounts', 'ManagementCards', 'Findings'] as const)
          : []),
      ],
    }),
    rewriteCard: build.mutation<Output<'cards.rewrite'>, MethodInput<'cards.rewrite'>>({
      query: (input) => call('cards.rewrite', input),
      invalidatesTags: ['Accounts'],
    }),
    eraseCard: build.mutation<Output<'cards.erase'>, void>({
      query: () => call('cards.erase', {}),
      invalidatesTags: ['ManagementCards'],
    }),
    makeManagementCard: build.mutation<
      Output<'cards.makeManagement'>,
      MethodInput<'cards.makeManagement'>
    >({
      query: (input) => call('cards.makeManagement', input),
      invalidatesTags: ['ManagementCards'],
    }),
    meterHistory: build.query<Output<'accounts.meterHistory'>, number>({
      query: (accountId) => call('accounts.meterHistory', { accountId }),
      providesTags: ['Accounts'],
    }),
    managementCards: build.query<
      Output<'cards.managementList'>,
      MethodInput<'cards.managementList'>
    >({
      query: (input) => call('cards.managementList', input),
      providesTags: ['ManagementCards'],
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
  useRewriteCardMutation,
  useEraseCardMutation,
  useMakeManagementCardMutation,
  useManagementCardsQuery,
  useMeterHistoryQuery,
} = cardsApi;
