// ACRT recharge terminals seen from the office: registered by their address on the line, written
// the binding table (every live tenant card of an account on an NK meter behind an ACRT, with
// its meter), and their recharge logs read back and reconciled with the books, so a recharge the
// ledger never sold, or for other money, is named.
import { AcrtClient, type AcrtLogRecord } from '../../meter-link/devices/acrt';
import type {
  AcrtClockView,
  AcrtLogStatus,
  AcrtLogView,
  AcrtTerminalView,
} from '../../shared/api/meterLink';
import { officeDateTime } from '../../shared/officeTime';
import { AppError } from '../../shared/errors';
import { prepared, type Db } from '../db/open';
import type { Write } from '../ledger/sales';
import type { DeviceJournal, DeviceOperation } from '../journal/deviceJournal';
import type { SettingsStore } from '../office/settings';
import type { OfficeMeterLine } from './officeMeterLine';

export interface AcrtDeskDeps {
  db: Db;
  journal: DeviceJournal;
  line: OfficeMeterLine;
  settings: SettingsStore;
}

const TERMINAL = `SELECT id, address, name, created_at AS createdAt, bindings_at AS bindingsAt,
  bindings_count AS bindingsCount, log_read_at AS logReadAt FROM acrt_terminals`;

export class AcrtDesk {
  constructor(private readonly deps: AcrtDeskDeps) {}

  list(): AcrtTerminalView[] {
    return prepared(this.deps.db, `${TERMINAL} ORDER BY address`).all() as AcrtTerminalView[];
  }

  private terminal(id: number): AcrtTerminalView {
    const row = prepared(this.deps.db, `${TERMINAL} WHERE id = ?`).get(id) as
      AcrtTerminalView | undefined;
    if (!row) throw new AppError('ACRT_NOT_FOUND');
    return row;
  }

  register(input: { address: string; name: string }, at: string): AcrtTerminalView {
    const { db } = this.deps;
    const taken =
      prepared(db, 'SELECT 1 FROM acrt_terminals WHERE address = ?').get(input.address) ??
      prepared(db, 'SELECT 1 FROM meters WHERE meter_no = ?').get(input.address);
    if (taken) throw new AppError('ACRT_ADDRESS_TAKEN', { address: input.address });
    const { lastInsertRowid } = prepared(
      db,
      'INSERT INTO acrt_terminals (address, name, created_at) VALUES (?, ?, ?)',
    ).run(input.address, input.name, at);
    return this.terminal(Number(lastInsertRowid));
  }

  /** The cards the terminals must take: live cards of open accounts on ACRT meters. */
  private bindings() {
    return prepared(
      this.deps.db,
      `SELECT c.card_no AS cardNo, m.meter_no AS meterNo FROM cards c
       JOIN accounts a ON a.id = c.account_id JOIN meters m ON m.id = a.meter_id
       WHERE m.via_acrt = 1 AND c.status = 'active' AND a.state = 'active' ORDER BY c.card_no`,
    ).all() as { cardNo: string; meterNo: string }[];
  }

  private client<T>(terminal: AcrtTerminalView, work: (c: AcrtClient) => Promise<T>): Promise<T> {
    return this.deps.line.use(terminal.address, (_meters, bus) => work(new AcrtClient(bus)));
  }

  /**
   * 对时: sets each terminal's clock (one, or all) to the office's time and reads it back; a silent
   * terminal is reported with its error, the others are still set. Its log's times depend on it.
   */
  async syncClock(
    id: number | undefined,
    operatorId: number,
    now: () => Date,
    write: Write,
  ): Promise<AcrtClockView[]> {
    const password = this.deps.settings.meterPassword();
    if (!password) throw new AppError('METER_PASSWORD_NOT_SET');
    const who = { password, operator: this.deps.settings.meterOperatorCode() };
    const terminals = id === undefined ? this.list() : [this.terminal(id)];
    const out: AcrtClockView[] = [];
    for (const terminal of terminals) {
      const base = { id: terminal.id, address: terminal.address, name: terminal.name };
      const operation = this.begin('timeSync', terminal, {}, operatorId, now(), write);
      try {
        const clock = await this.client(terminal, (c) =>
          c.setClock(terminal.address, officeDateTime(now().toISOString()), who),
        );
        this.resolve(operation, 'committed', { clock }, now(), write);
        // Both read as office time: the difference is the terminal's error after the setting.
        const office = officeDateTime(now().toISOString());
        const seconds = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
        out.push({
          ...base,
          clock,
          offsetSeconds: Math.round(seconds(clock) - seconds(office)),
          error: null,
        });
      } catch (error) {
        const coded =
          error instanceof AppError ? error : new AppError('INTERNAL', undefined, { cause: error });
        this.resolve(operation, 'voided', { error: coded.code }, now(), write);
        out.push({ ...base, clock: null, offsetSeconds: null, error: coded.toApiError() });
      }
    }
    return out;
  }

  async downloadBindings(
    id: number,
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<AcrtTerminalView> {
    const terminal = this.terminal(id);
    const password = this.deps.settings.meterPassword();
    if (!password) throw new AppError('METER_PASSWORD_NOT_SET');
    const bindings = this.bindings();
    const operation = this.begin(
      'acrtBindings',
      terminal,
      { bindings: bindings.length },
      operatorId,
      now,
      write,
    );
    try {
      await this.client(terminal, (c) =>
        c.downloadBindings(terminal.address, bindings, {
          password,
          operator: this.deps.settings.meterOperatorCode(),
        }),
      );
    } catch (error) {
      this.resolve(
        operation,
        'voided',
        { error: error instanceof AppError ? error.code : 'INTERNAL' },
        now,
        write,
      );
      throw error;
    }
    write(
      () => {
        prepared(
          this.deps.db,
          'UPDATE acrt_terminals SET bindings_at = ?, bindings_count = ? WHERE id = ?',
        ).run(now.toISOString(), bindings.length, id);
        this.deps.journal.resolve(
          operation.id,
          'committed',
          { bindings: bindings.length },
          now.toISOString(),
        );
      },
      () => ({ terminal: terminal.address, bindings: bindings.length }),
    );
    return this.terminal(id);
  }

  /** A write to a terminal, journaled pending before it goes out. */
  private begin(
    kind: 'acrtBindings' | 'timeSync',
    terminal: AcrtTerminalView,
    detail: Record<string, unknown>,
    operatorId: number,
    now: Date,
    write: Write,
  ): DeviceOperation {
    return write(
      () =>
        this.deps.journal.begin(
          {
            kind,
            target: 'remote',
            meterId: null,
            accountId: null,
            payload: { terminal: terminal.address, name: terminal.name, ...detail },
            operatorId,
          },
          now.toISOString(),
        ),
      (operation) => ({
        phase: 'pending',
        kind,
        terminal: terminal.address,
        operation: operation.id,
      }),
    );
  }

  private resolve(
    operation: DeviceOperation,
    state: 'committed' | 'voided',
    outcome: Record<string, unknown>,
    now: Date,
    write: Write,
  ): void {
    write(
      () => this.deps.journal.resolve(operation.id, state, outcome, now.toISOString()),
      () => ({ phase: state, operation: operation.id, ...outcome }),
    );
  }

  /** What the books make of one log record. */
  private reconcile(r: AcrtLogRecord): { accountId: number | null; status: AcrtLogStatus } {
    const { db } = this.deps;
    const account = prepared(
      db,
      `SELECT a.id, m.meter_no AS meterNo FROM cards c JOIN accounts a ON a.id = c.account_id
       JOIN meters m ON m.id = a.meter_id WHERE c.card_no = ?`,
    ).get(r.cardNo) as { id: number; meterNo: string } | undefined;
    if (r.outcome !== 'recharged') return { accountId: account?.id ?? null, status: 'no-purchase' };
    if (!account) return { accountId: null, status: 'not-in-ledger' };
    if (account.meterNo !== r.meterNo) return { accountId: account.id, status: 'other-meter' };
    const sold = prepared(
      db,
      `SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM sales
       WHERE account_id = ? AND purchase_count = ? AND status = 'committed'`,
    ).get(account.id, r.purchaseCount) as { n: number; fen: number };
    if (sold.n === 0) return { accountId: account.id, status: 'not-in-ledger' };
    return {
      accountId: account.id,
      status: sold.fen === r.amountFen ? 'matched' : 'amount-differs',
    };
  }

  async readLog(id: number, now: Date, write: Write): Promise<AcrtLogView[]> {
    const terminal = this.terminal(id);
    const records = await this.client(terminal, (c) => c.readLog(terminal.address));
    const at = now.toISOString();
    write(
      () => {
        const insert = prepared(
          this.deps.db,
          `INSERT OR IGNORE INTO acrt_log (terminal_id, seq, at, card_no, meter_no, purchase_count,
             amount_fen, outcome, account_id, status, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        let added = 0;
        records.forEach((r, i) => {
          const { accountId, status } = this.reconcile(r);
          added += insert.run(
            id,
            i + 1,
            r.at,
            r.cardNo,
            r.meterNo,
            r.purchaseCount,
            r.amountFen,
            r.outcome,
            accountId,
            status,
            at,
          ).changes;
        });
        prepared(this.deps.db, 'UPDATE acrt_terminals SET log_read_at = ? WHERE id = ?').run(
          at,
          id,
        );
        return added;
      },
      (added) => ({ terminal: terminal.address, records: records.length, added }),
    );
    return this.log(id);
  }

  log(id: number): AcrtLogView[] {
    return prepared(
      this.deps.db,
      `SELECT l.seq, l.at, l.card_no AS cardNo, l.meter_no AS meterNo, l.purchase_count AS purchaseCount,
         l.amount_fen AS amountFen, l.outcome, a.account_no AS accountNo, c.name AS customerName, l.status
       FROM acrt_log l LEFT JOIN accounts a ON a.id = l.account_id
       LEFT JOIN customers c ON c.id = a.customer_id
       WHERE l.terminal_id = ? ORDER BY l.seq DESC`,
    ).all(id) as AcrtLogView[];
  }
}
