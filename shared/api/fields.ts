// Input fields the ledger's methods share: ids, money, readings, reasons, a supervisor's approval.
import { z } from 'zod';
import { rule } from './fieldIssues';
import { freeText } from './text';

export const id = z.number().int().positive();

export const text = (max: number) => freeText(max);

export const fen = z.number().int().positive().max(100_000_000_00);

/** A supervisor's login name and password, given at a cashier's till. */
export const approval = z
  .object({ username: z.string().trim().min(1).max(40), password: z.string().max(200) })
  .strict();

/** Money left on a meter, in fen (zero allowed). */
export const remaining = z.number().int().min(0).max(100_000_000_00);

/** A register reading in 0.01 kWh. */
export const reading = z.number().int().min(0).max(99_999_999_99);

export const reason = freeText(200, { min: 2 });

/** How many rows a list returns: at most 500, `byDefault` when not asked. */
export const listLimit = (byDefault: number) => z.number().int().min(1).max(500).default(byDefault);

/** A purchase count as a meter shows it. */
export const count = z.number().int().min(0).max(65_535);

export const meterNoSchema = z.string().regex(/^\d{12}$/, rule('twelve_digits'));
