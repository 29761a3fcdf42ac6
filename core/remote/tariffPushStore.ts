// What the office's price pushes (调价下发) ask of the books: the meters on the line with their
// accounts' tariffs, and each meter's last push as the device journal has it.
import { prepared, type Db } from '../db/open';
import { LINE_COMMAND_STATE_SQL } from '../journal/deviceJournalStore';

export interface OnTheLine {
  meterId: number;
  meterNo: string;
  model: string;
  protocol: 'dlt645' | 'modbus';
  accountNo: string;
  customerName: string;
  tariffId: number;
  tariffName: string;
  openedBy: number | null;
}

export interface LastPush {
  versionId: number | null;
  state: 'pending' | 'done' | 'failed';
  createdAt: string;
  error: string | null;
}

export class TariffPushStore {
  constructor(private readonly db: Db) {}

  /** Meters on the office's own line (not card meters, not behind an ACRT) with open accounts. */
  onTheLine(): OnTheLine[] {
    return prepared<OnTheLine>(
      this.db,
      `SELECT m.id AS meterId, m.meter_no AS meterNo, m.model, m.protocol, a.account_no AS accountNo,
         c.name AS customerName, a.tariff_id AS tariffId, t.name AS tariffName, a.opened_by AS openedBy
       FROM meters m JOIN accounts a ON a.meter_id = m.id AND a.state <> 'closed'
       JOIN customers c ON c.id = a.customer_id JOIN tariffs t ON t.id = a.tariff_id
       WHERE m.kind <> 'card' AND m.via_acrt = 0 AND m.state = 'in_service'
       ORDER BY m.meter_no, m.circuit`,
    ).all();
  }

  /** The tariff version the meter last read back after a push. */
  lastDone(meterId: number): number | null {
    const row = prepared<{ versionId: number | null }>(
      this.db,
      `SELECT json_extract(payload, '$.detail.tariffVersionId') AS versionId FROM device_operations
       WHERE meter_id = ? AND kind = 'tariffPush' AND state = 'committed' ORDER BY id DESC LIMIT 1`,
    ).get(meterId);
    return row?.versionId ?? null;
  }

  lastTry(meterId: number): LastPush | undefined {
    return prepared<LastPush>(
      this.db,
      `SELECT json_extract(d.payload, '$.detail.tariffVersionId') AS versionId, ${LINE_COMMAND_STATE_SQL} AS state,
         d.created_at AS createdAt, json_extract(d.outcome, '$.error') AS error
       FROM device_operations d WHERE d.meter_id = ? AND d.kind = 'tariffPush' ORDER BY d.id DESC LIMIT 1`,
    ).get(meterId);
  }

  /**
   * Who a push by itself is recorded for: the supervisor who scheduled the version, else who
   * opened the account, else the first administrator.
   */
  pusherOf(versionId: number, meterId: number): number {
    const row = prepared<{ id: number }>(
      this.db,
      `SELECT coalesce(
         (SELECT created_by FROM tariff_versions WHERE id = ?),
         (SELECT opened_by FROM accounts WHERE meter_id = ? AND state <> 'closed'),
         (SELECT min(id) FROM operators WHERE role = 'admin')) AS id`,
    ).get(versionId, meterId)!;
    return row.id;
  }
}
