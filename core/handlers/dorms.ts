// dorms.*: the campus's places and 集体开户 of a building's rooms.
import type { HandlerGroup } from '../api/context';
import { signedIn } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'dorms';

export const dormHandlers: HandlerGroup<
  'dorms.tree' | 'dorms.createCampus' | 'dorms.createBuilding' | 'dorms.rooms' | 'dorms.openRooms',
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
};
