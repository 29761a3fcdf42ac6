// Training mode's hardware at the sale screen: the tenant's card into the meter, a blank card onto
// the virtual reader, a trading day in the shop (the simulated meter spends the credit).
import { injectFromContract } from '../../app/api';

export const trainingApi = injectFromContract(({ mutation }) => ({
  insertTrainingCard: mutation('training.insertCard'),
  putTrainingBlankCard: mutation('training.putBlankCard'),
  runTrainingDay: mutation('training.runDay'),
}));

export const {
  useInsertTrainingCardMutation,
  usePutTrainingBlankCardMutation,
  useRunTrainingDayMutation,
} = trainingApi;
