// How a contract method is declared: input schema, output type, access and whether it mutates.
import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * `public` needs no session (setup, sign-in); `signedIn` any operator's (looking things up, one's
 * own session and shift); otherwise the permission the operator must hold (shared/permissions.ts).
 */
export type Access = 'public' | 'signedIn' | Permission;

/**
 * The parts of the office's data a screen may show. A method that changes nothing names what it
 * reads; one that changes state names what it changes: a screen showing a part is read again
 * after a change to it (the renderer's cache tags, app/api.ts).
 */
export const DATA_TOPICS = [
  'system',
  'operators',
  'roleSets',
  'settings',
  'secret',
  'audit',
  'backups',
  'printing',
  'customers',
  'accounts',
  'meters',
  'tariffs',
  'sales',
  'managementCards',
  'findings',
  'meterLine',
  'meterCommands',
  'tariffPushes',
  'heldCredits',
  'batches',
  'acrt',
  'alarms',
  'dorms',
  'messages',
  'display',
] as const;
export type DataTopic = (typeof DATA_TOPICS)[number];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Changes state: audited with its outcome, and refused while a password change is owed. */
  mutating: boolean;
  /** What it reads (changing nothing) or changes: see DATA_TOPICS. None: no screen keeps it. */
  data?: readonly DataTopic[];
  /** Audited although it changes nothing, because it hands out something sensitive. */
  auditRead?: boolean;
  /** Phantom marker for the output type; never set at run time. */
  readonly __output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, '__output'>): MethodSpec<I, O> =>
    spec;
