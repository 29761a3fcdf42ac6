// The device journal's unsettled operations (待确认): a sale, a reading or a card read that settles
// one changes the sales, accounts, meters or management cards, so the contract has the list read
// those (a management card left unconfirmed changes no ledger row).
import { injectFromContract } from '../../app/api';

export const journalApi = injectFromContract(({ query, mutation }) => ({
  pendingOperations: query('journal.pending'),
  abandonOperation: mutation('journal.abandon'),
}));

export const { usePendingOperationsQuery, useAbandonOperationMutation } = journalApi;
