// system.*: what the app is and what hardware it sees.
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'hardware' | 'info' | 'settings' | 'training';

export const systemHandlers: HandlerGroup<
  'system.info' | 'system.hardwareStatus' | 'setup.status',
  Area
> = {
  'system.info': (_input, { services }) => ({
    appVersion: services.info.appVersion,
    schemaVersion: services.info.schemaVersion,
    demo: services.info.demo,
    trainingCards: services.training?.cards ?? null,
    officeName: services.settings.officeName(),
    needsSetup: !services.settings.isSetUp(),
  }),
  'system.hardwareStatus': (_input, { services }) => services.hardware.current(),
  'setup.status': (_input, { services }) => ({ needsSetup: !services.settings.isSetUp() }),
};
