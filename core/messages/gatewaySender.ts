// Sending the outbox through an internet SMS gateway (Alibaba Cloud's; decision 0040), for offices
// with a connection. A message goes as its kind's registered template and values, in one request,
// under an id of ours the service keeps (OutId). It is written 'sending' with that id before the
// request and 'sent' with the service's BizId after; a request whose answer was lost leaves it in
// doubt, and the service's own list of what it sent that phone that day settles it: found, it was
// sent; not found once the window has passed, it goes again (never twice: the id is looked for
// first). Receipts come the same way. Offline, everything waits in the outbox.
import type { MessageKind } from '../../shared/api/messages';
import type { OutboxReason } from '../../shared/sms/reasons';
import { officeDay } from '../../shared/officeTime';
import type { TemplateKind } from '../../shared/sms/templates';
import { GatewayError, type AliyunSms, type SentDetail } from '../../tenant-link/gateway/aliyunSms';
import type { Logger } from '../log/logger';
import type { OutboxStore } from './outboxStore';
import { backoffMs, MAX_ATTEMPTS, REPORT_WINDOW_MS } from './smsSender';

/** Messages a run sends at most (the rest wait for the next run). */
const BATCH = 20;

/** Codes that say the number or the template is wrong: trying again will not help. */
const FINAL_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
]);

export interface GatewayRoute {
  client: AliyunSms;
  /** The office's registered template for each kind it sends this way. */
  templateCodes: Partial<Record<TemplateKind, string>>;
}

export interface GatewaySenderDeps {
  store: OutboxStore;
  gateway: () => GatewayRoute | null;
  tx: <T>(fn: () => T) => T;
  clock: () => Date;
  log: Logger;
  /** How long a message in doubt may stay unseen in the service's list before it goes again. */
  windowMs?: number;
}

export class GatewaySender {
  constructor(private readonly deps: GatewaySenderDeps) {}

  /** One run: doubts settled, receipts taken in, then what is due sent. */
  async sendOnce(): Promise<{ sent: number }> {
    const route = this.deps.gateway();
    if (!route) {
      // Not set, or its secret does not open here (a ledger moved without its office secret).
      this.waitAll('SMS_GATEWAY_NOT_SET');
      return { sent: 0 };
    }
    try {
      await this.settle(route);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      // Not reachable now, or the office's account refused: what is in doubt stays so, and
      // nothing new goes out until it is mended.
      this.deps.log.info({ err: error }, 'sms gateway unreachable');
      this.waitAll(error.kind === 'account' ? 'SMS_GATEWAY_ACCOUNT' : 'SMS_GATEWAY_OFFLINE');
      return { sent: 0 };
    }
    return { sent: await this.sendDue(route) };
  }

  /** In doubt and waiting for receipts: what the service says of each phone's day. */
  private async settle(route: GatewayRoute): Promise<void> {
    const { store, tx, clock } = this.deps;
    const window = this.deps.windowMs ?? REPORT_WINDOW_MS;
    const lists = new Map<string, SentDetail[]>();
    const dayList = async (phone: string, day: string) => {
      const key = `${phone} ${day}`;
      if (!lists.has(key)) lists.set(key, await route.client.sentOn(phone, day));
      return lists.get(key)!;
    };
    // The service files a message under its own day: the PC's clock may be a little off, and a
    // message tried just before midnight filed the next day. The tried day first, then either side.
    const lookUp = async (part: { phone: string; triedAt: string; outId: string }) => {
      const tried = Date.parse(part.triedAt);
      for (const shift of [0, 1, -1]) {
        const day = officeDay(new Date(tried + shift * 86_400_000).toISOString());
        const found = (await dayList(part.phone, day)).find((d) => d.outId === part.outId);
        if (found) return found;
      }
      return undefined;
    };
    for (const part of store.gatewayParts('sending')) {
      const found = await lookUp(part);
      const at = clock();
      if (found)
        tx(() => {
          store.gatewaySent(part.messageId, null);
          store.markSent(part.messageId, at.toISOString());
        });
      else if (at.getTime() - Date.parse(part.triedAt) > window)
        // The service never took it: it goes again, under a new id.
        tx(() => {
          store.dropPart(part.messageId, 1);
          store.requeue(part.messageId, at.toISOString(), 'SMS_GATEWAY_OFFLINE');
        });
    }
    for (const part of store.gatewayParts('sent')) {
      const found = await lookUp(part);
      if (!found || found.status === 'waiting') continue;
      const status = found.status;
      const at = clock().toISOString();
      tx(() => {
        store.reportPart(part.messageId, 1, {
          state: status,
          reference: 0,
          status: status === 'delivered' ? 0 : 0x40,
          at,
        });
        store.finish(part.messageId, status, at, status === 'failed' ? 'SMS_NOT_DELIVERED' : null);
      });
    }
  }

  private async sendDue(route: GatewayRoute): Promise<number> {
    const { store, tx, clock } = this.deps;
    let sent = 0;
    for (const message of store.due(clock().toISOString(), BATCH)) {
      const code = templateCodeOf(route, message.kind);
      if (!code || message.params === null) {
        // Typed text (a test message) or a kind the office registered no template for.
        tx(() =>
          store.finish(message.id, 'failed', clock().toISOString(), 'SMS_GATEWAY_NO_TEMPLATE'),
        );
        continue;
      }
      const outId = `powertill-${message.id}-${message.attempts + 1}`;
      tx(() => {
        store.startSending(message.id);
        store.gatewaySending(message.id, outId, clock().toISOString());
      });
      try {
        const bizId = await route.client.send({
          phone: message.phone,
          templateCode: code,
          params: JSON.parse(message.params) as Record<string, string>,
          outId,
        });
        tx(() => {
          store.gatewaySent(message.id, bizId);
          store.markSent(message.id, clock().toISOString());
        });
        sent += 1;
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        this.deps.log.info({ err: error, messageId: message.id }, 'sms gateway: message waits');
        // The request may have reached the service: in doubt until its list says.
        if (error.kind === 'unsure') continue;
        const at = clock();
        const final = error.kind === 'refused' && FINAL_CODES.has(error.code);
        // Offline or the account refused: the office's trouble, not the message's; it waits.
        const waits = error.kind === 'offline' || error.kind === 'account';
        const why = reasonOf(error);
        tx(() => {
          store.dropPart(message.id, 1);
          if (final || (error.kind === 'refused' && message.attempts + 1 >= MAX_ATTEMPTS))
            store.finish(message.id, 'failed', at.toISOString(), why);
          else
            store.requeue(
              message.id,
              new Date(
                at.getTime() + (waits ? 60_000 : backoffMs(message.attempts + 1)),
              ).toISOString(),
              why,
            );
        });
        // The next messages would meet it too.
        if (waits) break;
      }
    }
    return sent;
  }

  /** Every due message says why it waits (the gateway cannot be reached). */
  private waitAll(code: OutboxReason): void {
    const { store, tx, clock } = this.deps;
    const now = clock().toISOString();
    tx(() => store.holdDue(now, BATCH, code));
  }
}

/**
 * What the outbox says of a failed call: the service unreachable (or unsure), the office's account
 * refused, or the message refused.
 */
export function reasonOf(error: GatewayError): OutboxReason {
  if (error.kind === 'account') return 'SMS_GATEWAY_ACCOUNT';
  if (error.kind === 'refused') return 'SMS_REFUSED';
  return 'SMS_GATEWAY_OFFLINE';
}

function templateCodeOf(route: GatewayRoute, kind: MessageKind): string | undefined {
  return kind === 'test' ? undefined : route.templateCodes[kind];
}
