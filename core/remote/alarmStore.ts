// 报警记录: alarms the meter line raises while polling. One open alarm per meter and kind: a
// low-credit alarm is raised when a reading shows less than the office's threshold and clears
// when a reading shows more (credit was bought); a no-answer alarm is raised when a poll gets no
// reply and clears when the meter answers again. Cleared or not, each stays in the records.
import type { AlarmKind, AlarmView } from '../../shared/api/meterLink';
import { prepared, type Db } from '../db/open';

const SELECT = `SELECT al.id, al.meter_id AS meterId, m.meter_no AS meterNo, al.kind,
    al.remaining_fen AS remainingFen, a.account_no AS accountNo, c.name AS customerName,
    c.shop_unit AS shopUnit, c.phone, al.raised_at AS raisedAt, al.cleared_at AS clearedAt,
    al.acknowledged_at AS acknowledgedAt, o.username AS acknowledgedBy, al.note
  FROM meter_alarms al JOIN meters m ON m.id = al.meter_id
  LEFT JOIN accounts a ON a.id = al.account_id LEFT JOIN customers c ON c.id = a.customer_id
  LEFT JOIN operators o ON o.id = al.acknowledged_by`;

export class AlarmStore {
  constructor(private readonly db: Db) {}

  /** Raises the alarm unless one of its kind is open on the meter; true when raised now. */
  raise(
    meterId: number,
    accountId: number | null,
    kind: AlarmKind,
    remainingFen: number | null,
    at: string,
  ): boolean {
    const { changes } = prepared(
      this.db,
      `INSERT INTO meter_alarms (meter_id, account_id, kind, remaining_fen, raised_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (meter_id, kind) WHERE cleared_at IS NULL DO NOTHING`,
    ).run(meterId, accountId, kind, remainingFen, at);
    return changes === 1;
  }

  clear(meterId: number, kind: AlarmKind, at: string): void {
    prepared(
      this.db,
      'UPDATE meter_alarms SET cleared_at = ? WHERE meter_id = ? AND kind = ? AND cleared_at IS NULL',
    ).run(at, meterId, kind);
  }

  acknowledge(id: number, operatorId: number, note: string, at: string): boolean {
    return (
      prepared(
        this.db,
        'UPDATE meter_alarms SET acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ? AND acknowledged_at IS NULL',
      ).run(at, operatorId, note, id).changes === 1
    );
  }

  byId(id: number): AlarmView | undefined {
    return prepared<AlarmView>(this.db, `${SELECT} WHERE al.id = ?`).get(id);
  }

  list(filter: { open: boolean; from?: string; to?: string; limit: number }): AlarmView[] {
    return prepared<AlarmView>(
      this.db,
      `${SELECT} WHERE (:open = 0 OR (al.cleared_at IS NULL AND al.acknowledged_at IS NULL))
         AND (:from IS NULL OR al.raised_at >= :from) AND (:to IS NULL OR al.raised_at < :to)
       ORDER BY al.id DESC LIMIT :limit`,
    ).all({
      open: filter.open ? 1 : 0,
      from: filter.from ?? null,
      to: filter.to ?? null,
      limit: filter.limit,
    });
  }
}
