// Renders a component as the app does (the store, antd's App) with the backend behind a fake
// bridge, for the renderer's component tests: `answer` gives each call's result; a call it does
// not expect (undefined) fails the test when it ends (the data layer swallows the throw itself,
// so it is kept and thrown again from afterEach).
import { render } from '@testing-library/react';
import { App } from 'antd';
import type { ReactElement } from 'react';
import { Provider } from 'react-redux';
import type { CallEnvelope } from '../../../shared/api/envelope';
import type { ApiResult } from '../../../shared/errors';
import { setBridge } from '../app/bridge';
import { makeStore } from '../app/store';

export type Answer = (
  method: CallEnvelope['method'],
  input: unknown,
) => ApiResult<unknown> | undefined;

const unexpected: string[] = [];
afterEach(() => {
  const calls = unexpected.splice(0);
  if (calls.length > 0) throw new Error(`unexpected calls to the backend: ${calls.join(', ')}`);
});

/** The calls the component made, in order. */
export function renderAtTheOffice(ui: ReactElement, answer: Answer): CallEnvelope[] {
  const calls: CallEnvelope[] = [];
  const invoke = async (call: CallEnvelope): Promise<ApiResult<unknown>> => {
    calls.push(call);
    const result = answer(call.method, call.input);
    if (!result) {
      unexpected.push(call.method);
      throw new Error(`unexpected call ${call.method}`);
    }
    return result;
  };
  setBridge({ kind: 'http', invoke, on: () => () => undefined });
  render(
    <Provider store={makeStore()}>
      <App>{ui}</App>
    </Provider>,
  );
  return calls;
}
