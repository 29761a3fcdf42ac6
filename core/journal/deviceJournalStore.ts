// The device journal (device_operations): an operation on a card or a meter is begun pending
// before the device is touched, and resolved committed or voided from what the device reads
// back, inside the transaction that books its effect, so the books and the device never disagree
// for longer than one unanswered frame. A pending row is the state a cashier sees as "待确认": the
// next attempt on that meter (or card) reads the device first and settles it.
import { randomUUID } from 'node:crypto';
import type { TargetKind } from '../../shared/delivery';
import {
  DEVICE_OPERATION_KINDS,
  type DeviceOperationKind,
  type PendingOperationView,
} from '../../shared/api/journal';
import type { HeldCreditView, MeterCommand, MeterCommandView } from '../../shared/api/meterLink';
import { prepared, type Db } from '../db/open';

/** The kinds, named once for the office's API and the journal alike (decision 0021). */
export { DEVICE_OPERATION_KINDS, type DeviceOperationKind };

/** The kinds that carry a purchase (`PurchaseWrite`) and settle against the account's count. */
export const PURCHASE_KINDS = ['cardSale', 'remoteRecharge', 'reversal', 'batchRecharge'] as const;
/** The kinds that set an NK meter's money and settle against what it reads back. */
export const METER_MONEY_KINDS = ['balancePreset', 'heldCredit'] as const;
/** The line's commands, shown on the meters page as 已完成 / 失败 / 待确认. */
export const LINE_COMMAND_KINDS = [
  'relayCommand',
  'limitPush',
  'tariffPush',
  'boxControlPush',
] as const;
/**
 * Line commands whose unseen outcome is read back from the meter (core/remote/unconfirmedPushes.ts)
 * rather than closed at start-up: a tariff or limit push can be read where it was written.
 */
export const READ_BACK_KINDS = ['tariffPush', 'limitPush'] as const;

/** Why a line command left pending when the office stopped is voided at the next start. */
export const LINE_INTERRUPTED = 'interrupted: the office stopped while it was sent';

/** The card issues, each settled by what the card shows when it is next on the reader. */
export const CARD_ISSUE_KINDS = ['cardIssue', 'cardReissue'] as const;

/** What a card write records before the card is touched. */
export interface CardWritePayload {
  cardNo: string;
  /** The tenant's card row, where there is one (a management card being erased has none). */
  cardId: number | null;
  generation?: number;
  /** For a reissue: the card it replaces. */
  replaces?: string | null;
  /** For a rewrite: mending a card torn by a pulled write rather than asked for by a person. */
  torn?: boolean;
  /** For an erase: what the card was (user, parameter, check …). */
  cardKind?: string;
}

/** What a line command records before it is sent. */
export interface LineCommandPayload<D = unknown> {
  command: string;
  reason: string;
  /** What a parameter push sends (limits in fen, prices and segments); null for a relay. */
  detail: D | null;
}

/** A line command's journal state as the meters page words it (SQL over `device_operations d`). */
export const LINE_COMMAND_STATE_SQL =
  "CASE d.state WHEN 'committed' THEN 'done' WHEN 'voided' THEN 'failed' ELSE 'pending' END";

interface CommandRow {
  id: number;
  meter_id: number;
  meter_no: string;
  command: MeterCommand;
  reason: string;
  state: MeterCommandView['state'];
  error: string | null;
  operator_name: string;
  created_at: string;
  resolved_at: string | null;
}

const commandView = (r: CommandRow): MeterCommandView => ({
  id: r.id,
  meterId: r.meter_id,
  meterNo: r.meter_no,
  command: r.command,
  reason: r.reason,
  state: r.state,
  error: r.error,
  operatorName: r.operator_name,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

const COMMAND_SELECT = `SELECT d.id, d.meter_id, m.meter_no, json_extract(d.payload, '$.command') AS command,
  json_extract(d.payload, '$.reason') AS reason, ${LINE_COMMAND_STATE_SQL} AS state,
  json_extract(d.outcome, '$.error') AS error, o.username AS operator_name, d.created_at, d.resolved_at
  FROM device_operations d JOIN meters m ON m.id = d.meter_id JOIN operators o ON o.id = d.operator_id
  WHERE d.kind IN (${LINE_COMMAND_KINDS.map((k) => `'${k}'`).join(', ')})`;

export interface DeviceOperation<P = unknown> {
  id: number;
  operationId: string;
  kind: DeviceOperationKind;
  target: TargetKind;
  meterId: number | null;
  accountId: number | null;
  state: 'pending' | 'committed' | 'voided';
  payload: P;
  outcome: unknown;
  operatorId: number;
  createdAt: string;
  resolvedAt: string | null;
}

interface Row {
  id: number;
  operation_id: string;
  kind: DeviceOperationKind;
  target: TargetKind;
  meter_id: number | null;
  account_id: number | null;
  state: DeviceOperation['state'];
  payload: string;
  outcome: string | null;
  operator_id: number;
  created_at: string;
  resolved_at: string | null;
}

const operation = <P>(r: Row): DeviceOperation<P> => ({
  id: r.id,
  operationId: r.operation_id,
  kind: r.kind,
  target: r.target,
  meterId: r.meter_id,
  accountId: r.account_id,
  state: r.state,
  payload: JSON.parse(r.payload) as P,
  outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as unknown),
  operatorId: r.operator_id,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

export class DeviceJournal {
  constructor(private readonly db: Db) {}

  /** Call inside a transaction, before the device is touched. */
  begin<P>(
    op: {
      kind: DeviceOperationKind;
      target: TargetKind;
      meterId: number | null;
      accountId: number | null;
      payload: P;
      operatorId: number;
      /** The id the device is told, where it keeps one (a purchase's); a fresh one otherwise. */
      operationId?: string;
    },
    at: string,
  ): DeviceOperation<P> {
    if (!DEVICE_OPERATION_KINDS.includes(op.kind)) throw new Error(`unknown kind ${op.kind}`);
    const id = Number(
      prepared(
        this.db,
        `INSERT INTO device_operations (operation_id, kind, target, meter_id, account_id, state, payload, operator_id, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      ).run(
        op.operationId ?? randomUUID(),
        op.kind,
        op.target,
        op.meterId,
        op.accountId,
        JSON.stringify(op.payload),
        op.operatorId,
        at,
      ).lastInsertRowid,
    );
    return this.byId<P>(id)!;
  }

  /** Call inside a transaction: what an unsettled operation learnt before touching the device. */
  note<P>(id: number, payload: P): void {
    prepared(
      this.db,
      "UPDATE device_operations SET payload = ? WHERE id = ? AND state = 'pending'",
    ).run(JSON.stringify(payload), id);
  }

  /**
   * Start-up, inside one transaction: every operation of `kinds` still pending was cut off by a
   * stop, and nothing runs it any more; each is voided with `error` as its outcome. How many.
   */
  voidInterrupted(kinds: readonly DeviceOperationKind[], error: string, at: string): number {
    const pending = this.allPending(kinds);
    for (const operation of pending) this.resolve(operation.id, 'voided', { error }, at);
    return pending.length;
  }

  /** Call inside the transaction that books the effect (or records that there is none). */
  resolve(id: number, state: 'committed' | 'voided', outcome: unknown, at: string): void {
    const { changes } = prepared(
      this.db,
      "UPDATE device_operations SET state = ?, outcome = ?, resolved_at = ? WHERE id = ? AND state = 'pending'",
    ).run(state, JSON.stringify(outcome), at, id);
    // Two writers settling one operation would book its effect twice: stop instead.
    if (changes !== 1) throw new Error(`device operation ${id} was not pending`);
  }

  byId<P>(id: number): DeviceOperation<P> | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM device_operations WHERE id = ?').get(id);
    return row && operation<P>(row);
  }

  /** 待确认: every unsettled operation with its card, meter, tenant and receipt, oldest first. */
  pendingView(): PendingOperationView[] {
    return prepared<PendingOperationView>(
      this.db,
      // A card sale names no card: the account's live card is the one to put back.
      `SELECT d.id, d.kind, d.target,
         coalesce(json_extract(d.payload, '$.cardNo'),
           CASE WHEN d.target = 'card' THEN (SELECT card_no FROM cards
             WHERE account_id = d.account_id AND status IN ('issuing', 'active')) END) AS cardNo,
         m.meter_no AS meterNo, a.account_no AS accountNo, c.name AS customerName,
         coalesce(s.receipt_no, r.receipt_no) AS receiptNo, d.created_at AS since,
         o.display_name AS operatorName
       FROM device_operations d
       LEFT JOIN meters m ON m.id = d.meter_id
       LEFT JOIN accounts a ON a.id = d.account_id
       LEFT JOIN customers c ON c.id = a.customer_id
       LEFT JOIN sales s ON s.operation_id = d.id
       LEFT JOIN reversals r ON r.operation_id = d.id
       JOIN operators o ON o.id = d.operator_id
       WHERE d.state = 'pending' ORDER BY d.id`,
    ).all();
  }

  /**
   * The meter's unsettled operation of one of `kinds`, if any: at most one, since each waits for
   * the last of its family.
   */
  pendingOnMeter<P>(
    meterId: number,
    kinds: readonly DeviceOperationKind[],
  ): DeviceOperation<P> | undefined {
    return this.firstPending<P>('meter_id', meterId, kinds);
  }

  /** The meter's latest operation of one of `kinds`, settled or not. */
  latestOnMeter<P>(
    meterId: number,
    kinds: readonly DeviceOperationKind[],
  ): DeviceOperation<P> | undefined {
    const row = prepared<Row>(
      this.db,
      `SELECT * FROM device_operations WHERE meter_id = ? AND kind IN (SELECT value FROM json_each(?))
       ORDER BY id DESC LIMIT 1`,
    ).get(meterId, JSON.stringify(kinds));
    return row && operation<P>(row);
  }

  /** The account's unsettled operation of one of `kinds`, if any. */
  pendingOnAccount<P>(
    accountId: number,
    kinds: readonly DeviceOperationKind[],
  ): DeviceOperation<P> | undefined {
    return this.firstPending<P>('account_id', accountId, kinds);
  }

  /** Every unsettled operation of one of `kinds`, oldest first: reconciliation's list. */
  allPending<P>(kinds: readonly DeviceOperationKind[]): DeviceOperation<P>[] {
    return prepared<Row>(
      this.db,
      "SELECT * FROM device_operations WHERE state = 'pending' ORDER BY id",
    )
      .all()
      .filter((r) => kinds.includes(r.kind))
      .map((r) => operation<P>(r));
  }

  /** The card's unsettled write of one of `kinds`, if any. */
  pendingOnCard(
    cardNo: string,
    kinds: readonly DeviceOperationKind[],
  ): DeviceOperation<CardWritePayload> | undefined {
    return this.allPending<CardWritePayload>(kinds).find((o) => o.payload.cardNo === cardNo);
  }

  /**
   * Inside the transaction that settles a card's own row: resolves the card's pending write of
   * one of `kinds`. Every such row was begun with it (migrations 0019 and 0020 gave older cards
   * theirs), so a missing one is a broken ledger: stop.
   */
  resolveOnCard(
    cardNo: string,
    kinds: readonly DeviceOperationKind[],
    state: 'committed' | 'voided',
    outcome: unknown,
    at: string,
  ): void {
    const operation = this.pendingOnCard(cardNo, kinds);
    if (!operation) throw new Error(`card ${cardNo} has no pending ${kinds.join(' / ')}`);
    this.resolve(operation.id, state, outcome, at);
  }

  private firstPending<P>(
    column: 'meter_id' | 'account_id',
    id: number,
    kinds: readonly DeviceOperationKind[],
  ): DeviceOperation<P> | undefined {
    // Few rows are ever pending (the partial index holds only those): filter the kinds here.
    const rows = prepared<Row>(
      this.db,
      `SELECT * FROM device_operations WHERE ${column} = ? AND state = 'pending' ORDER BY id`,
    ).all(id);
    const row = rows.find((r) => kinds.includes(r.kind));
    return row && operation<P>(row);
  }

  /** A relay command, limit or price push sent over the line, as the meter screen lists it. */
  lineCommand(id: number): MeterCommandView | undefined {
    const row = prepared<CommandRow>(this.db, `${COMMAND_SELECT} AND d.id = ?`).get(id);
    return row && commandView(row);
  }

  lineCommands(filter: { meterId?: number; limit: number }): MeterCommandView[] {
    const rows = (
      filter.meterId === undefined
        ? prepared(this.db, `${COMMAND_SELECT} ORDER BY d.id DESC LIMIT ?`).all(filter.limit)
        : prepared(this.db, `${COMMAND_SELECT} AND d.meter_id = ? ORDER BY d.id DESC LIMIT ?`).all(
            filter.meterId,
            filter.limit,
          )
    ) as CommandRow[];
    return rows.map(commandView);
  }

  /** Closed accounts' credit still held on meters that did not answer (销户 held). */
  heldCredits(): HeldCreditView[] {
    return prepared<HeldCreditView>(
      this.db,
      `SELECT d.id, m.meter_no AS meterNo, a.account_no AS accountNo, c.name AS customerName,
         a.meter_remaining_fen AS lastKnownFen, d.created_at AS closedAt
       FROM device_operations d JOIN accounts a ON a.id = d.account_id JOIN meters m ON m.id = d.meter_id
       JOIN customers c ON c.id = a.customer_id
       WHERE d.kind = 'heldCredit' AND d.state = 'pending' ORDER BY d.id`,
    ).all();
  }

  /**
   * Whether the card may still answer to the factory code: its making (issue, reissue, management
   * card) was settled by reading it after the writer was cut off, or an erase of it was cut off —
   * either may have stopped between the data and the code change. A write to it may then try the
   * factory code after its own is refused (card/cardService.ts).
   */
  codeMayBeFactory(cardNo: string): boolean {
    return (
      prepared(
        this.db,
        `SELECT 1 FROM device_operations
       WHERE json_extract(payload, '$.cardNo') = ? AND (
         (kind IN ('cardIssue', 'cardReissue', 'managementCard') AND state = 'committed'
           AND json_extract(outcome, '$.settledByRead') = 1)
         OR (kind = 'cardErase' AND state = 'voided'))
       LIMIT 1`,
      ).get(cardNo) !== undefined
    );
  }
}
