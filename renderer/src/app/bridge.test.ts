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
