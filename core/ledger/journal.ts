// The hardware-operation journal: an operation is recorded pending before the card or meter is
// touched, and resolved to committed or voided once the device has been read back.
import type { PurchaseWrite } from '../../shared/delivery';
import { prepared, type Db } from '../db/open';

export type OperationKind = 'sale' | 'reversal';

export interface OperationRecord {
  id: number;
  operationId: string;
  kind: OperationKind;
  accountId: number;
  state: 'pending' | 'committed' | 'voided';
  payload: PurchaseWrite;
  operatorId: number;
  createdAt: string;
}

interface Row {
  id: number;
  operation_id: string;
  kind: OperationKind;
  account_id: number;
  state: OperationRecord['state'];
  payload: string;
  operator_id: number;
  created_at: string;
}

const record = (r: Row): OperationRecord => ({
  id: r.id,
  operationId: r.operation_id,
  kind: r.kind,
  accountId: r.account_id,
  state: r.state,
  payload: JSON.parse(r.payload) as PurchaseWrite,
  operatorId: r.operator_id,
  createdAt: r.created_at,
});

export class OperationJournal {
  constructor(private readonly db: Db) {}

  begin(
    op: {
      kind: OperationKind;
      payload: PurchaseWrite;
      accountId: number;
      target: string;
      operatorId: number;
    },
    at: string,
  ): number {
    return Number(
      prepared(
        this.db,
        `INSERT INTO hardware_operations (operation_id, kind, target, account_id, state, payload, operator_id, created_at)
           VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      ).run(
        op.payload.operationId,
        op.kind,
        op.target,
        op.accountId,
        JSON.stringify(op.payload),
        op.operatorId,
        at,
      ).lastInsertRowid,
    );
  }

  resolve(id: number, state: 'committed' | 'voided', outcome: unknown, at: string): void {
    const { changes } = prepared(
      this.db,
      "UPDATE hardware_operations SET state = ?, outcome = ?, resolved_at = ? WHERE id = ? AND state = 'pending'",
    ).run(state, JSON.stringify(outcome), at, id);
    // Resolving twice would mean two writers settled one operation: stop rather than double a sale.
    if (changes !== 1) throw new Error(`operation ${id} was not pending`);
  }

  pendingFor(accountId: number): OperationRecord | undefined {
    const row = prepared(
      this.db,
      "SELECT * FROM hardware_operations WHERE account_id = ? AND state = 'pending' ORDER BY id LIMIT 1",
    ).get(accountId) as Row | undefined;
    return row && record(row);
  }

  allPending(): OperationRecord[] {
    return (
      prepared(
        this.db,
        "SELECT * FROM hardware_operations WHERE state = 'pending' ORDER BY id",
      ).all() as Row[]
    ).map(record);
  }
}
