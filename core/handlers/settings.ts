// settings.*: the office's name, receipt header and idle timeout.
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'settings';

export const settingsHandlers: HandlerGroup<'settings.get' | 'settings.update', Area> = {
  'settings.get': (_input, { services }) => services.settings.read(),
  'settings.update': (input, ctx) =>
    ctx.write(
      () => {
        const before = ctx.services.settings.read();
        return { before, after: ctx.services.settings.write(input) };
      },
      (change) => change,
    ).after,
};
