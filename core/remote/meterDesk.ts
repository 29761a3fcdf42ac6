// The meters page's work on the RS485 line: reading an NK meter live (kept as a reading, and used
// to settle an unconfirmed recharge of its account), and relay commands by a supervisor, journaled
// pending before the frame goes out and resolved from the status word read back afterwards.
import type {
  MeterClient,
  ReadOperation,
  RelayOperation,
} from '../../meter-link/devices/meterClient';
import type { MeterView } from '../../shared/api/ledgerTypes';
import type { MeterCommandView, MeterReadingView, RelayCommand } from '../../shared/api/meterLink';
import { AppError } from '../../shared/errors';
import { officeDateTime } from '../../shared/officeTime';
import { prepared, type Db } from '../db/open';
import type { AccountStore } from '../ledger/accounts';
import type { MeterStore } from '../ledger/meters';
import type { SaleService, Write } from '../ledger/sales';
import type { SettingsStore } from '../office/settings';
import type { OfficeMeterLine } from './officeMeterLine';

export interface MeterDeskDeps {
  db: Db;
  line: OfficeMeterLine;
  meters: MeterStore;
  accounts: AccountStore;
  sales: SaleService;
  settings: SettingsStore;
}

const READINGS: [ReadOperation, keyof MeterReadingView][] = [
  ['readEnergy', 'energyKwh'],
  ['readRemainingMoney', 'remainingFen'],
  ['readPurchaseCount', 'purchaseCount'],
  ['readCumulativePurchased', 'cumulativePurchasedFen'],
  ['readPrice', 'priceYuan'],
  ['readVoltage', 'voltage'],
  ['readCurrent', 'current'],
  ['readPower', 'powerKw'],
];
const IN_FEN = new Set<keyof MeterReadingView>(['remainingFen', 'cumulativePurchasedFen']);

const RELAY_OPERATION: Record<RelayCommand, RelayOperation> = {
  trip: 'relayTrip',
  allowClose: 'relayAllowClose',
  keepPower: 'keepPower',
};

/** Status word 3, bit 4: the relay is open (assumed pending the vendor, docs/protocols.md). */
export const relayOf = (word: string): 'open' | 'closed' =>
  (parseInt(word, 16) & 0x10) !== 0 ? 'open' : 'closed';

interface CommandRow {
  id: number;
  meter_id: number;
  meter_no: string;
  command: RelayCommand;
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

const COMMAND_SELECT = `SELECT c.id, c.meter_id, m.meter_no, c.command, c.reason, c.state, c.error,
  o.username AS operator_name, c.created_at, c.resolved_at
  FROM meter_commands c JOIN meters m ON m.id = c.meter_id JOIN operators o ON o.id = c.operator_id`;

export class MeterDesk {
  constructor(private readonly deps: MeterDeskDeps) {}

  private onLine(meterId: number): MeterView {
    const meter = this.deps.meters.byId(meterId);
    if (!meter) throw new AppError('METER_NOT_FOUND');
    if (meter.kind === 'card') throw new AppError('METER_NOT_ON_LINE', { meterNo: meter.meterNo });
    return meter;
  }

  /** Everything the meter will say; a value it refuses is listed, a meter that is silent throws. */
  async read(meterId: number, now: Date, write: Write): Promise<MeterReadingView> {
    const meter = this.onLine(meterId);
    const view: MeterReadingView = {
      meterId,
      meterNo: meter.meterNo,
      model: meter.model,
      at: now.toISOString(),
      energyKwh: null,
      remainingFen: null,
      purchaseCount: null,
      cumulativePurchasedFen: null,
      priceYuan: null,
      voltage: null,
      current: null,
      powerKw: null,
      relay: null,
      problems: [],
      settled: null,
    };
    const { line } = this.deps;
    const attempt = async <T>(
      operation: string,
      work: (client: MeterClient) => Promise<T>,
    ): Promise<T | null> => {
      try {
        return await line.use(meter.meterNo, work);
      } catch (error) {
        // A value the meter does not have is noted; a meter that does not answer ends the read.
        if (
          error instanceof AppError &&
          ['METER_REFUSED', 'METER_NOT_MAPPED'].includes(error.code)
        ) {
          view.problems.push(
            `${operation}: ${error.params?.reasons ?? error.params?.detail ?? ''}`,
          );
          return null;
        }
        throw error;
      }
    };
    for (const [operation, field] of READINGS) {
      const reading = await attempt(operation, (c) =>
        c.read(meter.model, meter.meterNo, operation),
      );
      if (reading === null) continue;
      const value = Number(reading.value);
      (view as unknown as Record<string, number>)[field] = IN_FEN.has(field)
        ? Math.round(value * 100)
        : value;
    }
    const status = await attempt('readStatus', (c) =>
      c.read(meter.model, meter.meterNo, 'readStatus'),
    );
    if (status) view.relay = relayOf(String(status.value));

    write(
      () =>
        prepared(
          this.deps.db,
          `INSERT INTO meter_readings (meter_id, read_at, energy, remaining_fen, purchase_count, cumulative_fen, relay)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          meterId,
          view.at,
          view.energyKwh === null ? null : Math.round(view.energyKwh * 100),
          view.remainingFen,
          view.purchaseCount,
          view.cumulativePurchasedFen,
          view.relay,
        ),
      () => ({ meterNo: meter.meterNo, reading: { ...view, problems: view.problems.length } }),
    );
    // The meter is reachable now: an unconfirmed recharge of its account is settled from it.
    const account = this.deps.accounts.openOnMeter(meterId);
    if (account) {
      view.settled = await this.deps.sales.settleAccount(account.id, now, write);
      if (view.remainingFen !== null && view.purchaseCount !== null)
        write(() =>
          this.deps.accounts.observe(account.id, view.purchaseCount!, view.remainingFen, view.at),
        );
    }
    return view;
  }

  async relay(
    request: { meterId: number; command: RelayCommand; reason: string },
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<MeterCommandView> {
    const meter = this.onLine(request.meterId);
    const password = this.deps.settings.meterPassword();
    if (!password) throw new AppError('METER_PASSWORD_NOT_SET');
    const at = now.toISOString();
    const id = write(
      () =>
        Number(
          prepared(
            this.deps.db,
            `INSERT INTO meter_commands (meter_id, command, reason, state, operator_id, created_at)
             VALUES (?, ?, ?, 'pending', ?, ?)`,
          ).run(meter.id, request.command, request.reason, operatorId, at).lastInsertRowid,
        ),
      (commandId) => ({ phase: 'pending', commandId, meterNo: meter.meterNo, ...request }),
    );
    const resolve = (state: 'done' | 'failed', error: string | null) =>
      write(
        () =>
          prepared(
            this.deps.db,
            "UPDATE meter_commands SET state = ?, error = ?, resolved_at = ? WHERE id = ? AND state = 'pending'",
          ).run(state, error, new Date().toISOString(), id),
        () => ({ phase: state, commandId: id, meterNo: meter.meterNo, error }),
      );
    // The meter ignores a command whose time has passed: ten minutes is room for retries.
    const until = officeDateTime(new Date(now.getTime() + 10 * 60_000).toISOString());
    const { line } = this.deps;
    try {
      await line.use(meter.meterNo, (c) =>
        c.relay(meter.model, meter.meterNo, RELAY_OPERATION[request.command], until, {
          password,
          operator: this.deps.settings.meterOperatorCode(),
        }),
      );
    } catch (error) {
      resolve('failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
    let relay: 'open' | 'closed';
    try {
      const status = await line.use(meter.meterNo, (c) =>
        c.read(meter.model, meter.meterNo, 'readStatus'),
      );
      relay = relayOf(String(status.value));
    } catch {
      // Sent and acknowledged, but not seen: stays pending until the meter is read again.
      throw new AppError('METER_COMMAND_UNCONFIRMED', { meterNo: meter.meterNo });
    }
    const expected =
      request.command === 'trip' ? 'open' : request.command === 'keepPower' ? 'closed' : null;
    if (expected && relay !== expected) {
      resolve('failed', `the relay reads ${relay} after ${request.command}`);
      throw new AppError('METER_REFUSED', {
        meterNo: meter.meterNo,
        reasons: `relay still ${relay}`,
      });
    }
    resolve('done', null);
    return this.command(id)!;
  }

  command(id: number): MeterCommandView | undefined {
    const row = prepared(this.deps.db, `${COMMAND_SELECT} WHERE c.id = ?`).get(id) as
      CommandRow | undefined;
    return row && commandView(row);
  }

  commands(filter: { meterId?: number; limit: number }): MeterCommandView[] {
    const rows = (
      filter.meterId === undefined
        ? prepared(this.deps.db, `${COMMAND_SELECT} ORDER BY c.id DESC LIMIT ?`).all(filter.limit)
        : prepared(
            this.deps.db,
            `${COMMAND_SELECT} WHERE c.meter_id = ? ORDER BY c.id DESC LIMIT ?`,
          ).all(filter.meterId, filter.limit)
    ) as CommandRow[];
    return rows.map(commandView);
  }
}
