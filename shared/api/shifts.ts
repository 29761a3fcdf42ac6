// Shifts and the hand-over (交班).
import { z } from 'zod';
import { freeText } from './text';
import type { OfficeFile, ShiftView } from './ledgerTypes';
import { PAYMENT_METHODS } from './ledgerTypes';
import { method } from './method';
import { approval, id } from './fields';

export const shiftMethods = {
  /** The signed-in operator's open shift with its takings so far. */
  'shifts.current': method<ShiftView>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['sales'],
  }),
  /** 交班: closes the operator's shift with the money counted per payment method. */
  'shifts.close': method<ShiftView>()({
    input: z
      .object({
        counted: z
          .object(
            Object.fromEntries(
              PAYMENT_METHODS.map((m) => [m, z.number().int().min(0).max(100_000_000_00)]),
            ) as Record<(typeof PAYMENT_METHODS)[number], z.ZodNumber>,
          )
          .strict(),
        note: freeText(500, { multiline: true }).default(''),
        /** A supervisor signing at the till for a count beyond the office's tolerance. */
        approval: approval.optional(),
      })
      .strict(),
    access: 'signedIn',
    mutating: true,
    data: ['sales'],
  }),
  'shifts.list': method<ShiftView[]>()({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    access: 'shifts.oversee',
    mutating: false,
    data: ['sales'],
  }),
  /** The hand-over report (交班报表) as PDF: one's own shifts, or any for a supervisor. */
  'shifts.report': method<OfficeFile>()({
    input: z.object({ shiftId: id }).strict(),
    access: 'signedIn',
    mutating: false,
  }),
} as const;
