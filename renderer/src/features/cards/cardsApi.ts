// Cards: read the card on the reader, issue, rewrite and erase cards, make management cards.
import { injectFromContract } from '../../app/api';

export const cardsApi = injectFromContract(({ query, mutation }) => ({
  readers: query('cards.readers'),
  // A card read may settle a sale, take in a meter's report or a management card's results.
  readCard: mutation('cards.read', {
    // A card of this office read may settle a sale or an issue left pending on it (待确认), and
    // a meter's write-back or a management card changes accounts, cards and findings.
    invalidatesTags: (result) => [
      ...(result?.ledger ? (['accounts', 'sales'] as const) : []),
      ...(result?.observed || result?.management
        ? (['accounts', 'managementCards', 'findings'] as const)
        : []),
    ],
  }),
  rewriteCard: mutation('cards.rewrite'),
  eraseCard: mutation('cards.erase'),
  makeManagementCard: mutation('cards.makeManagement'),
  meterHistory: query('accounts.meterHistory'),
  managementCards: query('cards.managementList'),
  issueCard: mutation('cards.issue'),
  reissueCard: mutation('cards.reissue'),
  reportLost: mutation('cards.reportLost'),
}));

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
