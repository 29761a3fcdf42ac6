// Cards: read the card on the reader, issue a tenant's card, the readers.
import { api, call, type Output } from '../../app/api';
import type { MethodInput } from '../../../../shared/api/contract';

export const cardsApi = api.injectEndpoints({
  endpoints: (build) => ({
    readers: build.query<Output<'cards.readers'>, void>({
      query: () => call('cards.readers', {}),
    }),
    readCard: build.mutation<Output<'cards.read'>, void>({
      query: () => call('cards.read', {}),
    }),
    issueCard: build.mutation<Output<'cards.issue'>, MethodInput<'cards.issue'>>({
      query: (input) => call('cards.issue', input),
    }),
  }),
});

export const { useReadersQuery, useReadCardMutation, useIssueCardMutation } = cardsApi;
