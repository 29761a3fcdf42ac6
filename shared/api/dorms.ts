// Dorms (宿舍, ACREL-3200): the campus's places — campus, building, the rooms on each floor — and
// 集体开户, a building's rooms opened at once on the circuits of its multi-user boxes.
import { z } from 'zod';
import type { AccountState, ImportRowError, OfficeFile } from './ledgerTypes';
import type { ApiError } from '../errors';
import { id, meterNoSchema } from './fields';
import { method } from './method';
import { freeText } from './text';
import { rule } from './fieldIssues';
import { boxControlsSchema, FORCED_MODES, type BoxControls, type ForcedMode } from './boxControls';
import type { BatchView } from './meterLink';
import { PAYMENT_METHODS } from './ledgerTypes';

/** The purposes a box circuit may serve in a room; 'all' when one circuit feeds the whole room. */
export const CIRCUIT_PURPOSES = ['all', 'lighting', 'sockets', 'aircon'] as const;
export type CircuitPurpose = (typeof CIRCUIT_PURPOSES)[number];

/** Circuits an ADF300 box has (public: Acrel's brochure, 12 / 24 / 36 single-phase users). */
export const BOX_CIRCUITS = [12, 24, 36] as const;

/** Rooms numbered floor by floor: floor 3, room 7 is "307"; at most 99 rooms a floor. */
export const MAX_ROOMS_PER_FLOOR = 99;
export const MAX_FLOOR = 199;

export interface BuildingSummary {
  id: number;
  name: string;
  rooms: number;
  floors: number[];
}

export interface CampusView {
  id: number;
  name: string;
  buildings: BuildingSummary[];
}

export interface RoomCircuitView {
  purpose: CircuitPurpose;
  meterId: number;
  meterNo: string;
  circuit: number;
  accountId: number | null;
  accountNo: string | null;
  accountState: AccountState | null;
  /** What the circuit last showed of its credit (fen), null until it has been read. */
  meterRemainingFen: number | null;
  /**
   * Energy used since the office day began (0.01 kWh), from the line's readings: the latest today
   * less the last before today (or the first today); null without a reading today.
   */
  usedToday: number | null;
}

/** A student living in a room. */
export interface StudentView {
  id: number;
  roomId: number;
  name: string;
  studentNo: string;
  phone: string;
  bed: number | null;
  movedInAt: string;
}

export interface RoomView {
  id: number;
  buildingId: number;
  floor: number;
  roomNo: string;
  beds: number;
  customerId: number;
  customerNo: string;
  /** How receipts and search name the room: building and room ("3号楼-307"). */
  name: string;
  /** The students living there now. */
  students: number;
  circuits: RoomCircuitView[];
}

/** A day of the campus calendar that does not follow the week. */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  day: string;
  /** `holiday`: the holiday table though a weekday; `workday`: the weekday table though a weekend. */
  kind: CalendarDayKind;
  note: string;
  operatorName: string;
}

/** One floor of a building's report; money in fen. */
export interface DormReportFloor {
  floor: number;
  rooms: number;
  salesFen: number;
  salesCount: number;
  reversalsFen: number;
  refundsFen: number;
  /** The monthly free allowance the office gave (grants, not money taken). */
  allowanceFen: number;
  allowanceCount: number;
  /** What the boxes cut: forbidden loads, and loads over the power limit. */
  malignantLoads: number;
  overPowers: number;
}

/** A dorm building's figures over a period, by floor and in all. */
export interface DormReport {
  buildingId: number;
  name: string;
  from: string;
  to: string;
  floors: DormReportFloor[];
  totals: Omit<DormReportFloor, 'floor'>;
}

/** 集体开户 from a sheet: all rooms opened, or none and the list of what to fix. */
export interface RoomImportResult {
  /** Checked only, nothing written. */
  dryRun: boolean;
  rows: number;
  imported: boolean;
  counts: { rooms: number; circuits: number };
  errors: ImportRowError[];
}

export interface RoomsOpened {
  opened: number;
  rooms: RoomView[];
}

const placeName = freeText(40, { min: 1 });
/** A calendar day, "YYYY-MM-DD", that exists (no 30 February). */
const officeDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, rule('office_date'))
  .refine((day) => {
    const time = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 10) === day;
  }, rule('office_date'));

/** 集体开户's plan: which floors, how many rooms a floor from which number, the tariff, the boxes. */
const roomPlan = z
  .object({
    buildingId: id,
    floorFrom: z.number().int().min(1).max(MAX_FLOOR),
    floorTo: z.number().int().min(1).max(MAX_FLOOR),
    roomsPerFloor: z.number().int().min(1).max(MAX_ROOMS_PER_FLOOR),
    firstRoom: z.number().int().min(1).max(MAX_ROOMS_PER_FLOOR).default(1),
    beds: z.number().int().min(0).max(24).default(4),
    /**
     * The circuits each room takes, one per purpose, each an account: `['all']` (one circuit
     * feeds the room), or lighting / sockets / air conditioning when each has a time table.
     */
    purposes: z
      .array(z.enum(CIRCUIT_PURPOSES))
      .min(1)
      .max(3)
      .refine((ps) => new Set(ps).size === ps.length, rule('no_repeats'))
      .refine((ps) => ps.length === 1 || !ps.includes('all'), rule('all_alone'))
      .default(['all']),
    tariffId: id,
    boxes: z
      .array(
        z
          .object({
            meterNo: meterNoSchema,
            circuits: z.union([z.literal(12), z.literal(24), z.literal(36)]),
            /**
             * A box on Modbus-RTU: its station number, circuit 1's (each next circuit one on, as
             * the ADF400L's manual numbers a box's users); none for a box on DL/T 645.
             */
            modbusUnit: z.number().int().min(1).max(247).optional(),
          })
          .strict()
          .refine(
            (box) => box.modbusUnit === undefined || box.modbusUnit + box.circuits - 1 <= 247,
            rule('box_stations'),
          ),
      )
      .min(1)
      .max(100),
  })
  .strict();
/** The plan as the office hands it over, defaults filled in. */
export type RoomPlan = z.output<typeof roomPlan>;

/**
 * Which circuits a dorm batch works on: a building's rooms (some floors, or given rooms), and of
 * them the circuits of one purpose (lighting, say) or, none given, every circuit.
 */
const circuitChoice = {
  buildingId: id,
  floorFrom: z.number().int().min(-9).max(MAX_FLOOR).optional(),
  floorTo: z.number().int().min(-9).max(MAX_FLOOR).optional(),
  roomIds: z.array(id).min(1).max(2_000).optional(),
  purpose: z.enum(CIRCUIT_PURPOSES).optional(),
};
export type CircuitChoice = {
  buildingId: number;
  floorFrom?: number;
  floorTo?: number;
  roomIds?: number[];
  purpose?: CircuitPurpose;
};

/** One circuit of a room with the controls its box holds, read live. */
export interface CircuitControlsView {
  purpose: CircuitPurpose;
  meterId: number;
  meterNo: string;
  circuit: number;
  controls: Required<BoxControls> | null;
  forced: ForcedMode | null;
  /** Whether the circuit has power now (its relay), as read with the controls. */
  relay: 'open' | 'closed' | null;
  /** Why it could not be read, as a coded error the screen translates. */
  error: ApiError | null;
}

export const dormMethods = {
  /** Every campus with its buildings, their rooms counted and floors listed. */
  'dorms.tree': method<CampusView[]>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['dorms'],
  }),
  'dorms.createCampus': method<CampusView>()({
    input: z.object({ name: placeName }).strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['dorms'],
  }),
  'dorms.createBuilding': method<BuildingSummary>()({
    input: z.object({ campusId: id, name: placeName }).strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['dorms'],
  }),
  /** A building's rooms, floor by floor, each with its circuits and their accounts. */
  'dorms.rooms': method<RoomView[]>()({
    input: z
      .object({
        buildingId: id,
        floor: z.number().int().min(-9).max(MAX_FLOOR).optional(),
      })
      .strict(),
    access: 'signedIn',
    mutating: false,
    data: ['dorms', 'accounts'],
  }),
  /**
   * 集体开户: rooms floor by floor (`roomsPerFloor` on each floor from `floorFrom` to `floorTo`),
   * each a customer with one account on the next free circuit of the boxes listed, all at the
   * tariff given; all opened in one transaction, or none.
   */
  'dorms.openRooms': method<RoomsOpened>()({
    input: roomPlan,
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['dorms', 'customers', 'accounts', 'meters'],
  }),
  /**
   * The chosen circuits' box controls (time tables, power limit, malignant loads) pushed as a
   * batch: each written and read back, with progress, cancel and retry (`batch.*`).
   */
  'dorms.pushControls': method<BatchView>()({
    input: z
      .object({
        ...circuitChoice,
        controls: boxControlsSchema,
        reason: freeText(200, { min: 1 }),
      })
      .strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['batches'],
  }),
  /** 强制控制 of the chosen circuits (one room, a floor, a building), as a batch. */
  'dorms.force': method<BatchView>()({
    input: z
      .object({ ...circuitChoice, mode: z.enum(FORCED_MODES), reason: freeText(200, { min: 1 }) })
      .strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['batches'],
  }),
  /** What a room's circuits hold of their controls, read from the box now. */
  'dorms.controls': method<CircuitControlsView[]>()({
    input: z.object({ roomId: id }).strict(),
    access: 'meters.read',
    mutating: false,
  }),
  /**
   * 集体开户 from the installer's sheet (.xlsx / .csv, one row per circuit: floor, room, beds, box,
   * circuit, purpose), all at the tariff given: every row checked first, all opened or none.
   */
  'dorms.importRooms': method<RoomImportResult>()({
    input: z
      .object({
        buildingId: id,
        tariffId: id,
        fileName: z.string().trim().min(1).max(200),
        base64: z.string().min(1).max(14_000_000),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['dorms', 'customers', 'accounts', 'meters'],
  }),
  /** The room sheet's template (.xlsx): the headers and two example rooms. */
  'dorms.roomsTemplate': method<OfficeFile>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
  }),
  /** The campus calendar's marked days between two office days. */
  'dorms.calendar': method<CalendarDay[]>()({
    input: z.object({ from: officeDate, to: officeDate }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['dorms'],
  }),
  /**
   * Marks a day a holiday or a make-up working day (kind null: it follows the week again). The
   * circuits in 'auto' time control are switched on the day itself, by the minute's timer.
   */
  'dorms.setCalendarDay': method<CalendarDay[]>()({
    input: z
      .object({
        day: officeDate,
        kind: z.enum(CALENDAR_DAY_KINDS).nullable(),
        note: freeText(60).default(''),
      })
      .strict(),
    access: 'meters.batch',
    mutating: true,
    data: ['dorms'],
  }),
  /**
   * A building's report by floor over office days from..to (a day, a month, a year): its rooms'
   * sales, reversals and refunds, the free allowance given, the boxes' trips.
   */
  'dorms.report': method<DormReport>()({
    input: z
      .object({ buildingId: id, from: officeDate, to: officeDate })
      .strict()
      .refine((r) => r.from <= r.to, rule('period_forward')),
    access: 'reports',
    mutating: false,
    data: ['dorms', 'sales'],
  }),
  /**
   * 退宿: the chosen rooms' accounts closed, one circuit after another as a batch: the circuit
   * read, what is left taken off the box and paid back (as 销户 does); a circuit that does not
   * answer closes holding its credit until it does. The rooms stay, vacant, for next year.
   */
  'dorms.moveOut': method<BatchView>()({
    input: z
      .object({
        ...circuitChoice,
        reason: freeText(200, { min: 2 }),
        paymentMethod: z.enum(PAYMENT_METHODS).default('cash'),
      })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['batches', 'dorms', 'accounts'],
  }),
  /** 开户 again in vacant rooms (a new year's students): new accounts on their circuits. */
  'dorms.reopenRooms': method<RoomsOpened>()({
    input: z
      .object({ buildingId: id, roomIds: z.array(id).min(1).max(2_000), tariffId: id })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['dorms', 'accounts'],
  }),
  /** The students living in a room now. */
  'dorms.students': method<StudentView[]>()({
    input: z.object({ roomId: id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['dorms'],
  }),
  /** A student moves into a room (a bed, if given); returns the room's students. */
  'dorms.moveIn': method<StudentView[]>()({
    input: z
      .object({
        roomId: id,
        name: freeText(40, { min: 1 }),
        studentNo: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z-]{1,20}$/, rule('code_chars')),
        phone: z
          .string()
          .trim()
          .max(20)
          .regex(/^[0-9 -]*$/, rule('phone_digits'))
          .default(''),
        bed: z.number().int().min(1).max(24).optional(),
      })
      .strict(),
    access: 'accounts.open',
    mutating: true,
    data: ['dorms'],
  }),
  /** A student moves out of the room (the room's accounts stay); returns the room's students. */
  'dorms.moveOutStudent': method<StudentView[]>()({
    input: z.object({ studentId: id }).strict(),
    access: 'accounts.open',
    mutating: true,
    data: ['dorms'],
  }),
};
