/**
 * @jest-environment node
 */
// The transport needs fetch, streams and TextEncoder, not a DOM.
import { SESSION_HEADER } from '../../../shared/api/envelope';
import type { PushEvent } from '../../../shared/api/events';
import { httpBridge, readEventStream } from './bridge';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('the HTTP bridge', () => {
  it('posts the call with the launch token and the session', async () => {
    const fetcher = jest.fn(async () => new Response(JSON.stringify({ ok: true, value: 7 })));
    const bridge = httpBridge('tok', fetcher as unknown as typeof fetch);
    await expect(
      bridge.invoke({ method: 'settings.get', input: { a: 1 }, sessionId: 's1' }),
    ).resolves.toEqual({ ok: true, value: 7 });
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('./api/settings.get');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', [SESSION_HEADER]: 's1' });
    expect(init.body).toBe('{"a":1}');
  });

  it('turns a dead backend into a translated transport error', async () => {
    const down = httpBridge('tok', (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    await expect(down.invoke({ method: 'system.info', input: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'network' } },
    });
    const garbled = httpBridge(
      'tok',
      (async () =>
        new Response('<html>proxy error</html>', { status: 502 })) as unknown as typeof fetch,
    );
    await expect(garbled.invoke({ method: 'system.info', input: {} })).resolves.toMatchObject({
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'http 502' } },
    });
  });
});

describe("the HTTP bridge's push events", () => {
  /** An event stream the test writes to, as the host's /api/events would. */
  function hostStreams() {
    const opened: { signal: AbortSignal; send: (text: string) => void }[] = [];
    const fetcher = jest.fn(async (_url: string, init: RequestInit) => {
      let send: (text: string) => void = () => undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          send = (text) => controller.enqueue(new TextEncoder().encode(text));
        },
      });
      opened.push({ signal: init.signal!, send: (text) => send(text) });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    return { opened, fetcher: fetcher as unknown as typeof fetch };
  }
  const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
  const status = 'event: hardware.status\ndata: {"reader":{"state":"ready","withCard":[]}}\n\n';

  it('shares one stream among its listeners, and closes it with the last of them', async () => {
    const host = hostStreams();
    const bridge = httpBridge('tok', host.fetcher);
    const heard: string[] = [];
    const stops = ['status bar', 'batch 1', 'batch 2'].map((who) =>
      bridge.on((event) => {
        if (who === 'batch 1') throw new Error('a listener that fails');
        heard.push(`${who}: ${event.name}`);
      }),
    );
    expect(host.opened).toHaveLength(1);
    await turn();
    host.opened[0]!.send(status);
    await turn();
    expect(heard).toEqual(['status bar: hardware.status', 'batch 2: hardware.status']);

    stops[0]!();
    stops[1]!();
    expect(host.opened[0]!.signal.aborted).toBe(false);
    stops[2]!();
    expect(host.opened[0]!.signal.aborted).toBe(true);

    // A listener after that opens a stream again.
    const again = bridge.on(() => undefined);
    expect(host.opened).toHaveLength(2);
    again();
  });

  it('takes off the same function once per time it was put on', async () => {
    const host = hostStreams();
    const bridge = httpBridge('tok', host.fetcher);
    const heard: string[] = [];
    const listener = (event: PushEvent) => heard.push(event.name);
    const first = bridge.on(listener);
    const second = bridge.on(listener);
    first();
    await turn();
    host.opened[0]!.send(status);
    await turn();
    expect(heard).toEqual(['hardware.status']);
    second();
    expect(host.opened[0]!.signal.aborted).toBe(true);
  });
});

describe('reading the event stream', () => {
  it('parses named events split across chunks and skips comments and garbage', async () => {
    const events: PushEvent[] = [];
    await readEventStream(
      streamOf(
        ': connected\n\n',
        'event: hardware.status\nda',
        'ta: {"reader":{"state":"none","reason":"no-reader"}}\n\n',
        'event: hardware.status\ndata: {broken\n\n',
        ': heartbeat\n\n',
      ),
      (e) => events.push(e),
    );
    expect(events).toEqual([
      { name: 'hardware.status', payload: { reader: { state: 'none', reason: 'no-reader' } } },
    ]);
  });
});
