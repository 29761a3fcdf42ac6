// Endpoints made from the contract (this module's unit test, with a fake bridge): a read is kept
// and read again after a change to what it shows, as the contract's `data` says; a call that
// changes nothing (a report file on a click) refreshes nothing; a method without input needs no
// argument.
import type { CallEnvelope } from '../../../shared/api/envelope';
import type { ApiResult } from '../../../shared/errors';
import { injectFromContract } from './api';
import { setBridge } from './bridge';
import { makeStore } from './store';

const probe = injectFromContract(({ query, mutation }) => ({
  probeSales: query('sales.list'),
  probeTariffs: query('tariffs.list'),
  probeSell: mutation('sales.sell'),
  probeSalesFile: mutation('reports.salesFile'),
}));

function office() {
  const calls: string[] = [];
  const invoke = jest.fn(async ({ method }: CallEnvelope): Promise<ApiResult<unknown>> => {
    calls.push(method);
    return { ok: true, value: method === 'reports.salesFile' ? { fileName: 'x' } : [] };
  });
  setBridge({ kind: 'http', invoke, on: () => () => undefined });
  return calls;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('endpoints from the contract', () => {
  afterEach(() => setBridge(null));

  it('reads again what a sale changes, and only that', async () => {
    const calls = office();
    const store = makeStore();
    const sales = store.dispatch(probe.endpoints.probeSales.initiate({ accountId: 4 }));
    const tariffs = store.dispatch(probe.endpoints.probeTariffs.initiate());
    await settle();
    expect(calls.sort()).toEqual(['sales.list', 'tariffs.list']);
    calls.length = 0;

    await store.dispatch(
      probe.endpoints.probeSell.initiate({ accountId: 4, amountFen: 1_000, paymentMethod: 'cash' }),
    );
    await settle();
    // sales.sell changes accounts and sales: the sales list is read again, the tariffs are not.
    expect(calls).toEqual(['sales.sell', 'sales.list']);
    calls.length = 0;

    await store.dispatch(
      probe.endpoints.probeSalesFile.initiate({ from: '2026-12-01', to: '2026-12-06' } as never),
    );
    await settle();
    // A report file changes nothing: nothing is read again.
    expect(calls).toEqual(['reports.salesFile']);
    sales.unsubscribe();
    tariffs.unsubscribe();
  });
});
