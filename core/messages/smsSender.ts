// Sending the outbox through the office's GSM modem, a message at a time, a part at a time. Each
// part is written 'sending' before the modem is given it and 'sent' with the modem's reference
// after, so a crash or a timeout in between leaves a part whose fate is unknown; the network's
// delivery report decides it (a report naming the phone, submitted after the try, with a
// reference no part of ours holds, is that part's), and a part no report claims within the
// report window was not taken and goes again (decision 0038). A refused part puts the message
// back in the queue with a growing pause; after MAX_ATTEMPTS it fails. No modem set, or one
// unplugged: the messages wait.
import type { OutboxReason } from '../../shared/sms/reasons';
import { AtError } from '../../tenant-link/modem/atChannel';
import type { GsmModem } from '../../tenant-link/modem/gsmModem';
import {
  encodeSubmit,
  PduError,
  type StatusReport,
  type SubmitPdu,
} from '../../tenant-link/sms/pdu';
import type { Logger } from '../log/logger';
import type { OutboxStore } from './outboxStore';

/** Tries before a message fails for good. */
export const MAX_ATTEMPTS = 5;
/** How long a part whose fate is unknown waits for the network's report before it goes again. */
export const REPORT_WINDOW_MS = 10 * 60_000;
/** Messages a run sends at most (the rest wait for the next run). */
const BATCH = 20;

/** The pause before try n + 1: 1, 2, 4, 8 … minutes, at most an hour. */
export const backoffMs = (attempts: number): number =>
  Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/** A modem failure as the office's error code, with whether it is the modem's (all wait) or the message's. */
function failureOf(
  error: unknown,
  port: string,
): {
  code: OutboxReason;
  params: Record<string, string | number>;
  modem: boolean;
  uncertain: boolean;
} {
  if (!(error instanceof AtError)) throw error;
  const f = error.failure;
  if (f.kind === 'unplugged')
    return { code: 'SMS_MODEM_UNPLUGGED', params: { port }, modem: true, uncertain: false };
  // No answer, or one that does not say: the part may have gone, and its report will tell.
  if (f.kind === 'timeout' || f.kind === 'unclear')
    return { code: 'SMS_MODEM_NO_ANSWER', params: { port }, modem: true, uncertain: true };
  if (f.kind === 'cms' || f.kind === 'cme') {
    // TS 27.005 §3.2.5: 310 SIM not inserted, 311/316 PIN/PUK needed, 313 SIM failure,
    // 331 no network service, 332 network timeout.
    if ([310, 313].includes(f.code))
      return { code: 'SMS_NO_SIM', params: {}, modem: true, uncertain: false };
    if ([311, 316].includes(f.code))
      return { code: 'SMS_SIM_LOCKED', params: {}, modem: true, uncertain: false };
    if ([331, 332].includes(f.code))
      return { code: 'SMS_NO_NETWORK', params: {}, modem: true, uncertain: false };
    return { code: 'SMS_REFUSED', params: { code: f.code }, modem: false, uncertain: false };
  }
  return { code: 'SMS_REFUSED', params: { code: 'ERROR' }, modem: false, uncertain: false };
}

export interface SmsSenderDeps {
  store: OutboxStore;
  /** The modem as settings have it now; null when none is set. */
  modem: () => GsmModem | null;
  /** A transaction (the outbox is its own record). */
  tx: <T>(fn: () => T) => T;
  clock: () => Date;
  log: Logger;
  /** How long a part in doubt waits for its report (REPORT_WINDOW_MS; a crash test shortens it). */
  reportWindowMs?: number;
}

export class SmsSender {
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SmsSenderDeps) {}

  /** Resolves once the run in progress (if any) is over. */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Sends what is due; runs go one after another (the timer's and a supervisor's "send now"). */
  sendDue(): Promise<{ sent: number; waiting: number }> {
    const run = this.running.then(() => this.sendOnce());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async sendOnce(): Promise<{ sent: number; waiting: number }> {
    const { store, tx, clock } = this.deps;
    const modem = this.deps.modem();
    const dueNow = () => store.due(clock().toISOString(), BATCH);
    if (!modem) {
      // Nothing can go until a supervisor names the modem: each message says so in the outbox.
      const now = clock().toISOString();
      return { sent: 0, waiting: tx(() => store.holdDue(now, BATCH, 'SMS_MODEM_NOT_SET')) };
    }
    try {
      // Opened (and asked for an OK) before any part is written 'sending': a modem that cannot
      // be reached took nothing. Each run also takes in the reports the modem kept meanwhile
      // (a restart's, a hung moment's), which settle parts in doubt before the unclaimed ones
      // are sent again.
      await modem.connect();
    } catch (error) {
      this.deps.log.info({ err: error, port: modem.path }, 'sms modem unreachable');
      return { sent: 0, waiting: dueNow().length };
    }
    this.settleUnclaimed();
    const due = dueNow();
    let sent = 0;
    for (const message of due) {
      let parts: SubmitPdu[];
      try {
        parts = encodeSubmit(message.phone, message.text, {
          statusReport: true,
          concatReference: message.concatRef,
        });
      } catch (error) {
        // Queued before the checks it would now fail (a number or a length): it cannot go.
        if (!(error instanceof PduError)) throw error;
        tx(() => store.finish(message.id, 'failed', clock().toISOString(), 'SMS_NO_MOBILE'));
        continue;
      }
      tx(() => store.startSending(message.id));
      const taken = store.partsTaken(message.id);
      try {
        for (const [i, part] of parts.entries()) {
          const seq = i + 1;
          if (taken.has(seq)) continue;
          tx(() => store.partSending(message.id, seq, clock().toISOString()));
          const reference = await modem.sendPart(part);
          tx(() => store.partSent(message.id, seq, reference));
        }
        tx(() => store.markSent(message.id, clock().toISOString()));
        sent += 1;
      } catch (error) {
        const failure = failureOf(error, modem.path);
        const takenNow = store.partsTaken(message.id);
        const seqs = parts.map((_, i) => i + 1).filter((seq) => !takenNow.has(seq));
        const at = clock();
        tx(() => {
          // A refused or unsent part was not taken; a timed-out one may have been: it stays
          // 'sending' for the report to decide.
          if (!failure.uncertain) for (const seq of seqs) store.dropPart(message.id, seq);
          if (failure.uncertain) return;
          if (!failure.modem && message.attempts + 1 >= MAX_ATTEMPTS)
            store.finish(message.id, 'failed', at.toISOString(), failure.code);
          else
            store.requeue(
              message.id,
              new Date(
                at.getTime() + (failure.modem ? 60_000 : backoffMs(message.attempts + 1)),
              ).toISOString(),
              failure.code,
            );
        });
        this.deps.log.info({ err: error, messageId: message.id }, 'sms waits');
        // The modem's own trouble stops the run: the next messages would meet it too.
        if (failure.modem) break;
      }
    }
    return { sent, waiting: store.due(clock().toISOString(), BATCH).length };
  }

  /**
   * A delivery report from the network: the part it names (by phone and reference), or the part
   * of that phone whose fate was unknown; the message is delivered once every part is, failed
   * when the network gave one up.
   */
  report(report: StatusReport): void {
    const { store, tx, clock } = this.deps;
    tx(() => {
      const at = clock().toISOString();
      // The centre took it after it was tried (a minute's slack for the two clocks), and within
      // the longest validity we give a message (a day) and a day's slack.
      const submitted = Date.parse(report.submittedAt);
      const part = store.reportedPart(
        report.recipient,
        report.reference,
        new Date(submitted - 2 * 86_400_000).toISOString(),
        new Date(submitted + 60_000).toISOString(),
      );
      // None, or one this report (handed over again) has settled already.
      if (!part || part.state === 'delivered' || part.state === 'failed') return;
      const state = report.state === 'pending' ? 'sent' : report.state;
      store.reportPart(part.messageId, part.seq, {
        state,
        reference: report.reference,
        status: report.status,
        at,
      });
      const states = store.partStates(part.messageId);
      const message = store.byId(part.messageId)!;
      if (states.includes('failed'))
        store.finish(part.messageId, 'failed', at, 'SMS_NOT_DELIVERED');
      else if (states.length === message.parts && states.every((s) => s === 'delivered'))
        store.finish(part.messageId, 'delivered', at, null);
      else if (message.state === 'sending' && !states.includes('sending')) {
        // The part in doubt was taken: the message is sent, or goes on from its next part.
        if (states.length === message.parts) store.markSent(part.messageId, at);
        else store.requeue(part.messageId, at, 'SMS_MODEM_NO_ANSWER');
      }
    });
  }

  /**
   * Before a run (runs go one at a time, so nothing is being sent): parts unclaimed by any report
   * for the window were not taken, and their message goes again; a message left 'sending' with no
   * part in doubt (a crash between its parts) goes on from its next part.
   */
  private settleUnclaimed(): void {
    const { store, tx, clock } = this.deps;
    const now = clock();
    for (const id of store.sendingWithNothingInDoubt())
      tx(() => store.requeue(id, now.toISOString(), 'SMS_MODEM_NO_ANSWER'));
    for (const part of store.uncertainParts()) {
      if (now.getTime() - Date.parse(part.triedAt) < (this.deps.reportWindowMs ?? REPORT_WINDOW_MS))
        continue;
      tx(() => {
        store.dropPart(part.messageId, part.seq);
        store.requeue(part.messageId, now.toISOString(), 'SMS_MODEM_NO_ANSWER');
      });
    }
  }
}
