// Dispatcher round trip: in process (what IPC adds nothing to) and over the loopback HTTP host.
import { startHttpHost } from '../core/host/httpHost';
import { openTestCore, setUpOffice } from '../core/testing';
import { SESSION_HEADER } from '../shared/api/envelope';
import { percentile, round, writeResult } from './lib';

async function main() {
  const core = await openTestCore();
  const session = (await setUpOffice(core)).sessionId;

  const inProcess: number[] = [];
  for (let i = 0; i < 2_000; i += 1)
    await core.dispatcher.dispatch({ method: 'settings.get', input: {}, sessionId: session });
  const started = performance.now();
  for (let i = 0; i < 20_000; i += 1) {
    const t = performance.now();
    await core.dispatcher.dispatch({ method: 'settings.get', input: {}, sessionId: session });
    inProcess.push(performance.now() - t);
  }
  const inProcessSeconds = (performance.now() - started) / 1000;

  const mutations: number[] = [];
  for (let i = 0; i < 2_000; i += 1) {
    const t = performance.now();
    const result = await core.dispatcher.dispatch({
      method: 'settings.update',
      input: { idleTimeoutMinutes: 30 + (i % 5) },
      sessionId: session,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    mutations.push(performance.now() - t);
  }

  const host = await startHttpHost({
    dispatcher: core.dispatcher,
    events: core.services.events,
    log: core.services.log,
    staticDir: null,
  });
  const headers = {
    authorization: `Bearer ${host.token}`,
    'content-type': 'application/json',
    [SESSION_HEADER]: session,
  };
  const overHttp: number[] = [];
  for (let i = 0; i < 3_000; i += 1) {
    const t = performance.now();
    const response = await fetch(`${host.url}api/settings.get`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    await response.json();
    if (i >= 500) overHttp.push(performance.now() - t);
  }
  await host.close();
  await core.dispose();

  writeResult('dispatcher', {
    in_process_read_ops: { value: Math.round(20_000 / inProcessSeconds), unit: 'ops/s' },
    in_process_read_p50: { value: round(percentile(inProcess, 50) * 1000, 1), unit: 'us' },
    in_process_read_p95: { value: round(percentile(inProcess, 95) * 1000, 1), unit: 'us' },
    audited_mutation_p50: { value: round(percentile(mutations, 50), 3), unit: 'ms' },
    audited_mutation_p95: { value: round(percentile(mutations, 95), 3), unit: 'ms' },
    http_read_p50: { value: round(percentile(overHttp, 50), 3), unit: 'ms' },
    http_read_p95: { value: round(percentile(overHttp, 95), 3), unit: 'ms' },
  });
}

void main();
