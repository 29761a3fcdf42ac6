// Meters (电表): registration and lookup. What kind a meter is follows from its model.
import type { MeterKind, MeterListRow, MeterModel, MeterView } from '../../shared/api/ledgerTypes';
import type { MeterReadingView } from '../../shared/api/meterLink';
import { AppError } from '../../shared/errors';
import { prepared, type Db } from '../db/open';
import type { MeterRegisters } from './accountStore';

/** Card meters load purchases from the tenant's card; NK meters through ACRT terminals or RS485;
 * remote meters over the bus only. */
export const MODEL_FACTS: Record<MeterModel, { kind: MeterKind; phases: 1 | 3 }> = {
  DDSY1352: { kind: 'card', phases: 1 },
  DTSY1352: { kind: 'card', phases: 3 },
  'DDSY1352-NK': { kind: 'nk', phases: 1 },
  'DTSY1352-NK': { kind: 'nk', phases: 3 },
  ADF300: { kind: 'remote', phases: 1 },
  ADM100: { kind: 'remote', phases: 1 },
  DDSD1352: { kind: 'metering', phases: 1 },
  DTSD1352: { kind: 'metering', phases: 3 },
};

interface Row {
  id: number;
  meter_no: string;
  circuit: number;
  model: MeterModel;
  kind: MeterKind;
  phases: 1 | 3;
  ct_ratio: number;
  installed_at: string | null;
  install_reading: number;
  state: MeterView['state'];
  via_acrt: 0 | 1;
  protocol: MeterView['protocol'];
  modbus_unit: number | null;
}

interface ListExtras {
  account_id: number | null;
  account_no: string | null;
  customer_name: string | null;
  shop_unit: string | null;
  meter_remaining_fen: number | null;
  meter_remaining_at: string | null;
  office_balance_fen: number | null;
  last_energy: number | null;
  last_read_at: string | null;
  open_alarms: number;
}

const view = (r: Row): MeterView => ({
  id: r.id,
  meterNo: r.meter_no,
  circuit: r.circuit,
  model: r.model,
  kind: r.kind,
  phases: r.phases,
  ctRatio: r.ct_ratio,
  installedAt: r.installed_at,
  installReading: r.install_reading,
  state: r.state,
  viaAcrt: r.via_acrt === 1,
  protocol: r.protocol,
  modbusUnit: r.modbus_unit,
});

export { takesCard } from '../../shared/delivery';

export class MeterStore {
  constructor(private readonly db: Db) {}

  byId(id: number): MeterView | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM meters WHERE id = ?').get(id);
    return row && view(row);
  }

  byNumber(meterNo: string, circuit: number): MeterView | undefined {
    const row = prepared<Row>(
      this.db,
      'SELECT * FROM meters WHERE meter_no = ? AND circuit = ?',
    ).get(meterNo, circuit);
    return row && view(row);
  }

  insert(
    meter: {
      meterNo: string;
      circuit: number;
      model: MeterModel;
      ctRatio: number;
      viaAcrt?: boolean;
      protocol?: MeterView['protocol'];
      modbusUnit?: number;
    },
    at: string,
  ): MeterView {
    const facts = MODEL_FACTS[meter.model];
    if (meter.viaAcrt && facts.kind !== 'nk')
      throw new AppError('METER_ACRT_NK_ONLY', { model: meter.model });
    // A multi-user box's circuits are accounts one by one; other meters are one circuit, 0.
    if ((meter.model === 'ADF300') !== meter.circuit > 0)
      throw new AppError('METER_CIRCUIT', { model: meter.model });
    const protocol = meter.protocol ?? 'dlt645';
    if (protocol === 'modbus' && facts.kind === 'card')
      throw new AppError('METER_MODBUS_NOT_CARD', { model: meter.model });
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO meters (meter_no, circuit, model, kind, phases, ct_ratio, via_acrt, protocol, modbus_unit, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      meter.meterNo,
      meter.circuit,
      meter.model,
      facts.kind,
      facts.phases,
      meter.ctRatio,
      meter.viaAcrt ? 1 : 0,
      protocol,
      protocol === 'modbus' ? meter.modbusUnit : null,
      at,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  /** The meters a poll reads: every meter in service that is not a card meter. */
  polled(): { id: number }[] {
    return prepared<{ id: number }>(
      this.db,
      "SELECT id FROM meters WHERE kind <> 'card' AND state = 'in_service' ORDER BY meter_no, circuit",
    ).all();
  }

  /** Keeps a reading taken over the line; returns its id (the office's billing charges it). */
  keepReading(meterId: number, view: MeterReadingView, registers: MeterRegisters | null): number {
    return Number(
      prepared(
        this.db,
        `INSERT INTO meter_readings (meter_id, read_at, energy, remaining_fen, purchase_count, cumulative_fen, relay,
         rate_energy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        meterId,
        view.at,
        registers?.total ?? null,
        view.remainingFen,
        view.purchaseCount,
        view.cumulativePurchasedFen,
        view.relay,
        registers?.rates ? JSON.stringify(registers.rates) : null,
      ).lastInsertRowid,
    );
  }

  install(id: number, at: string, reading: number): void {
    prepared(
      this.db,
      "UPDATE meters SET state = 'in_service', installed_at = ?, install_reading = ? WHERE id = ?",
    ).run(at, reading, id);
  }

  /** 换表: the old meter leaves service for good. */
  retire(id: number): void {
    prepared(this.db, "UPDATE meters SET state = 'replaced' WHERE id = ?").run(id);
  }

  /** Meters by number, each with the tenant of its open account, its last reading, open alarms. */
  list(query: string, limit: number): MeterListRow[] {
    const rows = prepared<Row & ListExtras>(
      this.db,
      `SELECT m.*, a.id AS account_id, a.account_no, c.name AS customer_name, c.shop_unit,
         a.meter_remaining_fen, a.meter_remaining_at,
         CASE WHEN a.billing = 'office' THEN a.office_balance_fen END AS office_balance_fen,
         r.energy AS last_energy, r.read_at AS last_read_at,
         (SELECT count(*) FROM meter_alarms x WHERE x.meter_id = m.id AND x.cleared_at IS NULL) AS open_alarms
       FROM meters m
       LEFT JOIN accounts a ON a.meter_id = m.id AND a.state <> 'closed'
       LEFT JOIN customers c ON c.id = a.customer_id
       LEFT JOIN meter_readings r ON r.id = (SELECT id FROM meter_readings WHERE meter_id = m.id ORDER BY read_at DESC, id DESC LIMIT 1)
       WHERE m.meter_no LIKE ? ORDER BY m.meter_no, m.circuit LIMIT ?`,
    ).all(`%${query.replace(/\D/g, '')}%`, limit);
    return rows.map((r) => ({
      ...view(r),
      tenant:
        r.account_id === null
          ? null
          : {
              accountId: r.account_id,
              accountNo: r.account_no!,
              customerName: r.customer_name!,
              shopUnit: r.shop_unit ?? '',
              meterRemainingFen: r.meter_remaining_fen,
              meterRemainingAt: r.meter_remaining_at,
              officeBalanceFen: r.office_balance_fen,
            },
      lastReading: r.last_read_at === null ? null : { energy: r.last_energy, at: r.last_read_at },
      openAlarms: r.open_alarms,
    }));
  }
}
