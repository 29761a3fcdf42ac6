// The loopback HTTP host, exercised with raw HTTP requests: every refusal answers with the right
// status and leaves the ledger as it was.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SESSION_HEADER } from '../../shared/api/envelope';
import { startHttpHost, type HttpHost } from '../../core/host/httpHost';
import { ADMIN, openTestCore, tempDir, type TestCore } from '../../core/testing';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(
  host: HttpHost,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: string[];
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('the loopback HTTP host', () => {
  let core: TestCore;
  let host: HttpHost;
  let staticDir: string;
  let auth: Record<string, string>;

  const apiCall = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    send(host, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      body: JSON.stringify(input),
    });
  const operatorCount = () => core.services.operators.count();
  const auditCount = () => core.services.audit.list({ limit: 1 }).total;

  beforeEach(async () => {
    core = await openTestCore();
    staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PowerTill</title>');
    host = await startHttpHost({
      dispatcher: core.dispatcher,
      events: core.services.events,
      log: core.services.log,
      staticDir,
      bodyLimitBytes: 4096,
      heartbeatMs: 50,
    });
    auth = { authorization: `Bearer ${host.token}` };
  });
  afterEach(async () => {
    await host.close();
    await core.dispose();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('runs a call end to end with the token, and a signed-in call with the session', async () => {
    const setup = await apiCall('setup.initialize', {
      officeName: '测试',
      receiptHeader: '',
      admin: ADMIN,
    });
    expect(setup.status).toBe(200);
    const session = JSON.parse(setup.body).value.session.sessionId as string;
    const settings = await apiCall('settings.get', {}, { [SESSION_HEADER]: session });
    expect(settings.status).toBe(200);
    expect(JSON.parse(settings.body)).toMatchObject({ ok: true, value: { officeName: '测试' } });
    expect(settings.headers['cache-control']).toBe('no-store');
  });

  it('maps coded errors to HTTP statuses with the same envelope', async () => {
    const unsigned = await apiCall('settings.get', {});
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.body)).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const unknown = await apiCall('nope.nothing', {});
    expect(unknown.status).toBe(404);
    const invalid = await apiCall('auth.login', { username: 5 });
    expect(invalid.status).toBe(400);
  });

  describe('refuses and changes nothing', () => {
    const input = { officeName: 'x', receiptHeader: '', admin: ADMIN };
    const body = JSON.stringify(input);

    async function expectRefused(reply: Promise<Reply>, status: number, reason: RegExp) {
      const before = { operators: operatorCount(), audit: auditCount() };
      const { status: got, body: text } = await reply;
      expect(got).toBe(status);
      expect(JSON.parse(text)).toMatchObject({
        ok: false,
        error: { code: 'TRANSPORT_FAILED', params: { reason: expect.stringMatching(reason) } },
      });
      expect({ operators: operatorCount(), audit: auditCount() }).toEqual(before);
    }

    it('without a token', () =>
      expectRefused(
        send(host, {
          method: 'POST',
          path: '/api/setup.initialize',
          headers: { 'content-type': 'application/json' },
          body,
        }),
        401,
        /missing/,
      ));

    it('with a wrong token', () =>
      expectRefused(
        apiCall('setup.initialize', input, {
          authorization: `Bearer ${'x'.repeat(host.token.length)}`,
        }),
        401,
        /wrong/,
      ));

    it('with a token of another length', () =>
      expectRefused(
        apiCall('setup.initialize', input, { authorization: 'Bearer short' }),
        401,
        /wrong/,
      ));

    it('with a foreign Host header (DNS rebinding)', () =>
      expectRefused(
        apiCall('setup.initialize', input, { host: `evil.example:${host.port}` }),
        403,
        /host/,
      ));

    it('with a foreign Origin (cross-site request)', () =>
      expectRefused(
        apiCall('setup.initialize', input, { origin: 'http://evil.example' }),
        403,
        /origin/,
      ));

    it('with an Origin on another local port', () =>
      expectRefused(
        apiCall('setup.initialize', input, { origin: `http://127.0.0.1:${host.port + 1}` }),
        403,
        /origin/,
      ));

    it('with an oversized body (declared)', () =>
      expectRefused(
        apiCall('setup.initialize', { ...input, pad: 'x'.repeat(5000) }),
        413,
        /too large/,
      ));

    it('with an oversized body (chunked, no length declared)', () =>
      expectRefused(
        send(host, {
          method: 'POST',
          path: '/api/setup.initialize',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...auth },
          chunks: Array.from({ length: 10 }, () => 'x'.repeat(1000)),
        }),
        413,
        /too large/,
      ));

    it('with malformed JSON', () =>
      expectRefused(
        send(host, {
          method: 'POST',
          path: '/api/setup.initialize',
          headers: { 'content-type': 'application/json', ...auth },
          body: '{"officeName": ',
        }),
        400,
        /malformed/,
      ));

    it('with a form post instead of JSON', () =>
      expectRefused(
        send(host, {
          method: 'POST',
          path: '/api/setup.initialize',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth },
          body: 'a=1',
        }),
        415,
        /content type/,
      ));

    it('with a method path that is not valid percent-encoding', () =>
      expectRefused(
        send(host, {
          method: 'POST',
          path: '/api/%E0%A4%A',
          headers: { 'content-type': 'application/json', ...auth },
          body: '{}',
        }),
        400,
        /malformed path/,
      ));

    it('with a name that carries a NUL, a direction override or a lone surrogate', async () => {
      // Written as JSON escapes, as a hand-made request would send them (a lone surrogate has no
      // UTF-8 form at all).
      for (const officeName of ['万达\\u0000广场', '万达\\u202E场广', '万达\\uD800广场']) {
        const before = { operators: operatorCount(), audit: auditCount() };
        const body = JSON.stringify({ ...input, officeName: 'NAME' }).replace(
          '"NAME"',
          `"${officeName}"`,
        );
        const reply = await send(host, {
          method: 'POST',
          path: '/api/setup.initialize',
          headers: { 'content-type': 'application/json', ...auth },
          body,
        });
        expect(reply.status).toBe(422);
        expect(JSON.parse(reply.body)).toMatchObject({
          ok: false,
          error: {
            code: 'TEXT_CHARACTERS_REFUSED',
            issues: [{ path: 'officeName', code: 'bad_characters' }],
          },
        });
        expect({ operators: operatorCount(), audit: auditCount() }).toEqual(before);
      }
    });

    it('with GET on a method', () =>
      expectRefused(
        send(host, { path: '/api/setup.initialize', headers: auth }),
        405,
        /not allowed/,
      ));
  });

  it('serves the renderer with a strict CSP, but not to a foreign Host', async () => {
    const page = await send(host, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>PowerTill</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const route = await send(host, { path: '/some/client/route' });
    expect(route.status).toBe(200);
    const rebound = await send(host, { path: '/', headers: { host: 'attacker.test' } });
    expect(rebound.status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    fs.writeFileSync(path.join(path.dirname(staticDir), 'outside-secret.txt'), 'secret');
    const reply = await send(host, { path: '/../outside-secret.txt' });
    expect(reply.body).not.toBe('secret');
    const encoded = await send(host, { path: '/%2e%2e/outside-secret.txt' });
    expect(encoded.body).not.toBe('secret');
  });

  it('pushes events to a subscribed client, token required', async () => {
    const refused = await send(host, { path: '/api/events' });
    expect(refused.status).toBe(401);

    const received = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${host.port}`, ...auth },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes(': connected')) {
              core.services.events.publish('hardware.status', {
                reader: { state: 'ready', readers: ['ACS ACR38U'], withCard: [] },
                bus: { state: 'none', reason: 'no-port' },
              });
            }
            if (
              text.includes('event: hardware.status') &&
              text.includes('\n\n', text.indexOf('event: hardware'))
            ) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', (e) =>
        (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e),
      );
      req.end();
    });
    expect(received).toContain(
      'event: hardware.status\ndata: {"reader":{"state":"ready","readers":["ACS ACR38U"],"withCard":[]}',
    );
  });
});
