// Training mode's hardware: the tenant's card into the meter, a blank card, a trading day.
import { z } from 'zod';
import type { TrainingInsertResult } from './ledgerTypes';
import { method } from './method';
import { id } from './fields';

export const trainingMethods = {
  /** Training mode only: the tenant puts the simulated card into the simulated meter. */
  'training.insertCard': method<TrainingInsertResult>()({
    input: z.object({ accountId: id }).strict(),
    access: 'signedIn',
    mutating: true,
    data: ['accounts'],
  }),
  /** Training with virtual cards: a fresh blank card onto the virtual reader. */
  'training.putBlankCard': method<{ done: true }>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: true,
  }),
  /** Training with virtual cards: a trading day passes in the account's shop (10 h at 2 kW). */
  'training.runDay': method<TrainingInsertResult>()({
    input: z.object({ accountId: id }).strict(),
    access: 'signedIn',
    mutating: true,
  }),
} as const;
