// Meters in the books: register one, list them.
import { z } from 'zod';
import { rule } from './fieldIssues';
import type { MeterListRow, MeterView } from './ledgerTypes';
import { METER_MODELS } from './ledgerTypes';
import { method } from './method';
import { listLimit, meterNoSchema, text } from './fields';

export const meterMethods = {
  'meters.register': method<MeterView>()({
    input: z
      .object({
        meterNo: meterNoSchema,
        circuit: z.number().int().min(0).max(36).default(0),
        model: z.enum(METER_MODELS),
        ctRatio: z.number().int().min(1).max(10_000).default(1),
        /** NK meters only: recharged from the tenant's card at an ACRT terminal. */
        viaAcrt: z.boolean().default(false),
        /** NK meters: DL/T 645-2007, or Modbus-RTU with the unit address set on the meter. */
        protocol: z.enum(['dlt645', 'modbus']).default('dlt645'),
        modbusUnit: z.number().int().min(1).max(247).optional(),
      })
      .strict()
      .refine((m) => m.protocol === 'dlt645' || m.modbusUnit !== undefined, {
        message: rule('modbus_unit'),
        path: ['modbusUnit'],
      }),
    access: 'accounts.open',
    mutating: true,
    data: ['meters'],
  }),
  /** Meters by number, each with its tenant, last reading and open alarms. */
  'meters.list': method<MeterListRow[]>()({
    input: z.object({ query: text(20).default(''), limit: listLimit(100) }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['meters'],
  }),
} as const;
