// Alibaba Cloud's SMS service (阿里云短信, Dysmsapi 2017-05-25) through its official SDK, as the
// office's second way out when it has an internet connection (decision 0040). The service sends
// only templates the office registered with its signature (签名), so a message goes as its
// template's code and values, not as text; our own message id rides along as OutId, which the
// service keeps and QuerySendDetails gives back: that is how a message left in doubt is found.
import type Dysmsapi from '@alicloud/dysmsapi20170525';
import type * as DysmsapiModule from '@alicloud/dysmsapi20170525';
import type * as OpenApiCore from '@alicloud/openapi-core';

/**
 * The SDK and its HTTP stack take ~400 ms to load: loaded at the first message through the
 * gateway, not when the office opens (most offices send by modem, and every backend start — the
 * desktop app's, each crash-test worker's — would pay for it).
 */
let sdk:
  | Promise<{
      Client: typeof Dysmsapi;
      SendSmsRequest: typeof DysmsapiModule.SendSmsRequest;
      QuerySendDetailsRequest: typeof DysmsapiModule.QuerySendDetailsRequest;
      Config: typeof OpenApiCore.$OpenApiUtil.Config;
    }>
  | undefined;

function loadSdk() {
  sdk ??= Promise.all([
    import('@alicloud/dysmsapi20170525'),
    import('@alicloud/openapi-core'),
  ]).then(([dysms, openapi]) => ({
    // `import()` of a CommonJS module gives its class as `default` under ts-jest, but the whole
    // exports object as `default` in esbuild's node-mode bundle (the host's and the shell's).
    Client: (typeof dysms.default === 'function'
      ? dysms.default
      : (dysms.default as unknown as { default: unknown }).default) as typeof Dysmsapi,
    SendSmsRequest: dysms.SendSmsRequest,
    QuerySendDetailsRequest: dysms.QuerySendDetailsRequest,
    Config: openapi.$OpenApiUtil.Config,
  }));
  return sdk;
}

export interface GatewayAccount {
  accessKeyId: string;
  accessKeySecret: string;
  /** The registered signature (签名), shown as 【…】 in the message. */
  signName: string;
  /** dysmsapi.aliyuncs.com unless a test (or a proxy) says otherwise. */
  endpoint: string;
  /** https, except a local test server. */
  protocol: 'https' | 'http';
}

/** What the service says of a message it took: 1 waiting for the receipt, 2 failed, 3 delivered. */
export interface SentDetail {
  outId: string;
  status: 'waiting' | 'failed' | 'delivered';
  errorCode: string | null;
}

export class GatewayError extends Error {
  constructor(
    /**
     * offline: nothing reached the service; unsure: the request may have; refused: it said no to
     * this message; account: it said no to the office (its AccessKey, signature or balance).
     */
    readonly kind: 'offline' | 'unsure' | 'refused' | 'account',
    /** The service's code (isv.MOBILE_NUMBER_ILLEGAL …) or the network's (ECONNREFUSED …). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Network errors where the request never left (connect refused, no route, no name). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The service's codes that refuse the office's account rather than a message: every message would
 * meet them until a supervisor mends the settings. Public: Alibaba Cloud's SMS error-code list
 * (help.aliyun.com, 短信服务 API 错误码) and the OpenAPI's common signature errors.
 */
const ACCOUNT_CODES = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'Forbidden.RAM',
  'isv.RAM_PERMISSION_DENY',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.OUT_OF_SERVICE',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.SMS_SIGNATURE_ILLEGAL',
]);

const refusal = (code: string, message: string) =>
  new GatewayError(ACCOUNT_CODES.has(code) ? 'account' : 'refused', code, message);

function gatewayError(error: unknown): GatewayError {
  const e = error as { code?: string; message?: string; data?: { Code?: string } };
  const code = e.data?.Code ?? e.code ?? 'UNKNOWN';
  if (NOT_SENT.has(code)) return new GatewayError('offline', code, e.message ?? code);
  // The service answered with an error of its own (signature, throttling …): nothing was sent.
  if (e.data?.Code) return refusal(code, e.message ?? code);
  return new GatewayError('unsure', code, e.message ?? code);
}

export class AliyunSms {
  private sdk: Promise<Awaited<ReturnType<typeof loadSdk>> & { client: Dysmsapi }> | undefined;

  constructor(private readonly account: GatewayAccount) {}

  /** The SDK, with this account's client made at the first call. */
  private ready() {
    const { account } = this;
    this.sdk ??= loadSdk().then((sdk) => ({
      ...sdk,
      client: new sdk.Client(
        new sdk.Config({
          accessKeyId: account.accessKeyId,
          accessKeySecret: account.accessKeySecret,
          endpoint: account.endpoint,
          protocol: account.protocol,
          // A message that hangs is in doubt after this; QuerySendDetails settles it.
          connectTimeout: 5_000,
          readTimeout: 15_000,
        }),
      ),
    }));
    return this.sdk;
  }

  /** Sends one message; its BizId. Throws GatewayError. */
  async send(message: {
    phone: string;
    templateCode: string;
    params: Record<string, string>;
    outId: string;
  }): Promise<string> {
    const { client, SendSmsRequest } = await this.ready();
    let body;
    try {
      body = (
        await client.sendSms(
          new SendSmsRequest({
            // The service takes mainland numbers without the country code.
            phoneNumbers: message.phone.replace(/^\+86/, ''),
            signName: this.account.signName,
            templateCode: message.templateCode,
            templateParam: JSON.stringify(message.params),
            outId: message.outId,
          }),
        )
      ).body;
    } catch (error) {
      throw gatewayError(error);
    }
    if (body?.code !== 'OK' || !body.bizId)
      throw refusal(body?.code ?? 'UNKNOWN', body?.message ?? 'refused');
    return body.bizId;
  }

  /**
   * What the service holds for a phone on a day (China time, as the service keeps it), up to
   * 50 messages: enough for one tenant's day (the office caps them at 20).
   */
  async sentOn(phone: string, day: string): Promise<SentDetail[]> {
    const { client, QuerySendDetailsRequest } = await this.ready();
    let body;
    try {
      body = (
        await client.querySendDetails(
          new QuerySendDetailsRequest({
            phoneNumber: phone.replace(/^\+86/, ''),
            sendDate: day.replaceAll('-', ''),
            pageSize: 50,
            currentPage: 1,
          }),
        )
      ).body;
    } catch (error) {
      throw gatewayError(error);
    }
    if (body?.code !== 'OK') throw refusal(body?.code ?? 'UNKNOWN', body?.message ?? 'refused');
    return (body.smsSendDetailDTOs?.smsSendDetailDTO ?? []).map((d) => ({
      outId: d.outId ?? '',
      status: d.sendStatus === 3 ? 'delivered' : d.sendStatus === 2 ? 'failed' : 'waiting',
      errorCode: d.errCode && d.errCode !== 'DELIVERED' ? d.errCode : null,
    }));
  }
}
