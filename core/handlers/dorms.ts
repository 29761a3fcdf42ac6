// dorms.*: the campus's places, 集体开户 of a building's rooms, and the boxes' controls pushed
// to (or forced on) the rooms' circuits as batches.
import type { CircuitControlsView } from '../../shared/api/dorms';
import { AppError } from '../../shared/errors';
import type { AreaContext, HandlerGroup } from '../api/context';
import { signedIn } from '../api/context';
import { backgroundWrite } from '../writes';

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
  | 'dorms.controls',
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

  'dorms.rooms': (input, { services }) => services.dorms.rooms(input.buildingId, input.floor),

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
};
