// The SQL of the SMS outbox: messages one per event, their parts as the modem took them, the
// tenants who opted out.
import type { MessageKind, MessageState, MessageView } from '../../shared/api/messages';
import type { OutboxReason } from '../../shared/sms/reasons';
import { prepared, type Db } from '../db/open';

export interface NewMessage {
  eventKey: string;
  kind: MessageKind;
  customerId: number | null;
  phone: string;
  text: string;
  parts: number;
  state: 'queued' | 'skipped';
  notBefore: string;
  lastError: OutboxReason | null;
  createdAt: string;
  /** The template's values, for a gateway that sends templates (null: typed text, a test). */
  params: string | null;
}

/** A message due to go, with what the sender needs. */
export interface DueMessage {
  id: number;
  phone: string;
  text: string;
  concatRef: number;
  attempts: number;
  kind: MessageKind;
  params: string | null;
}

/** A message handed to the gateway, whose fate the service knows. */
export interface GatewayPart {
  messageId: number;
  phone: string;
  outId: string;
  triedAt: string;
}

/** A part written 'sending' whose fate nobody saw. */
export interface UncertainPart {
  messageId: number;
  seq: number;
  phone: string;
  triedAt: string;
}

const VIEW = `SELECT m.id, m.kind, m.customer_id AS customerId, c.name AS customerName, m.phone,
       m.text, m.parts, m.state, m.attempts, m.not_before AS notBefore, m.last_error AS lastError,
       m.created_at AS createdAt, m.sent_at AS sentAt, m.finished_at AS finishedAt
  FROM sms_messages m LEFT JOIN customers c ON c.id = m.customer_id`;

export class OutboxStore {
  constructor(private readonly db: Db) {}

  /** Inserts the message unless its event has one already; the new id, or null. */
  insert(m: NewMessage): number | null {
    const result = prepared(
      this.db,
      `INSERT INTO sms_messages (event_key, kind, customer_id, phone, text, parts, concat_ref, state,
                                 not_before, last_error, created_at, params)
       VALUES (@eventKey, @kind, @customerId, @phone, @text, @parts,
               (SELECT (coalesce(max(id), 0) + 1) % 256 FROM sms_messages), @state, @notBefore,
               @lastError, @createdAt, @params)
       ON CONFLICT (event_key) DO NOTHING`,
    ).run(m);
    return result.changes === 1 ? Number(result.lastInsertRowid) : null;
  }

  byEvent(eventKey: string): MessageView | undefined {
    return prepared<MessageView>(this.db, `${VIEW} WHERE m.event_key = ?`).get(eventKey);
  }

  byId(id: number): MessageView | undefined {
    return prepared<MessageView>(this.db, `${VIEW} WHERE m.id = ?`).get(id);
  }

  /** The newest first, of a state if asked. */
  list(state: MessageState | null, limit: number): MessageView[] {
    return prepared<MessageView>(
      this.db,
      `${VIEW} WHERE @state IS NULL OR m.state = @state ORDER BY m.id DESC LIMIT @limit`,
    ).all({ state, limit });
  }

  /** How many messages wait to go. */
  countQueued(): number {
    return prepared<{ n: number }>(
      this.db,
      "SELECT count(*) AS n FROM sms_messages WHERE state = 'queued'",
    ).get()!.n;
  }

  /** Messages to the tenant since `from` that count toward the day's cap (not tests or skips). */
  countSince(customerId: number, from: string): number {
    return prepared<{ n: number }>(
      this.db,
      `SELECT count(*) AS n FROM sms_messages
        WHERE customer_id = ? AND created_at >= ? AND kind <> 'test' AND state <> 'skipped'`,
    ).get(customerId, from)!.n;
  }

  optedOut(customerId: number): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM sms_opt_outs WHERE customer_id = ?').get(customerId) !==
      undefined
    );
  }

  optOut(customerId: number, at: string, operatorId: number | null): void {
    prepared(
      this.db,
      `INSERT INTO sms_opt_outs (customer_id, opted_out_at, operator_id) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO NOTHING`,
    ).run(customerId, at, operatorId);
  }

  optIn(customerId: number): void {
    prepared(this.db, 'DELETE FROM sms_opt_outs WHERE customer_id = ?').run(customerId);
  }

  /** Queued messages whose time has come, oldest first. */
  due(now: string, limit: number): DueMessage[] {
    return prepared<DueMessage>(
      this.db,
      `SELECT id, phone, text, concat_ref AS concatRef, attempts, kind, params FROM sms_messages
        WHERE state = 'queued' AND not_before <= ? ORDER BY id LIMIT ?`,
    ).all(now, limit);
  }

  /** The message goes to the modem: one more attempt. */
  startSending(id: number): void {
    prepared(
      this.db,
      "UPDATE sms_messages SET state = 'sending', attempts = attempts + 1 WHERE id = ?",
    ).run(id);
  }

  /** Parts the network has taken (sent or reported), by number. */
  partsTaken(messageId: number): Set<number> {
    return new Set(
      prepared<{ seq: number }>(
        this.db,
        "SELECT seq FROM sms_parts WHERE message_id = ? AND state <> 'sending'",
      )
        .all(messageId)
        .map((r) => r.seq),
    );
  }

  /**
   * The part goes to the modem now, the reference it should get written beside it: a modem numbers
   * its parts one after another, so the one after the last it gave (null when none is known yet).
   */
  partSending(messageId: number, seq: number, at: string): void {
    prepared(
      this.db,
      `INSERT INTO sms_parts (message_id, seq, state, tried_at, reference)
       VALUES (@messageId, @seq, 'sending', @at,
               (SELECT (reference + 1) % 256 FROM sms_parts
                 WHERE state <> 'sending' AND reference IS NOT NULL AND out_id IS NULL
                 ORDER BY tried_at DESC, rowid DESC LIMIT 1))
       ON CONFLICT (message_id, seq) DO UPDATE SET state = 'sending',
         reference = excluded.reference, tried_at = excluded.tried_at`,
    ).run({ messageId, seq, at });
  }

  partSent(messageId: number, seq: number, reference: number): void {
    prepared(
      this.db,
      "UPDATE sms_parts SET state = 'sent', reference = ? WHERE message_id = ? AND seq = ?",
    ).run(reference, messageId, seq);
  }

  /** A part the modem refused or the network never took: it goes again. */
  dropPart(messageId: number, seq: number): void {
    prepared(this.db, 'DELETE FROM sms_parts WHERE message_id = ? AND seq = ?').run(messageId, seq);
  }

  /** A failed or skipped message queued again from its first part, now, with its tries reset. */
  resend(id: number, at: string): void {
    prepared(this.db, 'DELETE FROM sms_parts WHERE message_id = ?').run(id);
    prepared(
      this.db,
      `UPDATE sms_messages SET state = 'queued', attempts = 0, not_before = ?, last_error = NULL,
              finished_at = NULL WHERE id = ?`,
    ).run(at, id);
  }

  /** Back to the queue, not before `notBefore`, with why. */
  requeue(id: number, notBefore: string, error: OutboxReason): void {
    prepared(
      this.db,
      "UPDATE sms_messages SET state = 'queued', not_before = ?, last_error = ? WHERE id = ?",
    ).run(notBefore, error, id);
  }

  /** Every message due at `now` (up to `limit`) back in the queue saying why it waits; how many. */
  holdDue(now: string, limit: number, why: OutboxReason): number {
    const due = this.due(now, limit);
    for (const message of due) this.requeue(message.id, now, why);
    return due.length;
  }

  markSent(id: number, at: string): void {
    prepared(
      this.db,
      "UPDATE sms_messages SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
    ).run(at, id);
  }

  finish(id: number, state: 'delivered' | 'failed', at: string, error: OutboxReason | null): void {
    prepared(
      this.db,
      'UPDATE sms_messages SET state = ?, finished_at = ?, last_error = ? WHERE id = ?',
    ).run(state, at, error, id);
  }

  /** Parts written 'sending' with nobody knowing whether the network took them. */
  uncertainParts(): UncertainPart[] {
    return prepared<UncertainPart>(
      this.db,
      `SELECT p.message_id AS messageId, p.seq, m.phone, p.tried_at AS triedAt
         FROM sms_parts p JOIN sms_messages m ON m.id = p.message_id
        WHERE p.state = 'sending' AND p.out_id IS NULL ORDER BY p.tried_at`,
    ).all();
  }

  /** Messages left 'sending' without a part in doubt: a run stopped between their parts. */
  sendingWithNothingInDoubt(): number[] {
    return prepared<{ id: number }>(
      this.db,
      `SELECT id FROM sms_messages m WHERE state = 'sending' AND NOT EXISTS
         (SELECT 1 FROM sms_parts p WHERE p.message_id = m.id AND p.state = 'sending')`,
    )
      .all()
      .map((r) => r.id);
  }

  /**
   * The part a delivery report is about, of the parts to `phone` tried between `from` and `to`:
   * the last sent under `reference`, or in doubt and expected to get it; failing both, the last
   * part in doubt (a modem that numbered afresh after a restart). TP-MR wraps at 256 and a modem
   * may begin again at 0, hence the phone and the time as well.
   */
  reportedPart(
    phone: string,
    reference: number,
    from: string,
    to: string,
  ): { messageId: number; seq: number; state: string } | undefined {
    // A part already reported under this reference is found first: the same report handed over
    // again (a crash before the modem deleted it) is then recognised, not taken for another part.
    return prepared<{ messageId: number; seq: number; state: string }>(
      this.db,
      `SELECT p.message_id AS messageId, p.seq, p.state FROM sms_parts p
         JOIN sms_messages m ON m.id = p.message_id
        WHERE m.phone = @phone AND p.tried_at BETWEEN @from AND @to AND p.out_id IS NULL
          AND (p.reference = @reference OR p.state = 'sending')
        ORDER BY p.reference = @reference DESC, p.tried_at DESC, p.message_id DESC, p.seq DESC
        LIMIT 1`,
    ).get({ phone, reference, from, to });
  }

  /** What the network reported of a part; an uncertain part learns its reference here. */
  reportPart(
    messageId: number,
    seq: number,
    report: {
      state: 'sent' | 'delivered' | 'failed';
      reference: number;
      status: number;
      at: string;
    },
  ): void {
    prepared(
      this.db,
      `UPDATE sms_parts SET state = @state, reference = @reference, status = @status,
              reported_at = @at WHERE message_id = @messageId AND seq = @seq`,
    ).run({ ...report, messageId, seq });
  }

  /** The message goes to the gateway now as one part, under the id the service will keep. */
  gatewaySending(messageId: number, outId: string, at: string): void {
    prepared(
      this.db,
      `INSERT INTO sms_parts (message_id, seq, state, tried_at, out_id)
       VALUES (?, 1, 'sending', ?, ?)
       ON CONFLICT (message_id, seq) DO UPDATE SET state = 'sending', tried_at = excluded.tried_at,
         out_id = excluded.out_id, biz_id = NULL`,
    ).run(messageId, at, outId);
  }

  /** The service took it (its BizId), or was found to have (null: not told). */
  gatewaySent(messageId: number, bizId: string | null): void {
    prepared(
      this.db,
      "UPDATE sms_parts SET state = 'sent', biz_id = ? WHERE message_id = ? AND seq = 1",
    ).run(bizId, messageId);
  }

  /** Gateway parts in a state: 'sending' (in doubt) or 'sent' (waiting for the receipt). */
  gatewayParts(state: 'sending' | 'sent'): GatewayPart[] {
    return prepared<GatewayPart>(
      this.db,
      `SELECT p.message_id AS messageId, m.phone, p.out_id AS outId, p.tried_at AS triedAt
         FROM sms_parts p JOIN sms_messages m ON m.id = p.message_id
        WHERE p.state = ? AND p.out_id IS NOT NULL ORDER BY p.tried_at`,
    ).all(state);
  }

  /** The message's parts' states, by number. */
  partStates(messageId: number): string[] {
    return prepared<{ state: string }>(
      this.db,
      'SELECT state FROM sms_parts WHERE message_id = ? ORDER BY seq',
    )
      .all(messageId)
      .map((r) => r.state);
  }

  /** How many parts a message has. */
  partsOf(messageId: number): number {
    return prepared<{ parts: number }>(this.db, 'SELECT parts FROM sms_messages WHERE id = ?').get(
      messageId,
    )!.parts;
  }
}
