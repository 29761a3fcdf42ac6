// 集体开户 from the installer's sheet: one row per circuit — floor, room, beds, the box's number,
// the circuit on it and what it feeds (整间 / 照明 / 插座 / 空调). Rows of one room make the room.
// Every row is checked against the books and the other rows first; one bad row and nothing is
// opened, the office gets what to fix, row by row (as 批量开户 of shops does).
import type { CircuitPurpose } from '../../shared/api/dorms';
import { MAX_FLOOR } from '../../shared/api/dorms';
import type { ImportRowError } from '../../shared/api/ledgerTypes';
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { isCleanText } from '../../shared/api/text';
import { assertRowCount, headedRows, sheetWord, type Cell } from '../import/sheet';
import type { DormRooms, PlannedRoom } from './dormRooms';
import type { BuildingRecord, PlaceStore } from './placeStore';
import type { MeterStore } from '../ledger/meterStore';

export const MAX_ROOM_ROWS = 5_000;

/** The columns, under the headers the office may use for them (Chinese or English). */
export const ROOM_COLUMNS = {
  floor: ['楼层', 'floor'],
  roomNo: ['房号', '房间', '房间号', 'room', 'room no'],
  beds: ['床位', '床位数', 'beds'],
  boxNo: ['计量箱表号', '计量箱', '箱号', 'box', 'box no'],
  circuit: ['回路', '回路号', 'circuit'],
  purpose: ['用途', '回路用途', 'purpose'],
} as const;
export type RoomColumn = keyof typeof ROOM_COLUMNS;

/** The template's header row, in column order. */
export const ROOM_TEMPLATE_HEADERS: Record<RoomColumn, string> = Object.fromEntries(
  Object.entries(ROOM_COLUMNS).map(([k, names]) => [k, names[0]]),
) as Record<RoomColumn, string>;

/** What a purpose cell may say; an empty cell is the whole room. */
const PURPOSE_WORDS: Record<string, CircuitPurpose> = {
  整间: 'all',
  全部: 'all',
  all: 'all',
  照明: 'lighting',
  lighting: 'lighting',
  插座: 'sockets',
  sockets: 'sockets',
  空调: 'aircon',
  aircon: 'aircon',
  'air conditioning': 'aircon',
};

const ROOM_NO = /^[0-9A-Za-z-]{1,10}$/;
const BOX_NO = /^\d{12}$/;

export interface CheckedRooms {
  rooms: PlannedRoom[];
  circuits: number;
  rows: number;
  errors: ImportRowError[];
}

export class RoomImport {
  constructor(
    private readonly deps: { dorms: DormRooms; places: PlaceStore; meters: MeterStore },
  ) {}

  /** Checks every row against the building, the boxes and the other rows; nothing is written. */
  check(sheet: Cell[][], building: BuildingRecord): CheckedRooms {
    const errors: ImportRowError[] = [];
    const fail = (row: number, field: RoomColumn | null, code: ErrorCode, params?: ErrorParams) =>
      errors.push({ row, field, error: { code, ...(params && { params }) } });

    const { columns, body } = headedRows(sheet, ROOM_COLUMNS);
    const missing = (['floor', 'roomNo', 'boxNo', 'circuit'] as const).find((c) => !columns.has(c));
    if (missing)
      throw new AppError('DORM_SHEET_COLUMNS', { column: ROOM_TEMPLATE_HEADERS[missing] });
    assertRowCount(body, MAX_ROOM_ROWS);

    const rooms = new Map<string, PlannedRoom & { row: number }>();
    const seenCircuits = new Map<string, number>();
    for (const { cells, row } of body) {
      const text = (column: RoomColumn): string => {
        const index = columns.get(column);
        const cell = index === undefined ? null : (cells[index] ?? null);
        const raw = cell === null ? '' : String(cell).trim();
        if (!isCleanText(raw, false)) {
          fail(row, column, 'IMPORT_TEXT_CHARACTERS');
          return '';
        }
        return raw.normalize('NFC');
      };
      const integer = (column: RoomColumn, min: number, max: number, fallback?: number) => {
        const value = text(column);
        if (value === '' && fallback !== undefined) return fallback;
        if (value === '') return (fail(row, column, 'IMPORT_FIELD_REQUIRED'), null);
        const n = Number(value);
        if (!Number.isInteger(n) || n < min || n > max)
          return (fail(row, column, 'IMPORT_FIELD_INVALID', { value }), null);
        return n;
      };
      const before = errors.length;
      const floor = integer('floor', -9, MAX_FLOOR);
      const roomNo = text('roomNo');
      if (roomNo === '') fail(row, 'roomNo', 'IMPORT_FIELD_REQUIRED');
      else if (!ROOM_NO.test(roomNo))
        fail(row, 'roomNo', 'IMPORT_FIELD_INVALID', { value: roomNo });
      else if (this.deps.places.roomNumbered(building.id, roomNo))
        fail(row, 'roomNo', 'DORM_ROOM_TAKEN', { building: building.name, roomNo });
      const beds = integer('beds', 0, 24, 4);
      // Excel keeps a number typed in a cell as a number: the box number's zeros come back.
      const boxText = text('boxNo');
      const boxNo = /^\d{1,12}$/.test(boxText) ? boxText.padStart(12, '0') : boxText;
      if (boxNo === '') fail(row, 'boxNo', 'IMPORT_FIELD_REQUIRED');
      else if (!BOX_NO.test(boxNo)) fail(row, 'boxNo', 'IMPORT_FIELD_INVALID', { value: boxNo });
      const circuit = integer('circuit', 1, 36);
      const purposeText = text('purpose');
      const purpose = purposeText === '' ? 'all' : PURPOSE_WORDS[sheetWord(purposeText)];
      if (!purpose) fail(row, 'purpose', 'IMPORT_FIELD_INVALID', { value: purposeText });
      if (errors.length > before || floor === null || circuit === null || !purpose) continue;

      const wholeMeter = this.deps.meters.byNumber(boxNo, 0);
      if (wholeMeter) {
        fail(row, 'boxNo', 'DORM_BOX_NOT_A_BOX', { meterNo: boxNo, model: wholeMeter.model });
        continue;
      }
      const key = `${boxNo}-${circuit}`;
      const other = seenCircuits.get(key);
      if (other !== undefined) {
        fail(row, 'circuit', 'IMPORT_DUPLICATE', { value: key, other });
        continue;
      }
      seenCircuits.set(key, row);
      const free = this.deps.dorms.circuit(boxNo, circuit);
      if (!free) {
        fail(row, 'circuit', 'DORM_CIRCUIT_TAKEN', { meterNo: boxNo, circuit });
        continue;
      }
      const room = rooms.get(roomNo);
      if (!room) {
        rooms.set(roomNo, {
          row,
          floor,
          roomNo,
          beds: beds ?? 4,
          circuits: [{ ...free, purpose }],
        });
        continue;
      }
      // The room's other rows must agree with its first, and feed it one way each.
      if (room.floor !== floor)
        fail(row, 'floor', 'DORM_ROOM_ROWS_DISAGREE', { roomNo, row: room.row });
      else if (room.circuits.some((c) => c.purpose === purpose))
        fail(row, 'purpose', 'IMPORT_DUPLICATE', { value: purposeText || '整间', other: room.row });
      else if (purpose === 'all' || room.circuits.some((c) => c.purpose === 'all'))
        fail(row, 'purpose', 'DORM_WHOLE_ROOM_ALONE', { roomNo });
      else room.circuits.push({ ...free, purpose });
    }
    const planned = [...rooms.values()].map(({ row: _, ...room }) => room);
    return {
      rooms: planned,
      circuits: planned.reduce((n, r) => n + r.circuits.length, 0),
      rows: body.length,
      errors,
    };
  }
}
