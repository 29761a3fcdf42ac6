// The loopback HTTP host: the second transport into the dispatcher, and the server of the built
// renderer for browsers. Only this PC may talk to it (127.0.0.1), only pages it served may call
// it (Host and Origin checks stop DNS rebinding and cross-site requests), and only with the
// per-launch token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { SESSION_HEADER } from '../../shared/api/envelope';
import type { ApiError, ApiResult } from '../../shared/errors';
import type { Dispatcher } from '../api/dispatcher';
import type { EventHub } from '../events';
import type { Logger } from '../log/logger';
import { LaunchCodes } from './launchCodes';

export interface HttpHostOptions {
  dispatcher: Dispatcher;
  events: EventHub;
  log: Logger;
  /** The built renderer; null serves the API only. */
  staticDir: string | null;
  port?: number;
  token?: string;
  bodyLimitBytes?: number;
  heartbeatMs?: number;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  /** An address for the system browser that carries a one-time code, not the token. */
  launchUrl(): string;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** How a coded dispatcher error reads as an HTTP status, for curl users and logs. */
export function httpStatusFor(error: ApiError): number {
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'NOT_SIGNED_IN':
    case 'SESSION_EXPIRED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNKNOWN_METHOD':
      return 404;
    case 'DATABASE_BUSY':
      return 503;
    case 'DISK_FULL':
      return 507;
    case 'INTERNAL':
      return 500;
    default:
      return 422;
  }
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const LAUNCH_REFUSED_PAGE = `<!doctype html><meta charset="utf-8"><title>PowerTill</title>
<p>此链接已使用或已过期。请再次启动 PowerTill（它会打开新的链接），或使用它打印的地址。</p>
<p>This link was used already or has expired. Start PowerTill again (it opens a new link), or use the address it printed.</p>`;

/** The method a request path names; a path that is not valid percent-encoding is refused. */
function methodName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/'.length));
  } catch {
    throw new Refusal(400, 'malformed path');
  }
}

/** A request's path for the log: never its query string, which may carry the launch token. */
export function loggedUrl(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : `${path.slice(0, query)}?…`;
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const { dispatcher, events, log } = options;
  let port = options.port ?? 0;
  const launchCodes = new LaunchCodes();

  const serveStatic =
    options.staticDir && fs.existsSync(options.staticDir)
      ? sirv(options.staticDir, {
          single: true,
          etag: true,
          // Hashed asset names may be cached for good; index.html must always be fresh.
          setHeaders: (res, pathname) => {
            res.setHeader(
              'cache-control',
              pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
            );
          },
        })
      : null;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function checkToken(req: http.IncomingMessage) {
    const header = req.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (presented.length === 0) throw new Refusal(401, 'token missing');
    if (presented.length !== tokenBytes.length || !timingSafeEqual(presented, tokenBytes)) {
      throw new Refusal(401, 'token wrong');
    }
  }

  function checkCaller(req: http.IncomingMessage) {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      throw new Refusal(403, 'foreign origin');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site')
      throw new Refusal(403, 'cross-site request');
  }

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new Refusal(415, 'content type must be application/json');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > bodyLimit) throw new Refusal(413, 'body too large');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > bodyLimit) throw new Refusal(413, 'body too large');
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Refusal(400, 'malformed JSON');
    }
  }

  function sendJson(res: http.ServerResponse, status: number, body: ApiResult<unknown>) {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(payload),
    });
    res.end(payload);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const subscription = events.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(
      () => res.write(': heartbeat\n\n'),
      options.heartbeatMs ?? 15_000,
    );
    req.on('close', () => {
      clearInterval(heartbeat);
      subscription.dispose();
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still carries its own Host header.
    if (!allowedHosts().has(req.headers.host ?? '')) throw new Refusal(403, 'foreign host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/launch') {
      if (req.method !== 'GET') throw new Refusal(405, 'method not allowed');
      if (!launchCodes.redeem(url.searchParams.get('code') ?? '')) {
        log.warn({ url: loggedUrl(req.url) }, 'launch code used or expired');
        res.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
        res.end(LAUNCH_REFUSED_PAGE);
        return;
      }
      // The token goes to this browser only; the page takes it out of the address bar.
      res.writeHead(303, { ...SECURITY_HEADERS, location: `/?token=${token}` });
      res.end();
      return;
    }
    // A second start of PowerTill asks the running one for a code to open the browser with.
    if (url.pathname === '/launch-code') {
      if (req.method !== 'POST') throw new Refusal(405, 'method not allowed');
      checkCaller(req);
      checkToken(req);
      sendJson(res, 200, { ok: true, value: { code: launchCodes.issue() } });
      return;
    }

    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      checkCaller(req);
      checkToken(req);
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') throw new Refusal(405, 'method not allowed');
        openEventStream(req, res);
        return;
      }
      if (req.method !== 'POST') throw new Refusal(405, 'method not allowed');
      const method = methodName(url.pathname);
      const input = await readJson(req);
      const session = req.headers[SESSION_HEADER];
      const result = await dispatcher.dispatch({
        method,
        input,
        ...(typeof session === 'string' && { sessionId: session }),
      });
      sendJson(res, result.ok ? 200 : httpStatusFor(result.error), result);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refusal(405, 'method not allowed');
    if (!serveStatic) throw new Refusal(404, 'renderer not built');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    serveStatic(req, res, () => {
      res.writeHead(404).end();
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const refusal = error instanceof Refusal ? error : null;
      if (!refusal) log.error({ err: error, url: loggedUrl(req.url) }, 'http host error');
      else
        log.warn(
          { status: refusal.status, reason: refusal.reason, url: loggedUrl(req.url) },
          'http request refused',
        );
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // Drain nothing more from a refused body; closing keeps a flood from tying us up.
      res.setHeader('connection', 'close');
      sendJson(res, refusal?.status ?? 500, {
        ok: false,
        error: { code: 'TRANSPORT_FAILED', params: { reason: refusal?.reason ?? 'internal' } },
      });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    launchUrl: () => `http://127.0.0.1:${port}/launch?code=${launchCodes.issue()}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
