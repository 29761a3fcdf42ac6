// The SQL of the campus calendar (校历) and of each box circuit's time control as the office set
// it and as the circuit holds it today.
import type { TimeControl, TimeControlMode } from '../../shared/api/boxControls';
import type { CalendarDay, CalendarDayKind } from '../../shared/api/dorms';
import { prepared, type Db } from '../db/open';

/** A circuit whose time-control mode is not what today asks of it. */
export interface CircuitToSwitch {
  meterId: number;
  timeControl: TimeControl;
  mode: TimeControlMode;
}

/** How long a circuit whose switch failed is left before it is tried again. */
const RETRY_AFTER_MS = 15 * 60_000;

export class CalendarStore {
  constructor(private readonly db: Db) {}

  days(from: string, to: string): CalendarDay[] {
    return prepared<CalendarDay>(
      this.db,
      `SELECT c.day, c.kind, c.note, o.display_name AS operatorName
         FROM dorm_calendar c JOIN operators o ON o.id = c.operator_id
        WHERE c.day BETWEEN ? AND ? ORDER BY c.day`,
    ).all(from, to);
  }

  /** Marks a day (or, kind null, lets it follow the week again). */
  setDay(day: string, kind: CalendarDayKind | null, note: string, operatorId: number, at: string) {
    if (kind === null) {
      prepared(this.db, 'DELETE FROM dorm_calendar WHERE day = ?').run(day);
      return;
    }
    prepared(
      this.db,
      `INSERT INTO dorm_calendar (day, kind, note, operator_id, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note,
         operator_id = excluded.operator_id, created_at = excluded.created_at`,
    ).run(day, kind, note, operatorId, at);
  }

  kindOn(day: string): CalendarDayKind | null {
    return (
      prepared<{ kind: CalendarDayKind }>(
        this.db,
        'SELECT kind FROM dorm_calendar WHERE day = ?',
      ).get(day)?.kind ?? null
    );
  }

  /** The office set this time control on the circuit, and the circuit holds `applied` now. */
  keep(meterId: number, timeControl: TimeControl, applied: TimeControlMode, at: string): void {
    prepared(
      this.db,
      `INSERT INTO circuit_time_control (meter_id, time_control, applied_mode, updated_at)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (meter_id) DO UPDATE SET time_control = excluded.time_control,
         applied_mode = excluded.applied_mode, failed_at = NULL, updated_at = excluded.updated_at`,
    ).run(meterId, JSON.stringify(timeControl), applied, at);
  }

  /** The calendar switched the circuit's mode for the day. */
  applied(meterId: number, mode: TimeControlMode, at: string): void {
    prepared(
      this.db,
      `UPDATE circuit_time_control SET applied_mode = ?, failed_at = NULL, updated_at = ?
        WHERE meter_id = ?`,
    ).run(mode, at, meterId);
  }

  failed(meterId: number, at: string): void {
    prepared(this.db, 'UPDATE circuit_time_control SET failed_at = ? WHERE meter_id = ?').run(
      at,
      meterId,
    );
  }

  /**
   * The circuits in service whose mode today should differ from what they hold: those set to
   * 'auto' take the holiday table on a holiday and the weekday table on a make-up working day,
   * 'auto' again otherwise; a circuit whose switch failed lately is left for a while.
   */
  toSwitch(day: string, now: Date): CircuitToSwitch[] {
    const kind = this.kindOn(day);
    const rows = prepared<{
      meter_id: number;
      time_control: string;
      applied_mode: TimeControlMode;
    }>(
      this.db,
      `SELECT t.meter_id, t.time_control, t.applied_mode
         FROM circuit_time_control t JOIN meters m ON m.id = t.meter_id
        WHERE m.state = 'in_service' AND (t.failed_at IS NULL OR t.failed_at < ?)
        ORDER BY t.meter_id`,
    ).all(new Date(now.getTime() - RETRY_AFTER_MS).toISOString());
    return rows.flatMap((r) => {
      const timeControl = JSON.parse(r.time_control) as TimeControl;
      const mode: TimeControlMode =
        timeControl.mode !== 'auto'
          ? timeControl.mode
          : kind === 'holiday'
            ? 'holiday'
            : kind === 'workday'
              ? 'weekday'
              : 'auto';
      return mode === r.applied_mode ? [] : [{ meterId: r.meter_id, timeControl, mode }];
    });
  }

  /** Circuits in service under time control, with the mode each holds now. */
  underTimeControl(): { meterId: number; timeControl: TimeControl; applied: TimeControlMode }[] {
    return prepared<{ meter_id: number; time_control: string; applied_mode: TimeControlMode }>(
      this.db,
      `SELECT t.meter_id, t.time_control, t.applied_mode
         FROM circuit_time_control t JOIN meters m ON m.id = t.meter_id
        WHERE m.state = 'in_service' AND t.applied_mode <> 'off' ORDER BY t.meter_id`,
    )
      .all()
      .map((r) => ({
        meterId: r.meter_id,
        timeControl: JSON.parse(r.time_control) as TimeControl,
        applied: r.applied_mode,
      }));
  }
}
