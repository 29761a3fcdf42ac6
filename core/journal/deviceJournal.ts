// The device journal (device_operations): an operation on a card or a meter is begun pending
// before the device is touched, and resolved committed or voided from what the device reads
// back, inside the transaction that books its effect, so the books and the device never disagree
// for longer than one unanswered frame. A pending row is the state a cashier sees as "待确认": the
// next attempt on that meter (or card) reads the device first and settles it.
import { randomUUID } from 'node:crypto';
import { prepared, type Db } from '../db/open';

/** The kinds that have moved into this journal so far (decision 0021 lists the rest). */
export const DEVICE_OPERATION_KINDS = ['balancePreset', 'heldCredit'] as const;
export type DeviceOperationKind = (typeof DEVICE_OPERATION_KINDS)[number];

export interface DeviceOperation<P = unknown> {
  id: number;
  operationId: string;
  kind: DeviceOperationKind;
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
      meterId: number | null;
      accountId: number | null;
      payload: P;
      operatorId: number;
    },
    at: string,
  ): DeviceOperation<P> {
    if (!DEVICE_OPERATION_KINDS.includes(op.kind)) throw new Error(`unknown kind ${op.kind}`);
    const id = Number(
      prepared(
        this.db,
        `INSERT INTO device_operations (operation_id, kind, meter_id, account_id, state, payload, operator_id, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      ).run(
        randomUUID(),
        op.kind,
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

  /** Every unsettled operation of one kind. */
  pendingOf<P>(kind: DeviceOperationKind): DeviceOperation<P>[] {
    return (
      prepared(
        this.db,
        "SELECT * FROM device_operations WHERE kind = ? AND state = 'pending' ORDER BY id",
      ).all(kind) as Row[]
    ).map((r) => operation<P>(r));
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
    const row = prepared(this.db, 'SELECT * FROM device_operations WHERE id = ?').get(id) as
      Row | undefined;
    return row && operation<P>(row);
  }

  /** The meter's unsettled operation, if any: at most one, since each waits for the last. */
  pendingOnMeter<P>(meterId: number): DeviceOperation<P> | undefined {
    const row = prepared(
      this.db,
      "SELECT * FROM device_operations WHERE meter_id = ? AND state = 'pending' ORDER BY id LIMIT 1",
    ).get(meterId) as Row | undefined;
    return row && operation<P>(row);
  }

  allPending(): DeviceOperation[] {
    return (
      prepared(
        this.db,
        "SELECT * FROM device_operations WHERE state = 'pending' ORDER BY id",
      ).all() as Row[]
    ).map((r) => operation(r));
  }

  forAccount(accountId: number): DeviceOperation[] {
    return (
      prepared(this.db, 'SELECT * FROM device_operations WHERE account_id = ? ORDER BY id').all(
        accountId,
      ) as Row[]
    ).map((r) => operation(r));
  }
}
