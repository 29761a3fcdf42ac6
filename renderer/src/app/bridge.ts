// The renderer's one way to the backend: the Electron preload where it exists, otherwise the
// loopback HTTP host. Features never know which.
import type { CallEnvelope } from '../../../shared/api/envelope';
import { SESSION_HEADER } from '../../../shared/api/envelope';
import type { PushEvent } from '../../../shared/api/events';
import type { ApiResult } from '../../../shared/errors';

export interface Bridge {
  kind: 'ipc' | 'http';
  invoke(envelope: CallEnvelope): Promise<ApiResult<unknown>>;
  on(listener: (event: PushEvent) => void): () => void;
}

declare global {
  interface Window {
    powertill?: Omit<Bridge, 'kind'>;
  }
}

const TOKEN_KEY = 'powertill.token';

const transportFailure = (reason: string): ApiResult<unknown> => ({
  ok: false,
  error: { code: 'TRANSPORT_FAILED', params: { reason } },
});

/** Takes the launch token from the address bar once, then keeps it out of sight. */
export function takeLaunchToken(
  location: Location = window.location,
  storage: Storage = sessionStorage,
) {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? storage.getItem(TOKEN_KEY);
}

export function httpBridge(token: string | null, fetcher: typeof fetch = fetch): Bridge {
  const authorization = `Bearer ${token ?? ''}`;
  // One event stream for the whole page, shared by every listener (the hardware status, each
  // batch followed): a browser keeps at most six connections to one host, and a stream per
  // listener held four of them in a dorm night's e2e test (the status and three batches), so the
  // calls queued for the two left; a few batches more would have stopped them all.
  const listeners = new Set<(event: PushEvent) => void>();
  let stopStream: (() => void) | null = null;
  const toAll = (event: PushEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One listener's failure is not the others'.
      }
    }
  };
  const openStream = () => {
    let stopped = false;
    let controller: AbortController | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = async (attempt: number): Promise<void> => {
      if (stopped) return;
      controller = new AbortController();
      try {
        const response = await fetcher('./api/events', {
          headers: { authorization },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events ${response.status}`);
        attempt = 0;
        await readEventStream(response.body, toAll);
      } catch {
        // Falls through to reconnect below.
      }
      if (!stopped) {
        const delay = Math.min(30_000, 500 * 2 ** attempt);
        retry = setTimeout(() => void connect(attempt + 1), delay);
      }
    };
    void connect(0);
    return () => {
      stopped = true;
      clearTimeout(retry);
      controller?.abort();
    };
  };
  return {
    kind: 'http',
    async invoke({ method, input, sessionId }) {
      let response: Response;
      try {
        response = await fetcher(`./api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/json',
            ...(sessionId && { [SESSION_HEADER]: sessionId }),
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return transportFailure('network');
      }
      try {
        return (await response.json()) as ApiResult<unknown>;
      } catch {
        return transportFailure(`http ${response.status}`);
      }
    },
    on(listener) {
      // Its own entry, so the same function listening twice is taken off once per call.
      const entry = (event: PushEvent) => listener(event);
      listeners.add(entry);
      stopStream ??= openStream();
      return () => {
        listeners.delete(entry);
        if (listeners.size > 0) return;
        stopStream?.();
        stopStream = null;
      };
    },
  };
}

/** Parses a text/event-stream body into events (named events with JSON data only). */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  listener: (event: PushEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = '';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (name && data) {
        try {
          listener({ name, payload: JSON.parse(data) } as PushEvent);
        } catch {
          // A garbled event is dropped; the next status query corrects the view.
        }
      }
    }
  }
}

let current: Bridge | null = null;

export function bridge(): Bridge {
  current ??= window.powertill
    ? { kind: 'ipc', invoke: window.powertill.invoke, on: window.powertill.on }
    : httpBridge(takeLaunchToken());
  return current;
}

/** For tests: replace the bridge. */
export function setBridge(next: Bridge | null) {
  current = next;
}
