// secret.*: the office secret's fingerprint, and moving it to a replacement PC.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';
import { decryptSecret, encryptSecret, fingerprintOf } from '../office/secretStore';

/** The services these handlers reach (their area's). */
type Area = 'audit' | 'secret';

export const secretHandlers: HandlerGroup<
  'secret.fingerprint' | 'secret.export' | 'secret.import',
  Area
> = {
  'secret.fingerprint': (_input, { services }) => {
    const stored = services.secret.read();
    if (!stored) throw new AppError('NOT_SET_UP');
    return { fingerprint: stored.fingerprint, createdAt: stored.createdAt };
  },

  'secret.export': async (input, { services, now }) => {
    const stored = services.secret.read();
    if (!stored) throw new AppError('NOT_SET_UP');
    const day = now.toISOString().slice(0, 10);
    return {
      fileName: `powertill-office-secret-${day}.json`,
      content: await encryptSecret(stored.secret, input.passphrase),
      fingerprint: stored.fingerprint,
    };
  },

  'secret.import': async (input, ctx) => {
    const secret = await decryptSecret(input.file, input.passphrase);
    const fingerprint = fingerprintOf(secret);
    const outcome = ctx.write(
      () => {
        const previous = ctx.services.secret.read()?.fingerprint ?? null;
        if (previous === fingerprint) return { fingerprint, replaced: false, previous };
        if (previous && !input.confirmReplace) {
          throw new AppError('SECRET_REPLACE_UNCONFIRMED', { current: previous });
        }
        // The chain made under the secret being replaced is carried over to the imported one.
        ctx.services.audit.rekey(secret);
        ctx.services.secret.store(secret, ctx.now);
        return { fingerprint, replaced: true, previous };
      },
      (result) => ({ result }),
    );
    return { fingerprint: outcome.fingerprint, replaced: outcome.replaced };
  },
};
