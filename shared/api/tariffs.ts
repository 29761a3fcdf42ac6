// Tariffs (电价): list, create, and schedule new prices (调价).
import { z } from 'zod';
import { freeText } from './text';
import { tariffDefinitionSchema } from '../tariff';
import type { TariffView } from './ledgerTypes';
import { method } from './method';
import { id } from './fields';

export const tariffMethods = {
  'tariffs.list': method<TariffView[]>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['tariffs'],
  }),
  'tariffs.create': method<TariffView>()({
    input: z
      .object({ name: freeText(40, { min: 1 }), definition: tariffDefinitionSchema })
      .strict(),
    access: 'tariffs',
    mutating: true,
    data: ['tariffs'],
  }),
  'tariffs.schedule': method<TariffView>()({
    input: z
      .object({
        tariffId: id,
        definition: tariffDefinitionSchema,
        effectiveFrom: z.iso.datetime({ offset: true }),
      })
      .strict(),
    access: 'tariffs',
    mutating: true,
    data: ['tariffs'],
  }),
} as const;
