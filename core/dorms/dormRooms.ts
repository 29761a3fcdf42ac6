// 集体开户 at the start of a year: a building's rooms opened floor by floor, each room a customer
// (the paying party) with one account on the next free circuit of the building's multi-user
// boxes. Every room is checked first; all open in one transaction, or none with the reason.
import type {
  BuildingSummary,
  CampusView,
  CalendarDay,
  CalendarDayKind,
  DormReport,
  StudentView,
  CircuitChoice,
  CircuitPurpose,
  RoomPlan,
  RoomsOpened,
  RoomView,
} from '../../shared/api/dorms';
import { MAX_ROOMS_PER_FLOOR } from '../../shared/api/dorms';
import type { MeterView } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { officeDay, officeDayRange } from '../../shared/officeTime';
import type { AccountStore } from '../ledger/accountStore';
import type { CustomerStore } from '../ledger/customerStore';
import type { MeterStore } from '../ledger/meterStore';
import type { TariffStore } from '../ledger/tariffStore';
import type { HeldCredits } from '../remote/heldCredit';
import type { Cell } from '../import/sheet';
import type { CalendarStore } from './calendarStore';
import type { StudentStore } from './studentStore';
import { dormReport } from './dormReportStore';
import type { BuildingRecord, PlaceStore } from './placeStore';
import { RoomImport, type CheckedRooms } from './roomImport';

/** A box circuit a room can take: new (to register) or registered and free. */
export type FreeCircuit = {
  meterNo: string;
  circuit: number;
  registered: MeterView | undefined;
  /** For a new circuit of a box on Modbus-RTU: its station (the box's, one on a circuit). */
  modbusUnit?: number;
};

/** A room to open: where it is, and the circuits that feed it, each for a purpose. */
export interface PlannedRoom {
  floor: number;
  roomNo: string;
  beds: number;
  circuits: (FreeCircuit & { purpose: CircuitPurpose })[];
}

export class DormRooms {
  constructor(
    private readonly deps: {
      places: PlaceStore;
      customers: CustomerStore;
      meters: MeterStore;
      accounts: AccountStore;
      tariffs: TariffStore;
      heldCredits: Pick<HeldCredits, 'heldOn'>;
      calendar: CalendarStore;
      students: StudentStore;
    },
  ) {}

  tree(): CampusView[] {
    return this.deps.places.tree();
  }

  /** A building's rooms, each circuit with its use so far on the office day of `now`. */
  rooms(buildingId: number, floor: number | undefined, now: Date): RoomView[] {
    if (!this.deps.places.building(buildingId)) throw new AppError('BUILDING_NOT_FOUND');
    const dayStart = officeDayRange(officeDay(now.toISOString())).from;
    return this.deps.places.rooms(buildingId, floor, dayStart);
  }

  /**
   * The circuits a dorm batch is to work on; refused when the building is unknown, the floors
   * reversed, or nothing is chosen (an empty choice must never become "every meter on the line").
   */
  chosenCircuits(choice: CircuitChoice): number[] {
    const { places } = this.deps;
    if (!places.building(choice.buildingId)) throw new AppError('BUILDING_NOT_FOUND');
    if (
      choice.floorFrom !== undefined &&
      choice.floorTo !== undefined &&
      choice.floorFrom > choice.floorTo
    )
      throw new AppError('DORM_FLOORS_REVERSED', { from: choice.floorFrom, to: choice.floorTo });
    const meterIds = places.chosenCircuits(choice);
    if (meterIds.length === 0) throw new AppError('BATCH_EMPTY');
    return meterIds;
  }

  room(roomId: number): RoomView {
    const room = this.deps.places.room(roomId);
    if (!room) throw new AppError('DORM_ROOM_NOT_FOUND');
    return room;
  }

  /**
   * 开户 again in vacant rooms (after 退宿): an account on each of the room's circuits for the
   * room, as at 集体开户. A room with an open account, or a circuit still holding credit waiting to
   * be refunded, is refused, and then nothing opens. Call inside one unit of work.
   */
  reopenRooms(
    plan: { buildingId: number; roomIds: number[]; tariffId: number },
    operatorId: number,
    now: Date,
  ): RoomsOpened {
    const { places, accounts } = this.deps;
    const building = places.building(plan.buildingId);
    if (!building) throw new AppError('BUILDING_NOT_FOUND');
    const tariffId = this.tariffInForce(plan.tariffId, now);
    const rooms = places.rooms(building.id).filter((room) => plan.roomIds.includes(room.id));
    if (rooms.length !== new Set(plan.roomIds).size) throw new AppError('DORM_ROOM_NOT_FOUND');
    for (const room of rooms)
      for (const c of room.circuits)
        if (!this.circuit(c.meterNo, c.circuit))
          throw new AppError('DORM_ROOM_OCCUPIED', { roomNo: room.roomNo });
    const at = now.toISOString();
    for (const room of rooms)
      for (const c of room.circuits)
        accounts.open(
          { customerId: room.customerId, meterId: c.meterId, tariffId, operatorId },
          at,
        );
    const ids = new Set(rooms.map((room) => room.id));
    return {
      opened: ids.size,
      rooms: places.rooms(building.id).filter((room) => ids.has(room.id)),
    };
  }

  students(roomId: number): StudentView[] {
    this.room(roomId);
    return this.deps.students.living(roomId);
  }

  /** A student moves in; refused when they live in another room, or the bed is taken or beyond. */
  moveIn(
    s: { roomId: number; name: string; studentNo: string; phone: string; bed?: number | undefined },
    at: string,
  ): StudentView[] {
    const { students, places } = this.deps;
    const room = this.room(s.roomId);
    const living = students.livingAs(s.studentNo);
    if (living) {
      const where = places.room(living.roomId);
      throw new AppError('STUDENT_LIVES_ELSEWHERE', {
        studentNo: s.studentNo,
        room: where?.name ?? String(living.roomId),
      });
    }
    if (s.bed !== undefined) {
      if (s.bed > room.beds) throw new AppError('STUDENT_BED_BEYOND', { beds: room.beds });
      if (students.bedTaken(room.id, s.bed))
        throw new AppError('STUDENT_BED_TAKEN', { bed: s.bed });
    }
    students.moveIn({ ...s, bed: s.bed ?? null }, at);
    return students.living(room.id);
  }

  moveOutStudent(studentId: number, at: string): StudentView[] {
    const { students } = this.deps;
    const roomId = students.roomOf(studentId);
    if (roomId === undefined || !students.moveOut(studentId, at))
      throw new AppError('STUDENT_NOT_FOUND');
    return students.living(roomId);
  }

  /** 退宿's people: everyone in the chosen rooms moved out; how many. */
  moveOutStudents(choice: CircuitChoice, at: string): number {
    return this.deps.students.moveOutOfRooms(this.deps.places.chosenRooms(choice), at);
  }

  report(buildingId: number, from: string, to: string): DormReport {
    const building = this.deps.places.building(buildingId);
    if (!building) throw new AppError('BUILDING_NOT_FOUND');
    return dormReport(this.deps.places.db, building, from, to);
  }

  calendar(from: string, to: string): CalendarDay[] {
    return this.deps.calendar.days(from, to);
  }

  /** Marks a day of the campus calendar (kind null: it follows the week); returns its month. */
  setCalendarDay(
    day: { day: string; kind: CalendarDayKind | null; note: string },
    operatorId: number,
    at: string,
  ): CalendarDay[] {
    this.deps.calendar.setDay(day.day, day.kind, day.note, operatorId, at);
    const month = day.day.slice(0, 7);
    return this.deps.calendar.days(`${month}-01`, `${month}-31`);
  }

  createCampus(name: string, at: string): CampusView {
    const { places } = this.deps;
    if (places.campusByName(name)) throw new AppError('CAMPUS_NAME_TAKEN', { name });
    const id = places.insertCampus(name, at);
    return { id, name, buildings: [] };
  }

  createBuilding(campusId: number, name: string, at: string): BuildingSummary {
    const { places } = this.deps;
    if (!places.campusExists(campusId)) throw new AppError('CAMPUS_NOT_FOUND');
    if (places.buildingNamed(campusId, name)) throw new AppError('BUILDING_NAME_TAKEN', { name });
    return { id: places.insertBuilding(campusId, name, at), name, rooms: 0, floors: [] };
  }

  /**
   * 集体开户 from a sheet: the rows checked (nothing written), and, when `open` and no row is
   * wrong, the rooms opened — call that inside one unit of work, so a sale or an account opened
   * meanwhile on another till cannot make it half-apply.
   */
  importRooms(
    sheet: Cell[][],
    target: { buildingId: number; tariffId: number },
    open: { operatorId: number } | null,
    now: Date,
  ): CheckedRooms & { opened: RoomsOpened | null } {
    const { places, meters } = this.deps;
    const building = places.building(target.buildingId);
    if (!building) throw new AppError('BUILDING_NOT_FOUND');
    const tariffId = this.tariffInForce(target.tariffId, now);
    const checked = new RoomImport({ dorms: this, places, meters }).check(sheet, building);
    if (!open || checked.errors.length > 0) return { ...checked, opened: null };
    return {
      ...checked,
      opened: this.open(building, tariffId, checked.rooms, open.operatorId, now),
    };
  }

  private tariffInForce(tariffId: number, now: Date): number {
    const tariff = this.deps.tariffs.get(tariffId, now);
    if (!tariff) throw new AppError('TARIFF_NOT_FOUND');
    if (!tariff.current) throw new AppError('TARIFF_NOT_IN_FORCE', { name: tariff.name });
    return tariff.id;
  }

  /** Opens the plan's rooms; call inside one unit of work (all or none). */
  openRooms(plan: RoomPlan, operatorId: number, now: Date): RoomsOpened {
    const { places } = this.deps;
    const building = places.building(plan.buildingId);
    if (!building) throw new AppError('BUILDING_NOT_FOUND');
    if (plan.floorFrom > plan.floorTo)
      throw new AppError('DORM_FLOORS_REVERSED', { from: plan.floorFrom, to: plan.floorTo });
    if (plan.firstRoom + plan.roomsPerFloor - 1 > MAX_ROOMS_PER_FLOOR)
      throw new AppError('DORM_ROOM_NUMBERS', {
        first: plan.firstRoom,
        count: plan.roomsPerFloor,
        max: MAX_ROOMS_PER_FLOOR,
      });
    const tariffId = this.tariffInForce(plan.tariffId, now);

    const rooms: { floor: number; roomNo: string }[] = [];
    for (let floor = plan.floorFrom; floor <= plan.floorTo; floor += 1)
      for (let n = plan.firstRoom; n < plan.firstRoom + plan.roomsPerFloor; n += 1)
        rooms.push({ floor, roomNo: `${floor}${String(n).padStart(2, '0')}` });
    const taken = rooms.find((room) => places.roomNumbered(building.id, room.roomNo));
    if (taken)
      throw new AppError('DORM_ROOM_TAKEN', { building: building.name, roomNo: taken.roomNo });

    const free = this.freeCircuits(plan.boxes);
    const perRoom = plan.purposes.length;
    if (free.length < rooms.length * perRoom)
      throw new AppError('DORM_CIRCUITS_SHORT', {
        rooms: rooms.length * perRoom,
        free: free.length,
      });

    return this.open(
      building,
      tariffId,
      rooms.map((room, i) => ({
        ...room,
        beds: plan.beds,
        circuits: plan.purposes.map((purpose, j) => ({ ...free[i * perRoom + j]!, purpose })),
      })),
      operatorId,
      now,
    );
  }

  /**
   * Opens rooms already checked: each a customer named after its building, its circuits
   * registered (and installed) where new, an account on each. Call inside one unit of work.
   */
  open(
    building: BuildingRecord,
    tariffId: number,
    rooms: readonly PlannedRoom[],
    operatorId: number,
    now: Date,
  ): RoomsOpened {
    const { places, customers, meters, accounts } = this.deps;
    const at = now.toISOString();
    const opened = rooms.map((room) => {
      const customer = customers.insert(
        customers.nextNumber(),
        {
          name: `${building.name}-${room.roomNo}`,
          shopUnit: room.roomNo,
          floor: String(room.floor),
          area: `${building.campusName} ${building.name}`,
          phone: '',
          notes: '',
        },
        at,
      );
      const roomId = places.insertRoom(
        {
          buildingId: building.id,
          floor: room.floor,
          roomNo: room.roomNo,
          beds: room.beds,
          customerId: customer.id,
        },
        at,
      );
      // One account a circuit (decision 0034).
      for (const { meterNo, circuit, registered, purpose, modbusUnit } of room.circuits) {
        const meter =
          registered ??
          meters.insert(
            {
              meterNo,
              circuit,
              model: 'ADF300',
              ctRatio: 1,
              ...(modbusUnit !== undefined && { protocol: 'modbus' as const, modbusUnit }),
            },
            at,
          );
        if (meter.state === 'in_stock') meters.install(meter.id, at, 0);
        accounts.open({ customerId: customer.id, meterId: meter.id, tariffId, operatorId }, at);
        places.feed(roomId, meter.id, purpose);
      }
      return roomId;
    });
    const ids = new Set(opened);
    return {
      opened: ids.size,
      rooms: places.rooms(building.id).filter((room) => ids.has(room.id)),
    };
  }

  /**
   * The boxes' circuits a new room can take, box by box in the order listed: circuits not yet
   * registered, and registered ones in stock or in service with no open account and no credit
   * held for a refund. A number registered as something other than a box is refused.
   */
  private freeCircuits(boxes: RoomPlan['boxes']): FreeCircuit[] {
    const { meters } = this.deps;
    const free: FreeCircuit[] = [];
    const twice = boxes.find((box, i) => boxes.findIndex((b) => b.meterNo === box.meterNo) !== i);
    if (twice) throw new AppError('DORM_BOX_TWICE', { meterNo: twice.meterNo });
    for (const box of boxes) {
      const whole = meters.byNumber(box.meterNo, 0);
      if (whole)
        throw new AppError('DORM_BOX_NOT_A_BOX', { meterNo: box.meterNo, model: whole.model });
      for (let circuit = 1; circuit <= box.circuits; circuit += 1) {
        const found = this.circuit(box.meterNo, circuit);
        // Stations as the ADF400L's manual numbers a box's users: the box's own, one on a circuit.
        if (found)
          free.push(
            box.modbusUnit === undefined || found.registered
              ? found
              : { ...found, modbusUnit: box.modbusUnit + circuit - 1 },
          );
      }
    }
    return free;
  }

  /**
   * A box circuit if a new room can take it: not registered yet, or registered, in stock or in
   * service, with no open account and no credit held for a refund; undefined otherwise.
   */
  circuit(meterNo: string, circuit: number): FreeCircuit | undefined {
    const { meters, accounts, heldCredits } = this.deps;
    const registered = meters.byNumber(meterNo, circuit);
    const usable =
      !registered ||
      ((registered.state === 'in_stock' || registered.state === 'in_service') &&
        !accounts.openOnMeter(registered.id) &&
        !heldCredits.heldOn(registered.id));
    return usable ? { meterNo, circuit, registered } : undefined;
  }
}
