// Messages to tenants by SMS (issue 19): what the outbox holds and what it says of each message.

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
