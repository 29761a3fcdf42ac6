// What a handler gets to work with, and the typed map of handlers the dispatcher runs.
import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { OperatorRecord } from '../auth/operatorStore';
import type { Write } from '../db/unitOfWork';
import type { CoreServices } from '../services';
import type { Language } from '../../shared/errors';
import type { Permission } from '../../shared/permissions';

export interface HandlerContext {
  services: CoreServices;
  method: MethodName;
  /** The time of this call, one value for everything it records. */
  now: Date;
  /** The signed-in operator; null only on public methods. */
  operator: OperatorRecord | null;
  /** What that operator may do (their role's set with their own exceptions); none when public. */
  permissions: readonly Permission[];
  sessionId: string | null;
  /**
   * Runs `fn` in one unit of work (core/db/unitOfWork.ts) whose record is this call's audit
   * entry, so a change and its audit row are written together or not at all.
   */
  write: Write;
  /** Names the operator a public call acts for (sign-in), for its audit record. */
  identify(operator: OperatorRecord): void;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
export type HandlerGroup<M extends MethodName> = { [K in M]: Handler<K> };

/** For handlers that only run signed in (the dispatcher guarantees it; this tells the types). */
export function signedIn(ctx: HandlerContext): OperatorRecord {
  if (!ctx.operator) throw new Error(`${ctx.method} ran without a signed-in operator`);
  return ctx.operator;
}

/** Whether the signed-in operator holds a permission (for rules finer than a method's access). */
export const may = (ctx: HandlerContext, permission: Permission): boolean =>
  ctx.permissions.includes(permission);

/**
 * The language of what is printed for this operator (reports, the hand-over, messages naming
 * fields): their own; Chinese for an operator who never chose one, as the office's screens are.
 */
export const operatorLanguage = (ctx: HandlerContext): Language =>
  ctx.operator?.language ?? 'zh-CN';
