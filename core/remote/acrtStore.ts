// The ACRT terminals' tables: the terminals the office registered (acrt_terminals) and the recharge
// records read off them (acrt_log), with the two questions the reconciliation asks of the books.
import type { AcrtLogStatus, AcrtLogView, AcrtTerminalView } from '../../shared/api/meterLink';
import type { AcrtLogRecord } from '../../meter-link/devices/acrt';
import { prepared, type Db } from '../db/open';

const TERMINAL = `SELECT id, address, name, created_at AS createdAt, bindings_at AS bindingsAt,
  bindings_count AS bindingsCount, log_read_at AS logReadAt FROM acrt_terminals`;

/** A log record as the books made of it, ready to be kept. */
export interface ReconciledRecord extends AcrtLogRecord {
  accountId: number | null;
  status: AcrtLogStatus;
}

export class AcrtStore {
  constructor(private readonly db: Db) {}

  list(): AcrtTerminalView[] {
    return prepared<AcrtTerminalView>(this.db, `${TERMINAL} ORDER BY address`).all();
  }

  byId(id: number): AcrtTerminalView | undefined {
    return prepared<AcrtTerminalView>(this.db, `${TERMINAL} WHERE id = ?`).get(id);
  }

  /** A terminal shares the line with the meters: its address may be neither's already. */
  addressTaken(address: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM acrt_terminals WHERE address = ?').get(address) !==
        undefined ||
      prepared(this.db, 'SELECT 1 FROM meters WHERE meter_no = ?').get(address) !== undefined
    );
  }

  add(input: { address: string; name: string }, at: string): number {
    const { lastInsertRowid } = prepared(
      this.db,
      'INSERT INTO acrt_terminals (address, name, created_at) VALUES (?, ?, ?)',
    ).run(input.address, input.name, at);
    return Number(lastInsertRowid);
  }

  /** The cards the terminals must take: live cards of open accounts on ACRT meters. */
  bindings(): { cardNo: string; meterNo: string }[] {
    return prepared<{ cardNo: string; meterNo: string }>(
      this.db,
      `SELECT c.card_no AS cardNo, m.meter_no AS meterNo FROM cards c
       JOIN accounts a ON a.id = c.account_id JOIN meters m ON m.id = a.meter_id
       WHERE m.via_acrt = 1 AND c.status = 'active' AND a.state = 'active' ORDER BY c.card_no`,
    ).all();
  }

  bindingsWritten(id: number, count: number, at: string): void {
    prepared(
      this.db,
      'UPDATE acrt_terminals SET bindings_at = ?, bindings_count = ? WHERE id = ?',
    ).run(at, count, id);
  }

  /** The account a card belongs to (any state), with its meter. */
  cardOwner(cardNo: string): { id: number; meterNo: string } | undefined {
    return prepared<{ id: number; meterNo: string }>(
      this.db,
      `SELECT a.id, m.meter_no AS meterNo FROM cards c JOIN accounts a ON a.id = c.account_id
       JOIN meters m ON m.id = a.meter_id WHERE c.card_no = ?`,
    ).get(cardNo);
  }

  /** What the books sold the account as its `purchaseCount`th purchase. */
  soldAt(accountId: number, purchaseCount: number): { n: number; fen: number } {
    return prepared<{ n: number; fen: number }>(
      this.db,
      `SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM sales
       WHERE account_id = ? AND purchase_count = ? AND status = 'committed'`,
    ).get(accountId, purchaseCount)!;
  }

  /**
   * Keeps the records read off a terminal, numbered in the order it gave them; records kept by an
   * earlier read are left as they were. Returns how many were new.
   */
  keepLog(id: number, records: ReconciledRecord[], at: string): number {
    const insert = prepared(
      this.db,
      `INSERT OR IGNORE INTO acrt_log (terminal_id, seq, at, card_no, meter_no, purchase_count,
         amount_fen, outcome, account_id, status, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    records.forEach((r, i) => {
      added += insert.run(
        id,
        i + 1,
        r.at,
        r.cardNo,
        r.meterNo,
        r.purchaseCount,
        r.amountFen,
        r.outcome,
        r.accountId,
        r.status,
        at,
      ).changes;
    });
    prepared(this.db, 'UPDATE acrt_terminals SET log_read_at = ? WHERE id = ?').run(at, id);
    return added;
  }

  log(id: number): AcrtLogView[] {
    return prepared<AcrtLogView>(
      this.db,
      `SELECT l.seq, l.at, l.card_no AS cardNo, l.meter_no AS meterNo, l.purchase_count AS purchaseCount,
         l.amount_fen AS amountFen, l.outcome, a.account_no AS accountNo, c.name AS customerName, l.status
       FROM acrt_log l LEFT JOIN accounts a ON a.id = l.account_id
       LEFT JOIN customers c ON c.id = a.customer_id
       WHERE l.terminal_id = ? ORDER BY l.seq DESC`,
    ).all(id);
  }
}
