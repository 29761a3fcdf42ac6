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
import type { Write } from '../db/unitOfWork';
import type { AcrtStore } from './acrtStore';
import type { DeviceJournal, DeviceOperation } from '../journal/deviceJournalStore';
import type { SettingsStore } from '../office/settingsStore';
import type { OfficeMeterLine } from './officeMeterLine';

export interface AcrtDeskDeps {
  store: AcrtStore;
  journal: DeviceJournal;
  line: OfficeMeterLine;
  settings: SettingsStore;
}

export class AcrtDesk {
  constructor(private readonly deps: AcrtDeskDeps) {}

  list(): AcrtTerminalView[] {
    return this.deps.store.list();
  }

  private terminal(id: number): AcrtTerminalView {
    const row = this.deps.store.byId(id);
    if (!row) throw new AppError('ACRT_NOT_FOUND');
    return row;
  }

  register(input: { address: string; name: string }, at: string): AcrtTerminalView {
    const { store } = this.deps;
    if (store.addressTaken(input.address))
      throw new AppError('ACRT_ADDRESS_TAKEN', { address: input.address });
    return this.terminal(store.add(input, at));
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
    const bindings = this.deps.store.bindings();
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
        this.deps.store.bindingsWritten(id, bindings.length, now.toISOString());
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
    const { store } = this.deps;
    const account = store.cardOwner(r.cardNo);
    if (r.outcome !== 'recharged') return { accountId: account?.id ?? null, status: 'no-purchase' };
    if (!account) return { accountId: null, status: 'not-in-ledger' };
    if (account.meterNo !== r.meterNo) return { accountId: account.id, status: 'other-meter' };
    const sold = store.soldAt(account.id, r.purchaseCount);
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
      () =>
        this.deps.store.keepLog(
          id,
          records.map((r) => ({ ...r, ...this.reconcile(r) })),
          at,
        ),
      (added) => ({ terminal: terminal.address, records: records.length, added }),
    );
    return this.log(id);
  }

  log(id: number): AcrtLogView[] {
    return this.deps.store.log(id);
  }
}
