// dorms.*: the campus's places, 集体开户 of a building's rooms, and the boxes' controls pushed
// to (or forced on) the rooms' circuits as batches.
import type { CircuitControlsView } from '../../shared/api/dorms';
import { AppError } from '../../shared/errors';
import type { AreaContext, HandlerGroup } from '../api/context';
import { signedIn } from '../api/context';
import { backgroundWrite } from '../writes';
import { loadExcel } from '../heavyLibraries';
import { readSheet } from '../import/sheet';
import { ROOM_TEMPLATE_HEADERS } from '../dorms/roomImport';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = 'dorms' | 'batches' | 'meterDesk' | 'audit' | 'clock' | 'unitOfWork';

/** A batch goes on after the call that started it: its records carry the operator and their own time. */
const batchWrite = (ctx: AreaContext<Area>) =>
  backgroundWrite(ctx.services, ctx.method, signedIn(ctx));

export const dormHandlers: HandlerGroup<
  | 'dorms.tree'
  | 'dorms.createCampus'
  | 'dorms.createBuilding'
  | 'dorms.rooms'
  | 'dorms.openRooms'
  | 'dorms.pushControls'
  | 'dorms.force'
  | 'dorms.controls'
  | 'dorms.report'
  | 'dorms.moveOut'
  | 'dorms.students'
  | 'dorms.moveIn'
  | 'dorms.moveOutStudent'
  | 'dorms.reopenRooms'
  | 'dorms.calendar'
  | 'dorms.setCalendarDay'
  | 'dorms.importRooms'
  | 'dorms.roomsTemplate',
  Area
> = {
  'dorms.tree': (_input, { services }) => services.dorms.tree(),

  'dorms.createCampus': (input, ctx) =>
    ctx.write(
      () => ctx.services.dorms.createCampus(input.name, ctx.now.toISOString()),
      (campus) => ({ campusId: campus.id }),
    ),

  'dorms.createBuilding': (input, ctx) =>
    ctx.write(
      () => ctx.services.dorms.createBuilding(input.campusId, input.name, ctx.now.toISOString()),
      (building) => ({ buildingId: building.id }),
    ),

  'dorms.rooms': (input, { services, now }) =>
    services.dorms.rooms(input.buildingId, input.floor, now),

  'dorms.openRooms': (input, ctx) => {
    const operator = signedIn(ctx);
    return ctx.write(
      () => ctx.services.dorms.openRooms(input, operator.id, ctx.now),
      (result) => ({
        opened: result.opened,
        rooms: result.rooms.map((room) => room.roomNo).join(' '),
      }),
    );
  },

  'dorms.pushControls': (input, ctx) => {
    const { controls, reason, ...choice } = input;
    const meterIds = ctx.services.dorms.chosenCircuits(choice);
    return ctx.services.batches.start(
      { operation: 'boxControls', selection: { meterIds }, controls, reason },
      signedIn(ctx),
      batchWrite(ctx),
    );
  },

  'dorms.force': (input, ctx) => {
    const { mode, reason, ...choice } = input;
    const meterIds = ctx.services.dorms.chosenCircuits(choice);
    return ctx.services.batches.start(
      { operation: 'force', selection: { meterIds }, forced: mode, reason },
      signedIn(ctx),
      batchWrite(ctx),
    );
  },

  'dorms.moveOut': (input, ctx) => {
    const { reason, paymentMethod, ...choice } = input;
    const meterIds = ctx.services.dorms.chosenCircuits(choice);
    // The students leave with the call; the money follows circuit by circuit in the batch.
    ctx.write(
      () => ctx.services.dorms.moveOutStudents(choice, ctx.now.toISOString()),
      (students) => ({ students, reason }),
    );
    return ctx.services.batches.start(
      { operation: 'moveOut', selection: { meterIds }, reason, paymentMethod },
      signedIn(ctx),
      batchWrite(ctx),
    );
  },

  'dorms.reopenRooms': (input, ctx) => {
    const operator = signedIn(ctx);
    return ctx.write(
      () => ctx.services.dorms.reopenRooms(input, operator.id, ctx.now),
      (result) => ({
        opened: result.opened,
        rooms: result.rooms.map((room) => room.roomNo).join(' '),
      }),
    );
  },

  'dorms.students': (input, { services }) => services.dorms.students(input.roomId),

  'dorms.moveIn': (input, ctx) =>
    ctx.write(
      () => ctx.services.dorms.moveIn(input, ctx.now.toISOString()),
      () => ({ roomId: input.roomId, studentNo: input.studentNo, bed: input.bed ?? null }),
    ),

  'dorms.moveOutStudent': (input, ctx) =>
    ctx.write(
      () => ctx.services.dorms.moveOutStudent(input.studentId, ctx.now.toISOString()),
      () => ({ studentId: input.studentId }),
    ),

  'dorms.controls': async (input, { services }) => {
    const room = services.dorms.room(input.roomId);
    const views: CircuitControlsView[] = [];
    // One circuit after another: the line takes one transaction at a time anyway.
    for (const c of room.circuits) {
      const base = {
        purpose: c.purpose,
        meterId: c.meterId,
        meterNo: c.meterNo,
        circuit: c.circuit,
      };
      try {
        const { forced, relay, ...controls } = await services.meterDesk.readBoxControls(c.meterId);
        views.push({ ...base, controls, forced, relay, error: null });
      } catch (error) {
        const coded =
          error instanceof AppError ? error : new AppError('INTERNAL', undefined, { cause: error });
        views.push({
          ...base,
          controls: null,
          forced: null,
          relay: null,
          error: coded.toApiError(),
        });
      }
    }
    return views;
  },

  'dorms.calendar': (input, { services }) => services.dorms.calendar(input.from, input.to),

  'dorms.report': (input, { services }) =>
    services.dorms.report(input.buildingId, input.from, input.to),

  'dorms.setCalendarDay': (input, ctx) => {
    const operator = signedIn(ctx);
    return ctx.write(
      () => ctx.services.dorms.setCalendarDay(input, operator.id, ctx.now.toISOString()),
      () => ({ day: input.day, kind: input.kind, note: input.note }),
    );
  },

  'dorms.importRooms': async (input, ctx) => {
    const operator = signedIn(ctx);
    const { dorms } = ctx.services;
    const sheet = await readSheet(input.fileName, Buffer.from(input.base64, 'base64'));
    const target = { buildingId: input.buildingId, tariffId: input.tariffId };
    const checked = dorms.importRooms(sheet, target, null, ctx.now);
    const result = (opened: boolean, errors = checked.errors) => ({
      dryRun: input.dryRun,
      rows: checked.rows,
      imported: opened,
      counts: errors.length
        ? { rooms: 0, circuits: 0 }
        : { rooms: checked.rooms.length, circuits: checked.circuits },
      errors,
    });
    if (checked.errors.length > 0 || input.dryRun) return result(false);
    // Checked again inside the transaction: a till that opened an account on one of the
    // circuits meanwhile cannot make the import half-apply.
    const done = ctx.write(
      () => dorms.importRooms(sheet, target, { operatorId: operator.id }, ctx.now),
      (d) => ({ fileName: input.fileName, rows: d.rows, opened: d.opened?.opened ?? 0 }),
    );
    return result(done.opened !== null, done.errors);
  },

  'dorms.roomsTemplate': async () => {
    const ExcelJS = await loadExcel();
    const book = new ExcelJS.Workbook();
    book.creator = 'PowerTill';
    const sheet = book.addWorksheet('宿舍开户');
    sheet.addRow(Object.values(ROOM_TEMPLATE_HEADERS)).font = { bold: true };
    // Room 101 on one circuit; room 102 on three, one per time table.
    sheet.addRow([1, '101', 4, '000000320000', 1, '整间']);
    sheet.addRow([1, '102', 4, '000000320000', 2, '照明']);
    sheet.addRow([1, '102', 4, '000000320000', 3, '插座']);
    sheet.addRow([1, '102', 4, '000000320000', 4, '空调']);
    // Text cells, so Excel keeps the box number's leading zeros and the room as typed.
    for (const column of [2, 4]) sheet.getColumn(column).numFmt = '@';
    sheet.columns.forEach((c) => (c.width = 14));
    return officeFile('powertill-rooms-template.xlsx', await book.xlsx.writeBuffer());
  },
};
