// Training mode's hardware at the sale screen: the tenant's card into the meter, a blank card onto
// the virtual reader, a trading day in the shop (the simulated meter spends the credit).
import { call, type Output } from '../../app/api';
import { ledgerApi } from '../ledger/ledgerApi';

// On the ledger's API slice: a card loaded into the meter changes what the account rows show.
export const trainingApi = ledgerApi.injectEndpoints({
  endpoints: (build) => ({
    insertTrainingCard: build.mutation<Output<'training.insertCard'>, number>({
      query: (accountId) => call('training.insertCard', { accountId }),
      invalidatesTags: ['Accounts'],
    }),
    putTrainingBlankCard: build.mutation<Output<'training.putBlankCard'>, void>({
      query: () => call('training.putBlankCard', {}),
    }),
    runTrainingDay: build.mutation<Output<'training.runDay'>, number>({
      query: (accountId) => call('training.runDay', { accountId }),
    }),
  }),
});

export const {
  useInsertTrainingCardMutation,
  usePutTrainingBlankCardMutation,
  useRunTrainingDayMutation,
} = trainingApi;
