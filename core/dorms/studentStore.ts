// The SQL of the students living in dorm rooms: who lives where now, moving in and moving out.
import type { StudentView } from '../../shared/api/dorms';
import { prepared, type Db } from '../db/open';

export class StudentStore {
  constructor(private readonly db: Db) {}

  /** The students living in a room now, by bed then name. */
  living(roomId: number): StudentView[] {
    return prepared<StudentView>(
      this.db,
      `SELECT id, room_id AS roomId, name, student_no AS studentNo, phone, bed,
              moved_in_at AS movedInAt
         FROM room_students WHERE room_id = ? AND moved_out_at IS NULL
        ORDER BY bed IS NULL, bed, name`,
    ).all(roomId);
  }

  /** Where a student lives now, if anywhere. */
  livingAs(studentNo: string): { id: number; roomId: number } | undefined {
    return prepared<{ id: number; roomId: number }>(
      this.db,
      'SELECT id, room_id AS roomId FROM room_students WHERE student_no = ? AND moved_out_at IS NULL',
    ).get(studentNo);
  }

  /** The room a student living now lives in. */
  roomOf(studentId: number): number | undefined {
    return prepared<{ room_id: number }>(
      this.db,
      'SELECT room_id FROM room_students WHERE id = ? AND moved_out_at IS NULL',
    ).get(studentId)?.room_id;
  }

  bedTaken(roomId: number, bed: number): boolean {
    return (
      prepared(
        this.db,
        'SELECT 1 FROM room_students WHERE room_id = ? AND bed = ? AND moved_out_at IS NULL',
      ).get(roomId, bed) !== undefined
    );
  }

  moveIn(
    s: { roomId: number; name: string; studentNo: string; phone: string; bed: number | null },
    at: string,
  ): number {
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO room_students (room_id, name, student_no, phone, bed, moved_in_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(s.roomId, s.name, s.studentNo, s.phone, s.bed, at);
    return Number(lastInsertRowid);
  }

  /** One student moved out; false when not living anywhere. */
  moveOut(studentId: number, at: string): boolean {
    return (
      prepared(
        this.db,
        'UPDATE room_students SET moved_out_at = ? WHERE id = ? AND moved_out_at IS NULL',
      ).run(at, studentId).changes === 1
    );
  }

  /** Everyone in these rooms moved out (退宿); how many. */
  moveOutOfRooms(roomIds: readonly number[], at: string): number {
    return prepared(
      this.db,
      `UPDATE room_students SET moved_out_at = ?
        WHERE moved_out_at IS NULL AND room_id IN (SELECT value FROM json_each(?))`,
    ).run(at, JSON.stringify(roomIds)).changes;
  }

  /** How many live in each of a building's rooms now. */
  countsIn(buildingId: number): Map<number, number> {
    const rows = prepared<{ room_id: number; n: number }>(
      this.db,
      `SELECT s.room_id, count(*) AS n FROM room_students s JOIN rooms r ON r.id = s.room_id
        WHERE r.building_id = ? AND s.moved_out_at IS NULL GROUP BY s.room_id`,
    ).all(buildingId);
    return new Map(rows.map((r) => [r.room_id, r.n]));
  }
}
