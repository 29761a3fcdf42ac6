// Why a message in the outbox waits, was not sent or failed: the error codes the outbox keeps as
// a message's last error. The outbox page and its printed report each have words for every one
// (their word lists are typed by this list, so a new reason cannot reach a cashier as a bare code).
import type { ErrorCode } from '../errors';

export const OUTBOX_REASONS = [
  'SMS_QUIET_HOURS',
  'SMS_NO_MOBILE',
  'SMS_OPTED_OUT',
  'SMS_DAILY_CAP',
  'SMS_MODEM_NOT_SET',
  'SMS_MODEM_UNPLUGGED',
  'SMS_MODEM_NO_ANSWER',
  'SMS_NO_SIM',
  'SMS_SIM_LOCKED',
  'SMS_NO_NETWORK',
  'SMS_REFUSED',
  'SMS_NOT_DELIVERED',
  'SMS_GATEWAY_OFFLINE',
  'SMS_GATEWAY_ACCOUNT',
  'SMS_GATEWAY_NO_TEMPLATE',
  'SMS_GATEWAY_NOT_SET',
] as const satisfies readonly ErrorCode[];

export type OutboxReason = (typeof OUTBOX_REASONS)[number];

/** Whether a stored last error is one of these (a row written by a later version may not be). */
export const isOutboxReason = (code: string): code is OutboxReason =>
  (OUTBOX_REASONS as readonly string[]).includes(code);
