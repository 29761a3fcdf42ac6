// Shifts (班次): opened at sign-in, closed at hand-over (交班) with the money counted per payment
// method (blind for a cashier) against what the books say was taken. The SQL for shifts lives here.
import type { MoneyByMethod, ShiftView } from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';

interface Row {
  id: number;
  operator_id: number;
  operator_name: string;
  state: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
  expected: string | null;
  counted: string | null;
  note: string;
  approved_by: number | null;
  approver_name: string | null;
  refused_counts: number;
}

const SELECT = `SELECT s.*, o.display_name AS operator_name, p.display_name AS approver_name FROM shifts s
  JOIN operators o ON o.id = s.operator_id LEFT JOIN operators p ON p.id = s.approved_by`;

const zero = (): MoneyByMethod =>
  Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as MoneyByMethod;

export class ShiftStore {
  constructor(private readonly db: Db) {}

  /** The operator's open shift, opened now if there is none. Call inside a transaction. */
  openFor(operatorId: number, at: string): number {
    const open = prepared<{ id: number }>(
      this.db,
      "SELECT id FROM shifts WHERE operator_id = ? AND state = 'open'",
    ).get(operatorId);
    if (open) return open.id;
    return Number(
      prepared(
        this.db,
        "INSERT INTO shifts (operator_id, state, opened_at) VALUES (?, 'open', ?)",
      ).run(operatorId, at).lastInsertRowid,
    );
  }

  currentFor(operatorId: number): ShiftView | undefined {
    const row = prepared<Row>(
      this.db,
      `${SELECT} WHERE s.operator_id = ? AND s.state = 'open'`,
    ).get(operatorId);
    return row && this.view(row);
  }

  byId(id: number): ShiftView | undefined {
    const row = prepared<Row>(this.db, `${SELECT} WHERE s.id = ?`).get(id);
    return row && this.view(row);
  }

  list(limit: number): ShiftView[] {
    return prepared<Row>(this.db, `${SELECT} ORDER BY s.id DESC LIMIT ?`)
      .all(limit)
      .map((r) => this.view(r));
  }

  /**
   * What the shift took per payment method: its sales (a sale later reversed still came in) and
   * card fees, less the reversals made in it (given back by the sale's payment method) and the
   * refunds it paid.
   */
  takings(shiftId: number): {
    expected: MoneyByMethod;
    salesCount: number;
    reversalsCount: number;
    refundsCount: number;
    cardFeesCount: number;
  } {
    const expected = zero();
    // Each kind of money movement of the shift, summed and counted per payment method.
    const perMethod = (sql: string) =>
      prepared<{
        method: keyof MoneyByMethod;
        fen: number;
        n: number;
      }>(this.db, sql).all(shiftId);
    const sales = perMethod(
      `SELECT payment_method AS method, sum(amount_fen) AS fen, count(*) AS n FROM sales
       WHERE shift_id = ? AND status IN ('committed', 'reversed') GROUP BY payment_method`,
    );
    const reversals = perMethod(
      `SELECT s.payment_method AS method, sum(s.amount_fen) AS fen, count(*) AS n FROM reversals r
       JOIN sales s ON s.id = r.sale_id WHERE r.shift_id = ? AND r.status = 'committed' GROUP BY s.payment_method`,
    );
    const refunds = perMethod(
      `SELECT payment_method AS method, sum(amount_fen) AS fen, count(*) AS n FROM refunds
       WHERE shift_id = ? GROUP BY payment_method`,
    );
    const fees = perMethod(
      `SELECT payment_method AS method, sum(amount_fen) AS fen, count(*) AS n FROM card_fees
       WHERE shift_id = ? AND status = 'committed' GROUP BY payment_method`,
    );
    for (const row of [...sales, ...fees]) expected[row.method] += row.fen;
    for (const row of [...reversals, ...refunds]) expected[row.method] -= row.fen;
    const count = (rows: { n: number }[]) => rows.reduce((n, r) => n + r.n, 0);
    return {
      expected,
      salesCount: count(sales),
      reversalsCount: count(reversals),
      refundsCount: count(refunds),
      cardFeesCount: count(fees),
    };
  }

  /** Call inside the transaction that read `expected` from `takings`. */
  close(
    shiftId: number,
    expected: MoneyByMethod,
    counted: MoneyByMethod,
    note: string,
    approvedBy: number | null,
    at: string,
  ): void {
    prepared(
      this.db,
      `UPDATE shifts SET state = 'closed', closed_at = ?, expected = ?, counted = ?, note = ?, approved_by = ?
       WHERE id = ? AND state = 'open'`,
    ).run(at, JSON.stringify(expected), JSON.stringify(counted), note, approvedBy, shiftId);
  }

  /** A count refused for its difference: counted, so repeated tries need a supervisor. */
  refuseCount(shiftId: number): number {
    const row = prepared<{ refused_counts: number }>(
      this.db,
      'UPDATE shifts SET refused_counts = refused_counts + 1 WHERE id = ? RETURNING refused_counts',
    ).get(shiftId);
    return row?.refused_counts ?? 0;
  }

  /** The sales of a shift, for its hand-over report. */
  salesOf(shiftId: number): {
    receiptNo: number;
    createdAt: string;
    customerName: string;
    amountFen: number;
    paymentMethod: keyof MoneyByMethod;
    status: string;
  }[] {
    return prepared<ReturnType<ShiftStore['salesOf']>[number]>(
      this.db,
      `SELECT s.receipt_no AS receiptNo, s.created_at AS createdAt, c.name AS customerName, s.amount_fen AS amountFen,
       s.payment_method AS paymentMethod, s.status FROM sales s JOIN accounts a ON a.id = s.account_id
       JOIN customers c ON c.id = a.customer_id WHERE s.shift_id = ? AND s.status IN ('committed', 'reversed') ORDER BY s.receipt_no`,
    ).all(shiftId);
  }

  private view(row: Row): ShiftView {
    const live = this.takings(row.id);
    return {
      id: row.id,
      operatorId: row.operator_id,
      operatorName: row.operator_name,
      state: row.state,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      // A closed shift keeps the figures it was handed over with.
      expected: row.expected ? (JSON.parse(row.expected) as MoneyByMethod) : live.expected,
      counted: row.counted ? (JSON.parse(row.counted) as MoneyByMethod) : null,
      salesCount: live.salesCount,
      reversalsCount: live.reversalsCount,
      refundsCount: live.refundsCount,
      cardFeesCount: live.cardFeesCount,
      note: row.note,
      approverName: row.approver_name,
      refusedCounts: row.refused_counts,
    };
  }
}
