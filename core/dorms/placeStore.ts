// The SQL of the campus's places: campuses, buildings, rooms and the box circuits feeding them.
import type {
  BuildingSummary,
  CampusView,
  CircuitChoice,
  CircuitPurpose,
  RoomView,
} from '../../shared/api/dorms';
import type { AccountState } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';

export interface BuildingRecord {
  id: number;
  campusId: number;
  campusName: string;
  name: string;
}

interface RoomRow {
  id: number;
  building_id: number;
  floor: number;
  room_no: string;
  beds: number;
  customer_id: number;
  customer_no: string;
  customer_name: string;
  students: number;
}

interface CircuitRow {
  room_id: number;
  purpose: CircuitPurpose;
  meter_id: number;
  meter_no: string;
  circuit: number;
  account_id: number | null;
  account_no: string | null;
  account_state: AccountState | null;
  meter_remaining_fen: number | null;
  used_today: number | null;
}

/** The rooms (as `r`) a dorm batch's choice names: a building's, on floors or by id. */
const CHOSEN_ROOMS = `r.building_id = @building
  AND (@floorFrom IS NULL OR r.floor >= @floorFrom)
  AND (@floorTo IS NULL OR r.floor <= @floorTo)
  AND (@anyRoom = 1 OR r.id IN (SELECT value FROM json_each(@rooms)))`;

const chosenParams = (choice: CircuitChoice) => ({
  building: choice.buildingId,
  floorFrom: choice.floorFrom ?? null,
  floorTo: choice.floorTo ?? null,
  anyRoom: (choice.roomIds ?? []).length === 0 ? 1 : 0,
  rooms: JSON.stringify(choice.roomIds ?? []),
});

export class PlaceStore {
  constructor(readonly db: Db) {}

  campusByName(name: string): { id: number } | undefined {
    return prepared<{ id: number }>(this.db, 'SELECT id FROM campuses WHERE name = ?').get(name);
  }

  campusExists(id: number): boolean {
    return prepared(this.db, 'SELECT 1 FROM campuses WHERE id = ?').get(id) !== undefined;
  }

  insertCampus(name: string, at: string): number {
    const { lastInsertRowid } = prepared(
      this.db,
      'INSERT INTO campuses (name, created_at) VALUES (?, ?)',
    ).run(name, at);
    return Number(lastInsertRowid);
  }

  building(id: number): BuildingRecord | undefined {
    return prepared<BuildingRecord>(
      this.db,
      `SELECT b.id, b.campus_id AS campusId, c.name AS campusName, b.name
         FROM buildings b JOIN campuses c ON c.id = b.campus_id WHERE b.id = ?`,
    ).get(id);
  }

  buildingNamed(campusId: number, name: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM buildings WHERE campus_id = ? AND name = ?').get(
        campusId,
        name,
      ) !== undefined
    );
  }

  insertBuilding(campusId: number, name: string, at: string): number {
    const { lastInsertRowid } = prepared(
      this.db,
      'INSERT INTO buildings (campus_id, name, created_at) VALUES (?, ?, ?)',
    ).run(campusId, name, at);
    return Number(lastInsertRowid);
  }

  /** Every campus, its buildings in the order they were added, their rooms counted. */
  tree(): CampusView[] {
    const campuses = prepared<{ id: number; name: string }>(
      this.db,
      'SELECT id, name FROM campuses ORDER BY id',
    ).all();
    const buildings = prepared<{
      id: number;
      campus_id: number;
      name: string;
      rooms: number;
      floors: string | null;
    }>(
      this.db,
      `SELECT b.id, b.campus_id, b.name, count(r.id) AS rooms,
              (SELECT json_group_array(floor) FROM
                 (SELECT DISTINCT floor FROM rooms WHERE building_id = b.id ORDER BY floor)) AS floors
         FROM buildings b LEFT JOIN rooms r ON r.building_id = b.id
        GROUP BY b.id ORDER BY b.id`,
    ).all();
    return campuses.map((campus) => ({
      ...campus,
      buildings: buildings
        .filter((b) => b.campus_id === campus.id)
        .map((b): BuildingSummary => ({
          id: b.id,
          name: b.name,
          rooms: b.rooms,
          floors: JSON.parse(b.floors ?? '[]') as number[],
        })),
    }));
  }

  roomNumbered(buildingId: number, roomNo: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM rooms WHERE building_id = ? AND room_no = ?').get(
        buildingId,
        roomNo,
      ) !== undefined
    );
  }

  insertRoom(
    room: { buildingId: number; floor: number; roomNo: string; beds: number; customerId: number },
    at: string,
  ): number {
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO rooms (building_id, floor, room_no, beds, customer_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(room.buildingId, room.floor, room.roomNo, room.beds, room.customerId, at);
    return Number(lastInsertRowid);
  }

  feed(roomId: number, meterId: number, purpose: CircuitPurpose): void {
    prepared(
      this.db,
      'INSERT INTO room_circuits (room_id, meter_id, purpose) VALUES (?, ?, ?)',
    ).run(roomId, meterId, purpose);
  }

  /**
   * The circuits (meter ids) a dorm batch works on: the building's rooms on the floors or of the
   * ids given, the circuits of one purpose or all, in floor, room and purpose order.
   */
  chosenCircuits(choice: CircuitChoice): number[] {
    return prepared<{ meter_id: number }>(
      this.db,
      `SELECT rc.meter_id FROM rooms r JOIN room_circuits rc ON rc.room_id = r.id
        WHERE ${CHOSEN_ROOMS} AND (@purpose IS NULL OR rc.purpose = @purpose)
        ORDER BY r.floor, length(r.room_no), r.room_no, rc.purpose`,
    )
      .all({ ...chosenParams(choice), purpose: choice.purpose ?? null })
      .map((r) => r.meter_id);
  }

  /** The rooms (ids) a dorm batch's choice names: the same rooms `chosenCircuits` reads. */
  chosenRooms(choice: CircuitChoice): number[] {
    return prepared<{ id: number }>(this.db, `SELECT r.id FROM rooms r WHERE ${CHOSEN_ROOMS}`)
      .all(chosenParams(choice))
      .map((r) => r.id);
  }

  /** A room with its building's id, or undefined. */
  room(roomId: number): RoomView | undefined {
    const row = prepared<{ building_id: number; floor: number }>(
      this.db,
      'SELECT building_id, floor FROM rooms WHERE id = ?',
    ).get(roomId);
    return row && this.rooms(row.building_id, row.floor).find((r) => r.id === roomId);
  }

  /**
   * A building's rooms (one floor's, if asked) in floor and number order, each circuit with the
   * account open on it, if any, and its use since `dayStart` (an instant; none without it).
   */
  rooms(buildingId: number, floor?: number, dayStart?: string): RoomView[] {
    const rows = prepared<RoomRow>(
      this.db,
      `SELECT r.id, r.building_id, r.floor, r.room_no, r.beds, r.customer_id,
              c.customer_no, c.name AS customer_name,
              (SELECT count(*) FROM room_students s
                WHERE s.room_id = r.id AND s.moved_out_at IS NULL) AS students
         FROM rooms r JOIN customers c ON c.id = r.customer_id
        WHERE r.building_id = @building AND (@floor IS NULL OR r.floor = @floor)
        ORDER BY r.floor, length(r.room_no), r.room_no`,
    ).all({ building: buildingId, floor: floor ?? null });
    const circuits = prepared<CircuitRow>(
      this.db,
      `SELECT rc.room_id, rc.purpose, m.id AS meter_id, m.meter_no, m.circuit,
              a.id AS account_id, a.account_no, a.state AS account_state, a.meter_remaining_fen,
              (SELECT max(g.energy) FROM meter_readings g
                WHERE g.meter_id = m.id AND g.read_at >= @dayStart)
              - coalesce(
                  (SELECT g.energy FROM meter_readings g
                    WHERE g.meter_id = m.id AND g.read_at < @dayStart AND g.energy IS NOT NULL
                    ORDER BY g.read_at DESC LIMIT 1),
                  (SELECT min(g.energy) FROM meter_readings g
                    WHERE g.meter_id = m.id AND g.read_at >= @dayStart)) AS used_today
         FROM rooms r
         JOIN room_circuits rc ON rc.room_id = r.id
         JOIN meters m ON m.id = rc.meter_id
         LEFT JOIN accounts a ON a.meter_id = m.id AND a.state <> 'closed'
        WHERE r.building_id = @building AND (@floor IS NULL OR r.floor = @floor)
        ORDER BY rc.room_id, m.circuit`,
    ).all({ building: buildingId, floor: floor ?? null, dayStart: dayStart ?? null });
    const byRoom = new Map<number, CircuitRow[]>();
    for (const c of circuits) byRoom.set(c.room_id, [...(byRoom.get(c.room_id) ?? []), c]);
    return rows.map((r) => ({
      id: r.id,
      buildingId: r.building_id,
      floor: r.floor,
      roomNo: r.room_no,
      beds: r.beds,
      customerId: r.customer_id,
      customerNo: r.customer_no,
      name: r.customer_name,
      students: r.students,
      circuits: (byRoom.get(r.id) ?? []).map((c) => ({
        purpose: c.purpose,
        meterId: c.meter_id,
        meterNo: c.meter_no,
        circuit: c.circuit,
        accountId: c.account_id,
        accountNo: c.account_no,
        accountState: c.account_state,
        meterRemainingFen: c.meter_remaining_fen,
        usedToday: c.used_today,
      })),
    }));
  }
}
