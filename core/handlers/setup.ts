// setup.initialize: the first-run wizard's one call. It names the office, creates the office
// secret and the first administrator, all in one transaction. A training office starts with the
// training dorm's campus and building, its rooms for the trainee to open on the simulated boxes.
import { AppError } from '../../shared/errors';
import { TRAINING_DORM } from '../../shared/training';
import type { HandlerGroup } from '../api/context';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords';
import { sessionView, type SessionViewArea } from './session';

/** The services these handlers reach (their area's). */
type Area =
  SessionViewArea | 'dorms' | 'info' | 'log' | 'operators' | 'secret' | 'sessions' | 'shifts';

export const setupHandlers: HandlerGroup<'setup.initialize', Area> = {
  'setup.initialize': async (input, ctx) => {
    const { services, now } = ctx;
    const alreadySetUp = () => services.settings.isSetUp() || services.operators.count() > 0;
    if (alreadySetUp()) throw new AppError('ALREADY_SET_UP');
    assertPasswordPolicy(input.admin.password);
    const passwordHash = await hashPassword(input.admin.password);

    const admin = ctx.write(
      () => {
        // Checked again inside the transaction: two wizards racing must not both succeed.
        if (alreadySetUp()) throw new AppError('ALREADY_SET_UP');
        services.settings.write({
          officeName: input.officeName,
          receiptHeader: input.receiptHeader,
        });
        const secret = services.secret.create(now);
        const op = services.operators.insert({
          username: input.admin.username,
          displayName: input.admin.displayName,
          role: 'admin',
          passwordHash,
          mustChangePassword: false,
          createdAt: now.toISOString(),
        });
        services.operators.recordLogin(op.id, now.toISOString());
        services.shifts.openFor(op.id, now.toISOString());
        services.settings.markSetUp(now);
        if (services.info.demo) {
          const campus = services.dorms.createCampus(TRAINING_DORM.campus, now.toISOString());
          services.dorms.createBuilding(campus.id, TRAINING_DORM.building, now.toISOString());
        }
        ctx.identify(op);
        return { op, fingerprint: secret.fingerprint };
      },
      ({ op, fingerprint }) => ({ adminId: op.id, secretFingerprint: fingerprint }),
    );
    services.log.info({ admin: admin.op.username }, 'office set up');
    return {
      session: sessionView(services, services.sessions.open(admin.op.id, now), admin.op, now),
      secretFingerprint: admin.fingerprint,
    };
  },
};
