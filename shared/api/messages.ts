// Messages to tenants by SMS (issue 19): what the outbox holds and what it says of each message,
// the templates, the modem's settings and status, and the calls that reach them.
import { z } from 'zod';
import type { ApiError } from '../errors';
import type { OfficeFile } from './ledgerTypes';
import { TEMPLATE_KINDS, type TemplateKind } from '../sms/templates';
import { rule } from './fieldIssues';
import { id } from './fields';
import { method } from './method';
import { freeText } from './text';

export const MESSAGE_KINDS = [
  'low-credit',
  'credit-out',
  'purchase',
  'dorm-control',
  'account-closed',
  'test',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * queued: waiting for its time (quiet hours, a retry's pause); sending: with the modem, or a part
 * whose fate the network's report will tell; sent: every part taken by the network; delivered:
 * every part reported delivered; failed: refused for good, or the network gave up; skipped: never
 * sent (opted out, no mobile number, the day's cap), kept so the office sees why.
 */
export const MESSAGE_STATES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'skipped',
] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export interface MessageView {
  id: number;
  kind: MessageKind;
  customerId: number | null;
  customerName: string | null;
  phone: string;
  text: string;
  parts: number;
  state: MessageState;
  attempts: number;
  /** Not sent before this (quiet hours, a retry's pause). */
  notBefore: string;
  /** An error code (shared/errors.ts) saying why it failed, was skipped or waits. */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  finishedAt: string | null;
}

/** The modem as it says of itself (AT+CPIN?, AT+CREG?, AT+CSQ, AT+COPS?). */
export interface ModemStatusView {
  /** The serial port in settings; null when the office sends no SMS. */
  port: string | null;
  sim: 'ready' | 'pin' | 'puk' | 'missing' | 'unknown' | null;
  network: 'home' | 'roaming' | 'searching' | 'denied' | 'none' | 'unknown' | null;
  /** 0–5 bars from +CSQ. */
  bars: number | null;
  operator: string | null;
  /** Why the modem could not be asked (unplugged, not answering); null when it answered. */
  error: ApiError | null;
  /** Messages waiting to go. */
  queued: number;
}

export interface OutboxSettingsView {
  modemPort: string | null;
  quietFrom: string;
  quietTo: string;
  dailyCap: number;
  /** 购电成功 after each purchase. */
  purchaseNotice: boolean;
  /** 熄灯提醒 before a dorm box's time table cuts a room's power. */
  lightsOutNotice: boolean;
}

/** The internet SMS gateway (Alibaba Cloud), as settings keep it; the secret is never shown. */
export interface GatewaySettingsView {
  /** Which way messages go: the GSM modem, or the gateway. */
  route: 'modem' | 'gateway';
  accessKeyId: string;
  /** Whether an AccessKey secret is kept. */
  hasSecret: boolean;
  signName: string;
  endpoint: string;
  templateCodes: Partial<Record<TemplateKind, string>>;
}

export interface TemplatesView {
  templates: Record<TemplateKind, string>;
  defaults: Record<TemplateKind, string>;
  variables: Record<TemplateKind, readonly string[]>;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, rule('hhmm'));

export const messageMethods = {
  /** The outbox, newest first (of one state if asked). */
  'messages.list': method<MessageView[]>()({
    input: z.object({ state: z.enum(MESSAGE_STATES).optional() }).strict(),
    access: 'reports',
    mutating: false,
    data: ['messages'],
  }),
  /** The outbox (of one state if asked) as a PDF to print or keep. */
  'messages.reportFile': method<OfficeFile>()({
    input: z.object({ state: z.enum(MESSAGE_STATES).optional() }).strict(),
    access: 'reports',
    mutating: false,
  }),
  /** A failed (or skipped) message queued again now, from its first part. */
  'messages.resend': method<MessageView>()({
    input: z.object({ id }).strict(),
    access: 'messages',
    mutating: true,
    data: ['messages'],
  }),
  /** A test message to a number, sent at once (quiet hours and caps aside). */
  'messages.sendTest': method<MessageView>()({
    input: z.object({ phone: z.string().max(30), text: freeText(600, { min: 1 }) }).strict(),
    access: 'messages',
    mutating: true,
    data: ['messages'],
  }),
  'messages.templates': method<TemplatesView>()({
    input: z.object({}).strict(),
    access: 'messages',
    mutating: false,
    data: ['messages'],
  }),
  /** A template saved: only its kind's variables, and short enough to send (8 parts at most). */
  'messages.setTemplate': method<TemplatesView>()({
    input: z.object({ kind: z.enum(TEMPLATE_KINDS), text: freeText(600, { min: 1 }) }).strict(),
    access: 'messages',
    mutating: true,
    data: ['messages'],
  }),
  'messages.settings': method<OutboxSettingsView>()({
    input: z.object({}).strict(),
    access: 'messages',
    mutating: false,
    data: ['messages'],
  }),
  'messages.configure': method<OutboxSettingsView>()({
    input: z
      .object({
        modemPort: z.string().max(200).nullable(),
        quietFrom: hhmm,
        quietTo: hhmm,
        dailyCap: z.number().int().min(1).max(20),
        /** Off unless asked for: a message for every sale costs the office. */
        purchaseNotice: z.boolean().default(false),
        /** Off unless asked for: a message every room every night. */
        lightsOutNotice: z.boolean().default(false),
      })
      .strict(),
    access: 'messages',
    mutating: true,
    data: ['messages'],
  }),
  'messages.gatewaySettings': method<GatewaySettingsView>()({
    input: z.object({}).strict(),
    access: 'messages',
    mutating: false,
    data: ['messages'],
  }),
  /** The gateway's account and templates, and which way messages go. */
  'messages.configureGateway': method<GatewaySettingsView>()({
    input: z
      .object({
        route: z.enum(['modem', 'gateway']),
        accessKeyId: z.string().trim().max(100),
        /** Left out: the one kept stays. */
        accessKeySecret: z.string().trim().min(1).max(200).optional(),
        signName: freeText(30),
        endpoint: z.string().trim().min(1).max(200).default('dysmsapi.aliyuncs.com'),
        templateCodes: z.partialRecord(
          z.enum(TEMPLATE_KINDS),
          z
            .string()
            .trim()
            .regex(/^SMS_\d{1,20}$/, rule('templateCode')),
        ),
      })
      .strict(),
    access: 'messages',
    mutating: true,
    data: ['messages'],
  }),
  /** The gateway's account asked now: null when the service answered, else why not. */
  'messages.checkGateway': method<{ error: ApiError | null }>()({
    input: z.object({}).strict(),
    access: 'messages',
    mutating: false,
  }),
  /** The modem asked now: SIM, network, signal; or why it could not be asked. */
  'messages.modemStatus': method<ModemStatusView>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['messages'],
  }),
  /** Whether a tenant opted out of messages (退订). */
  'messages.optOutState': method<{ customerId: number; optedOut: boolean }>()({
    input: z.object({ customerId: id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['messages'],
  }),
  /** 退订 (or taking it back) for a tenant. */
  'messages.optOut': method<{ customerId: number; optedOut: boolean }>()({
    input: z.object({ customerId: id, optedOut: z.boolean() }).strict(),
    access: 'messages',
    mutating: true,
    data: ['messages', 'customers'],
  }),
} as const;
