// How a contract method is declared: input schema, output type, access and whether it mutates.
import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * `public` needs no session (setup, sign-in); `signedIn` any operator's (looking things up, one's
 * own session and shift); otherwise the permission the operator must hold (shared/permissions.ts).
 */
export type Access = 'public' | 'signedIn' | Permission;

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Changes state: audited with its outcome, and refused while a password change is owed. */
  mutating: boolean;
  /** Audited although it changes nothing, because it hands out something sensitive. */
  auditRead?: boolean;
  /** Phantom marker for the output type; never set at run time. */
  readonly __output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, '__output'>): MethodSpec<I, O> =>
    spec;
