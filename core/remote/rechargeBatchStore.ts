// 批量充值 in the books (decision 0022): a batch and the accounts it was started for are written
// before the first meter is touched, so a crash, a cancel or a silent meter leaves a batch that is
// finished later rather than started again; each member's recharge is a sale paid by the office
// ('grant') in the device journal, and the schema keeps it to one per member per batch (and one
// free allowance per account a month). What a member has had is read from its sales, never kept
// beside them.
import { AppError } from '../../shared/errors';
import { officeDay } from '../../shared/officeTime';
import { referencePrice } from '../../shared/pricing';
import { moneyForEnergy } from '../../shared/units';
import { prepared, type Db } from '../db/open';
import type { TariffStore } from '../ledger/tariffStore';

export type RechargeKind = 'amount' | 'allowance';

export interface RechargeMember {
  accountId: number;
  meterId: number;
  meterNo: string;
  customerName: string | null;
  shopUnit: string | null;
  amountFen: number;
  /** What the member's sales in this batch say: recharged, unconfirmed on the line, or not yet. */
  state: 'done' | 'pending' | 'todo';
  meterBalanceAfterFen: number | null;
}

export interface RechargeBatch {
  id: number;
  kind: RechargeKind;
  amountFen: number | null;
  allowanceMonth: string | null;
  reason: string;
  operatorId: number;
  state: 'running' | 'finished';
}

/** The office month an allowance is for ('YYYY-MM'), in the office's time zone. */
/** A meter a batch selected, with its open account (null fields: none). */
export interface SelectedMeter {
  meterId: number;
  accountId: number | null;
  accountState: string | null;
  billing: string | null;
  meterNo: string;
  customerName: string | null;
  shopUnit: string | null;
}

export const officeMonth = (at: Date): string => officeDay(at.toISOString()).slice(0, 7);

export class RechargeBatchStore {
  constructor(
    private readonly db: Db,
    private readonly tariffs: TariffStore,
  ) {}

  /**
   * Writes the batch and its members in one transaction (the caller's `write`). For an allowance
   * each account gets its own tariff's monthly free allowance at the tariff's reference price (the
   * first step, the flat rate of a TOU tariff: the allowance is used before any step); accounts
   * whose tariff has none, or that had this month's already, are left out, and the office is told
   * when that leaves nobody.
   */
  create(
    request: { kind: RechargeKind; amountFen: number | null; reason: string },
    accountIds: number[],
    operatorId: number,
    now: Date,
  ): number {
    const month = request.kind === 'allowance' ? officeMonth(now) : null;
    let members = accountIds.map((accountId) => ({
      accountId,
      amountFen: request.kind === 'amount' ? request.amountFen! : this.allowanceFen(accountId, now),
    }));
    if (month) {
      members = members.filter((m) => m.amountFen > 0);
      if (members.length === 0) throw new AppError('ALLOWANCE_NONE');
      members = members.filter((m) => !this.allowanceGiven(m.accountId, month));
      if (members.length === 0) throw new AppError('ALLOWANCE_ALREADY_GIVEN', { month });
    }
    const at = now.toISOString();
    const id = Number(
      prepared(
        this.db,
        `INSERT INTO recharge_batches (kind, amount_fen, allowance_month, reason, operator_id, state, created_at)
         VALUES (?, ?, ?, ?, ?, 'running', ?)`,
      ).run(request.kind, request.amountFen, month, request.reason, operatorId, at).lastInsertRowid,
    );
    const insert = prepared(
      this.db,
      'INSERT INTO recharge_batch_members (batch_id, account_id, amount_fen, position) VALUES (?, ?, ?, ?)',
    );
    members.forEach((m, position) => insert.run(id, m.accountId, m.amountFen, position));
    return id;
  }

  get(id: number): RechargeBatch | undefined {
    return prepared<RechargeBatch>(
      this.db,
      `SELECT id, kind, amount_fen AS amountFen, allowance_month AS allowanceMonth, reason,
       operator_id AS operatorId, state FROM recharge_batches WHERE id = ?`,
    ).get(id);
  }

  /** The members in the batch's order, each with what its sales in this batch say. */
  members(batchId: number, accountIds?: number[]): RechargeMember[] {
    return prepared<RechargeMember>(
      this.db,
      `SELECT b.account_id AS accountId, a.meter_id AS meterId, m.meter_no AS meterNo,
         c.name AS customerName, c.shop_unit AS shopUnit, b.amount_fen AS amountFen,
         CASE WHEN s.status IN ('committed', 'reversed') THEN 'done'
              WHEN s.status = 'pending' THEN 'pending' ELSE 'todo' END AS state,
         s.meter_balance_after_fen AS meterBalanceAfterFen
       FROM recharge_batch_members b
       JOIN accounts a ON a.id = b.account_id
       JOIN meters m ON m.id = a.meter_id
       JOIN customers c ON c.id = a.customer_id
       LEFT JOIN sales s ON s.batch_id = b.batch_id AND s.account_id = b.account_id AND s.status <> 'voided'
       WHERE b.batch_id = :batch
         AND (:ids IS NULL OR b.account_id IN (SELECT value FROM json_each(:ids)))
       ORDER BY b.position`,
    ).all({
      batch: batchId,
      ids: accountIds ? JSON.stringify(accountIds) : null,
    });
  }

  /** A batch is finished once every member has had its recharge; until then it can be resumed. */
  finishIfDone(batchId: number, now: Date): boolean {
    if (this.members(batchId).some((m) => m.state !== 'done')) return false;
    prepared(
      this.db,
      "UPDATE recharge_batches SET state = 'finished', finished_at = ? WHERE id = ? AND state = 'running'",
    ).run(now.toISOString(), batchId);
    return true;
  }

  /**
   * Batches begun and not finished (a crash, a cancel, a meter that did not answer). One whose
   * last members were settled since (start-up reconciliation committed their recharges) is
   * finished here: there is nothing left to do in it.
   */
  unfinished(now: Date): RechargeBatch[] {
    const running = prepared<RechargeBatch>(
      this.db,
      `SELECT id, kind, amount_fen AS amountFen, allowance_month AS allowanceMonth, reason,
       operator_id AS operatorId, state FROM recharge_batches WHERE state = 'running' ORDER BY id`,
    ).all();
    return running.filter((batch) => !this.finishIfDone(batch.id, now));
  }

  private allowanceFen(accountId: number, now: Date): number {
    const { tariff_id: tariffId } = prepared<{ tariff_id: number }>(
      this.db,
      'SELECT tariff_id FROM accounts WHERE id = ?',
    ).get(accountId)!;
    const version = this.tariffs.versionAt(tariffId, now);
    if (!version || version.definition.freeAllowance <= 0) return 0;
    return moneyForEnergy(version.definition.freeAllowance, referencePrice(version.definition));
  }

  private allowanceGiven(accountId: number, month: string): boolean {
    return (
      prepared(
        this.db,
        "SELECT 1 FROM sales WHERE account_id = ? AND allowance_month = ? AND status <> 'voided'",
      ).get(accountId, month) !== undefined
    );
  }
  /** When the office's last monthly allowance batch started (null: never). */
  lastAllowanceAt(): string | null {
    return prepared<{ at: string | null }>(
      this.db,
      "SELECT max(created_at) AS at FROM recharge_batches WHERE kind = 'allowance'",
    ).get()!.at;
  }

  /** The selection's meters (not card meters, in service) with their open accounts' state. */
  selected(selection: {
    area?: string | undefined;
    floor?: string | undefined;
    meterIds?: number[] | undefined;
  }): SelectedMeter[] {
    const ids = selection.meterIds ?? null;
    return prepared<SelectedMeter>(
      this.db,
      `SELECT m.id AS meterId, a.id AS accountId, a.state AS accountState, a.billing AS billing,
         m.meter_no AS meterNo, c.name AS customerName, c.shop_unit AS shopUnit
       FROM meters m
       LEFT JOIN accounts a ON a.meter_id = m.id AND a.state <> 'closed'
       LEFT JOIN customers c ON c.id = a.customer_id
       WHERE m.kind <> 'card' AND m.state = 'in_service'
         AND (:area IS NULL OR c.area = :area) AND (:floor IS NULL OR c.floor = :floor)
         AND (:ids IS NULL OR m.id IN (SELECT value FROM json_each(:ids)))
       ORDER BY m.meter_no, m.circuit`,
    ).all({
      area: selection.area ?? null,
      floor: selection.floor ?? null,
      ids: ids && JSON.stringify(ids),
    });
  }

  /** The areas and floors of open accounts on meters a batch can reach, for choosing one. */
  groups(): { areas: string[]; floors: string[] } {
    const distinct = (column: 'area' | 'floor') =>
      prepared<{ v: string }>(
        this.db,
        `SELECT DISTINCT c.${column} AS v FROM customers c JOIN accounts a ON a.customer_id = c.id
           JOIN meters m ON m.id = a.meter_id
           WHERE m.kind <> 'card' AND a.state <> 'closed' AND c.${column} <> '' ORDER BY v`,
      )
        .all()
        .map((r) => r.v);
    return { areas: distinct('area'), floors: distinct('floor') };
  }
}
