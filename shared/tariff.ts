// Tariff definitions (电价): flat, time-of-use with up to 4 rates and 8 daily segments, and
// stepped monthly blocks, each with an optional monthly free allowance. Schemas validate what
// a supervisor enters; the types are what the pricing module computes with.
import { z } from 'zod';
import { rule } from './api/fieldIssues';

export const TOU_RATES = ['sharp', 'peak', 'flat', 'valley'] as const;
export type TouRate = (typeof TOU_RATES)[number];

const price = z.number().int().positive().max(100_000_000);
const energy = z.number().int().nonnegative().max(1_000_000_000);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, rule('hhmm'));

const common = {
  /** Monthly energy given free before anything is charged (dorm use), 0.01 kWh. */
  freeAllowance: energy.default(0),
};

export const flatTariffSchema = z.object({ kind: z.literal('flat'), price, ...common }).strict();

export const touTariffSchema = z
  .object({
    kind: z.literal('tou'),
    rates: z
      .object({
        sharp: price.optional(),
        peak: price.optional(),
        flat: price,
        valley: price.optional(),
      })
      .strict(),
    /** Up to 8 daily segments; each runs from its start to the next one's (wrapping at midnight). */
    segments: z
      .array(z.object({ start: clock, rate: z.enum(TOU_RATES) }).strict())
      .min(1)
      .max(8),
    ...common,
  })
  .strict()
  .superRefine((tariff, ctx) => {
    const starts = tariff.segments.map((s) => minutesOf(s.start));
    if (starts[0] !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['segments', 0, 'start'],
        message: rule('first_segment_midnight'),
      });
    }
    starts.forEach((start, i) => {
      if (i > 0 && start <= starts[i - 1]!) {
        ctx.addIssue({
          code: 'custom',
          path: ['segments', i, 'start'],
          message: rule('segments_in_order'),
        });
      }
    });
    tariff.segments.forEach((segment, i) => {
      if (tariff.rates[segment.rate] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['segments', i, 'rate'],
          message: rule('rate_needs_price'),
        });
      }
    });
  });

export const steppedTariffSchema = z
  .object({
    kind: z.literal('stepped'),
    /** Monthly blocks in order; each up to its threshold (0.01 kWh of the month), the last open. */
    steps: z
      .array(z.object({ upTo: energy.positive().nullable(), price }).strict())
      .min(1)
      .max(6),
    ...common,
  })
  .strict()
  .superRefine((tariff, ctx) => {
    tariff.steps.forEach((step, i) => {
      const last = i === tariff.steps.length - 1;
      if (last !== (step.upTo === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'upTo'],
          message: rule('last_step_open'),
        });
      }
      const previous = tariff.steps[i - 1]?.upTo;
      if (
        step.upTo !== null &&
        previous !== undefined &&
        previous !== null &&
        step.upTo <= previous
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'upTo'],
          message: rule('steps_rise'),
        });
      }
    });
  });

export const tariffDefinitionSchema = z.discriminatedUnion('kind', [
  flatTariffSchema,
  touTariffSchema,
  steppedTariffSchema,
]);

export type FlatTariff = z.output<typeof flatTariffSchema>;
export type TouTariff = z.output<typeof touTariffSchema>;
export type SteppedTariff = z.output<typeof steppedTariffSchema>;
export type TariffDefinition = z.output<typeof tariffDefinitionSchema>;

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
