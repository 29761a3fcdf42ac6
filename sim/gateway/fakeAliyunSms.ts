// A local stand-in for Alibaba Cloud's SMS service (Dysmsapi 2017-05-25), for tests: the two
// actions PowerTill calls — SendSms and QuerySendDetails — over HTTP as the official SDK speaks
// them (the action in x-acs-action, the parameters in the query string, an ACS3-HMAC-SHA256
// Authorization naming the AccessKey and signed with its secret, checked here as the service's
// V3 signature documentation describes it), answering as the service's documentation shows. It keeps
// what it was sent, renders registered templates (${name} variables) and can be taken down, lose
// its reply after taking a message, or refuse with a code.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayMessage {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string;
  bizId: string;
  /** The text the tenant gets: 【signature】 and the template with its values. */
  content: string;
  /** 1 waiting for the receipt, 2 failed, 3 delivered. */
  status: 1 | 2 | 3;
  /** yyyyMMdd, China time. */
  day: string;
}

const chinaDay = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export class FakeAliyunSms {
  readonly messages: GatewayMessage[] = [];
  /** Registered templates by code, with ${name} variables as the console writes them. */
  readonly templates = new Map<string, string>();
  /** The next SendSms is taken and kept, but its reply is lost (the connection dropped). */
  loseNextReply = false;
  /** The next SendSms never reaches the service: the connection drops before it is read. */
  dropNextRequest = false;
  /** The next SendSms is refused with this code (isv.BUSINESS_LIMIT_CONTROL …). */
  refuseNext: string | null = null;
  /** Status new messages get: waiting for the receipt unless a test says delivered or failed. */
  newStatus: 1 | 2 | 3 = 1;
  private server: http.Server | null = null;
  private port = 0;
  private bizSeq = 0;

  constructor(
    private readonly accessKeyId: string,
    private readonly accessKeySecret: string,
    /** The service's clock (a test gives the office's, so their days agree as real ones do). */
    public clock: () => Date = () => new Date(),
  ) {}

  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Listens (again on the same port, after `stop()`, as a service back from an outage). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = http.createServer((req, res) => this.handle(req, res));
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Every message waiting for its receipt gets one. */
  receipts(status: 2 | 3): void {
    for (const m of this.messages) if (m.status === 1) m.status = status;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.dropNextRequest && req.headers['x-acs-action'] === 'SendSms') {
      this.dropNextRequest = false;
      req.socket.destroy();
      return;
    }
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const q = Object.fromEntries(url.searchParams);
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: `fake-${Date.now()}`, ...body }));
      };
      const auth = String(req.headers.authorization ?? '');
      if (!auth.startsWith('ACS3-HMAC-SHA256') || !auth.includes(`Credential=${this.accessKeyId}`))
        return answer(404, {
          Code: 'InvalidAccessKeyId.NotFound',
          Message: 'Specified access key is not found.',
        });
      if (!this.signedWithSecret(req, url, Buffer.concat(body), auth))
        return answer(400, {
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature is not matched with our calculation.',
        });
      const action = req.headers['x-acs-action'];
      if (action === 'SendSms') return this.sendSms(q, answer, res);
      if (action === 'QuerySendDetails') return this.query(q, answer);
      answer(400, { Code: 'InvalidAction.NotFound', Message: `no action ${String(action)}` });
    });
  }

  /**
   * The V3 signature (ACS3-HMAC-SHA256) as Alibaba Cloud documents it: the canonical request —
   * method, path, the query sorted by name with RFC 3986 escaping, the signed headers (lower-case
   * name:trimmed value, one a line), their names joined by ';', the payload's SHA-256 — hashed,
   * and the string to sign HMAC-SHA256'd with the AccessKey secret.
   */
  private signedWithSecret(
    req: http.IncomingMessage,
    url: URL,
    body: Buffer,
    auth: string,
  ): boolean {
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
    const signature = /Signature=([0-9a-f]+)/.exec(auth)?.[1] ?? '';
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (req.headers['x-acs-content-sha256'] !== payloadHash) return false;
    const rfc3986 = (text: string) =>
      encodeURIComponent(text).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    const query = [...url.searchParams]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
      .join('&');
    const headers = signedHeaders
      .map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`)
      .join('');
    const canonical = [
      req.method,
      url.pathname,
      query,
      headers,
      signedHeaders.join(';'),
      payloadHash,
    ].join('\n');
    const expected = createHmac('sha256', this.accessKeySecret)
      .update(`ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`)
      .digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sendSms(
    q: Record<string, string>,
    answer: (status: number, body: object) => void,
    res: http.ServerResponse,
  ): void {
    if (this.refuseNext) {
      const code = this.refuseNext;
      this.refuseNext = null;
      return answer(200, { Code: code, Message: 'refused by the fake' });
    }
    const template = this.templates.get(q.TemplateCode ?? '');
    if (!template) return answer(200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: 'no template' });
    if (!/^1\d{10}$/.test(q.PhoneNumbers ?? ''))
      return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'bad number' });
    const params = JSON.parse(q.TemplateParam ?? '{}') as Record<string, string>;
    this.bizSeq += 1;
    const message: GatewayMessage = {
      phone: q.PhoneNumbers!,
      signName: q.SignName ?? '',
      templateCode: q.TemplateCode!,
      params,
      outId: q.OutId ?? '',
      bizId: `${900_000_000 + this.bizSeq}^0`,
      content: `【${q.SignName ?? ''}】${template.replace(/\$\{(\w+)\}/g, (w, n: string) => params[n] ?? w)}`,
      status: this.newStatus,
      day: chinaDay(this.clock()),
    };
    this.messages.push(message);
    if (this.loseNextReply) {
      this.loseNextReply = false;
      res.socket?.destroy();
      return;
    }
    answer(200, { Code: 'OK', Message: 'OK', BizId: message.bizId });
  }

  private query(q: Record<string, string>, answer: (status: number, body: object) => void): void {
    const found = this.messages.filter((m) => m.phone === q.PhoneNumber && m.day === q.SendDate);
    answer(200, {
      Code: 'OK',
      Message: 'OK',
      TotalCount: found.length,
      SmsSendDetailDTOs: {
        SmsSendDetailDTO: found.map((m) => ({
          PhoneNum: m.phone,
          SendStatus: m.status,
          ErrCode: m.status === 3 ? 'DELIVERED' : m.status === 2 ? 'MK:0001' : '',
          TemplateCode: m.templateCode,
          Content: m.content,
          OutId: m.outId,
          SendDate: m.day,
        })),
      },
    });
  }
}
