// tariffs.*: creating tariffs and scheduling price changes ahead; history is never rewritten.
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'tariffs';

export const tariffHandlers: HandlerGroup<
  'tariffs.list' | 'tariffs.create' | 'tariffs.schedule',
  Area
> = {
  'tariffs.list': (_input, { services, now }) => services.tariffs.list(now),

  'tariffs.create': (input, ctx) => {
    const { tariffs } = ctx.services;
    const operator = signedIn(ctx);
    const id = ctx.write(
      () => {
        if (tariffs.nameTaken(input.name))
          throw new AppError('TARIFF_NAME_TAKEN', { name: input.name });
        const at = ctx.now.toISOString();
        const tariffId = tariffs.create(input.name, at);
        tariffs.addVersion(tariffId, input.definition, at, operator.id, at);
        return tariffId;
      },
      (tariffId) => ({ tariffId }),
    );
    return tariffs.get(id, ctx.now)!;
  },

  'tariffs.schedule': (input, ctx) => {
    const { tariffs } = ctx.services;
    const operator = signedIn(ctx);
    const effectiveFrom = new Date(input.effectiveFrom);
    if (effectiveFrom <= ctx.now) throw new AppError('EFFECTIVE_DATE_PAST');
    ctx.write(() => {
      const tariff = tariffs.get(input.tariffId, ctx.now);
      if (!tariff) throw new AppError('TARIFF_NOT_FOUND');
      if (tariff.versions.some((v) => v.effectiveFrom === effectiveFrom.toISOString())) {
        throw new AppError('VALIDATION_FAILED', {
          detail: 'effectiveFrom: a version already starts then',
        });
      }
      tariffs.addVersion(
        input.tariffId,
        input.definition,
        effectiveFrom.toISOString(),
        operator.id,
        ctx.now.toISOString(),
      );
    });
    return tariffs.get(input.tariffId, ctx.now)!;
  },
};
