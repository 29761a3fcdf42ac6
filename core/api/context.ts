// What a handler gets to work with, and the typed map of handlers the dispatcher runs.
import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { OperatorRecord } from '../auth/operatorStore';
import type { Write } from '../db/unitOfWork';
import type { CoreServices } from '../services';
import type { Language } from '../../shared/errors';
import type { Permission } from '../../shared/permissions';

/**
 * What a handler gets. `S` is the services it may reach: a handler group names its area's
 * (`AreaContext<'sales' | 'settings'>`), so a handler sees its own area, not all of CoreServices.
 */
export interface HandlerContext<S = CoreServices> {
  services: S;
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

export type ServiceName = keyof CoreServices;

/** A handler's context that sees only the named services (its area's). */
export type AreaContext<K extends ServiceName> = HandlerContext<Pick<CoreServices, K>>;

export type Handler<M extends MethodName, S = CoreServices> = (
  input: ParsedInput<M>,
  ctx: HandlerContext<S>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers of some methods, which see only the services `K` of their area. */
export type HandlerGroup<M extends MethodName, K extends ServiceName> = {
  [X in M]: Handler<X, Pick<CoreServices, K>>;
};

/** For handlers that only run signed in (the dispatcher guarantees it; this tells the types). */
export function signedIn(ctx: HandlerContext<unknown>): OperatorRecord {
  if (!ctx.operator) throw new Error(`${ctx.method} ran without a signed-in operator`);
  return ctx.operator;
}

/** Whether the signed-in operator holds a permission (for rules finer than a method's access). */
export const may = (ctx: HandlerContext<unknown>, permission: Permission): boolean =>
  ctx.permissions.includes(permission);

/**
 * The language of what is printed for this operator (reports, the hand-over, messages naming
 * fields): their own; Chinese for an operator who never chose one, as the office's screens are.
 */
export const operatorLanguage = (ctx: HandlerContext<unknown>): Language =>
  ctx.operator?.language ?? 'zh-CN';
