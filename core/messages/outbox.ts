// What goes into the SMS outbox, and when: one message per event (a flapping alarm is one alarm),
// to a mobile number only, never to a tenant who opted out, at most the day's cap to one tenant,
// and not in quiet hours (it waits for their end). A test message from settings skips the cap
// and the quiet hours. Call `queue` inside the write of what caused it, so an event and its
// message are kept together or not at all.
import { minutesOf } from '../../shared/tariff';
import type { OutboxReason } from '../../shared/sms/reasons';
import { AppError } from '../../shared/errors';
import type { MessageKind, MessageView } from '../../shared/api/messages';
import { officeDateTime, officeDayRange, officeDay } from '../../shared/officeTime';
import { smsNumber } from '../../shared/phone';
import { LIMITS, MAX_PARTS, segmentsOf } from '../../shared/sms/segments';
import type { OutboxStore } from './outboxStore';

export interface OutboxRules {
  /** Quiet hours in the office's time, "HH:mm" to "HH:mm" (may pass midnight); equal: none. */
  quietFrom: string;
  quietTo: string;
  /** Messages a tenant may get in one office day (tests aside). */
  dailyCap: number;
  /** 购电成功 after each purchase: off unless the office asks (it costs a message a sale). */
  purchaseNotice: boolean;
  /** 熄灯提醒 to dorm rooms before their box's time table cuts the power: off unless asked. */
  lightsOutNotice: boolean;
}

export const DEFAULT_OUTBOX_RULES: OutboxRules = {
  quietFrom: '21:00',
  quietTo: '08:00',
  dailyCap: 3,
  purchaseNotice: false,
  lightsOutNotice: false,
};

export interface MessageRequest {
  /** What the message is about, unique: `low-credit:<alarm id>`, `purchase:<sale id>` … */
  eventKey: string;
  kind: MessageKind;
  customerId: number | null;
  /** The tenant's phone as the office keeps it. */
  phone: string;
  text: string;
  /** The template's values the text was made from (a gateway sends those); none for typed text. */
  params?: Record<string, string>;
}

/** The end of the quiet hours `at` falls in, or null when it does not. */
export function quietUntil(
  at: Date,
  rules: Pick<OutboxRules, 'quietFrom' | 'quietTo'>,
): Date | null {
  const from = minutesOf(rules.quietFrom);
  const to = minutesOf(rules.quietTo);
  if (from === to) return null;
  const wall = officeDateTime(at.toISOString());
  const now = minutesOf(wall.slice(11, 16));
  const quiet = from < to ? now >= from && now < to : now >= from || now < to;
  if (!quiet) return null;
  // The end is today's quietTo if still ahead, else tomorrow's.
  const day = officeDay(at.toISOString());
  const todayEnd = new Date(Date.parse(officeDayRange(day).from) + to * 60_000);
  return todayEnd > at ? todayEnd : new Date(todayEnd.getTime() + 24 * 3600_000);
}

export class Outbox {
  constructor(private readonly deps: { store: OutboxStore; rules: () => OutboxRules }) {}

  /** The message for the event: the one it already has, or a new one queued or skipped. */
  queue(request: MessageRequest, now: Date): MessageView {
    const { store } = this.deps;
    const existing = store.byEvent(request.eventKey);
    if (existing) return existing;
    const { parts } = segmentsOf(request.text);
    if (parts > MAX_PARTS)
      throw new AppError('SMS_TOO_LONG', { max: MAX_PARTS, chars: MAX_PARTS * LIMITS.ucs2.part });
    const rules = this.deps.rules();
    const at = now.toISOString();
    const phone = smsNumber(request.phone);
    const test = request.kind === 'test';
    let skip: OutboxReason | null = null;
    if (!phone) skip = 'SMS_NO_MOBILE';
    else if (request.customerId !== null && store.optedOut(request.customerId) && !test)
      skip = 'SMS_OPTED_OUT';
    else if (
      request.customerId !== null &&
      !test &&
      store.countSince(request.customerId, officeDayRange(officeDay(at)).from) >= rules.dailyCap
    )
      skip = 'SMS_DAILY_CAP';
    const quiet = skip || test ? null : quietUntil(now, rules);
    const id = store.insert({
      eventKey: request.eventKey,
      kind: request.kind,
      customerId: request.customerId,
      phone: phone ?? request.phone,
      text: request.text,
      parts,
      state: skip ? 'skipped' : 'queued',
      params: request.params ? JSON.stringify(request.params) : null,
      notBefore: (quiet ?? now).toISOString(),
      lastError: skip ?? (quiet ? 'SMS_QUIET_HOURS' : null),
      createdAt: at,
    });
    return store.byId(id!)!;
  }
}
