// meters.*: registering meters before they are installed on an account.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'meters';

export const meterHandlers: HandlerGroup<'meters.register' | 'meters.list', Area> = {
  'meters.register': (input, ctx) =>
    ctx.write(
      () => {
        if (ctx.services.meters.byNumber(input.meterNo, input.circuit)) {
          throw new AppError('METER_NO_TAKEN', {
            meterNo: input.circuit ? `${input.meterNo}-${input.circuit}` : input.meterNo,
          });
        }
        return ctx.services.meters.insert(input, ctx.now.toISOString());
      },
      (meter) => ({ after: meter }),
    ),
  'meters.list': (input, { services }) => services.meters.list(input.query, input.limit),
};
