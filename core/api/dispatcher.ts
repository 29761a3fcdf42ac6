// The dispatcher: the single door into the backend for both transports. It finds the method in
// the contract, checks the session and permission, validates input, runs the handler, audits
// mutations and maps every failure to a coded error. It never throws.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { api, isMethodName, mayCall, type MethodName } from '../../shared/api/contract';
import type { CallEnvelope } from '../../shared/api/envelope';
import { TEXT_CHARACTERS_REFUSED } from '../../shared/api/text';
import {
  RULES,
  unitOfField,
  type FieldIssue,
  type IssueCode,
  type RuleKey,
} from '../../shared/api/fieldIssues';
import { AppError, type ApiError, type ApiResult } from '../../shared/errors';
import type { AuditEntry } from '../../shared/api/types';
import type { Permission } from '../../shared/permissions';
import type { OperatorRecord } from '../auth/operatorStore';
import type { CoreServices } from '../services';
import type { Handler, HandlerContext, Handlers } from './context';
import { toApiError } from './errors';

/** What an operator who still owes a password change may do. */
const ALLOWED_WHILE_PASSWORD_OWED = new Set<MethodName>([
  'system.info',
  'system.hardwareStatus',
  'setup.status',
  'auth.session',
  'auth.logout',
  'auth.changePassword',
  'auth.setLanguage',
]);

/** Refusals that say nothing about an operator's conduct and would only flood the audit log. */
const NOT_AUDITED = new Set<ApiError['code']>([
  'VALIDATION_FAILED',
  'TEXT_CHARACTERS_REFUSED',
  'NOT_SIGNED_IN',
  'SESSION_EXPIRED',
]);

export class Dispatcher {
  constructor(
    private readonly services: CoreServices,
    private readonly handlers: Handlers,
  ) {}

  async dispatch(call: Partial<CallEnvelope> | null | undefined): Promise<ApiResult<unknown>> {
    const methodName = call?.method;
    if (!isMethodName(methodName)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', params: { method: String(methodName).slice(0, 60) } },
      };
    }
    const spec = api[methodName];
    const { services } = this;
    const now = services.clock();
    const sessionId = typeof call?.sessionId === 'string' ? call.sessionId : null;
    const audit = { operator: null as OperatorRecord | null, done: false };
    const started = performance.now();

    try {
      let operator: OperatorRecord | null = null;
      let permissions: readonly Permission[] = [];
      if (spec.access !== 'public') {
        operator = this.authenticate(sessionId ?? undefined, now);
        audit.operator = operator;
        permissions = services.permissions.of(operator);
        if (!mayCall(spec, permissions)) throw new AppError('FORBIDDEN');
        if (operator.mustChangePassword && !ALLOWED_WHILE_PASSWORD_OWED.has(methodName)) {
          throw new AppError('PASSWORD_CHANGE_REQUIRED');
        }
      }

      const parsed = (spec.input as z.ZodType).safeParse(call?.input ?? {});
      if (!parsed.success) throw validationError(parsed.error, call?.input ?? {});

      const ctx: HandlerContext = {
        services,
        method: methodName,
        now,
        operator,
        permissions,
        sessionId,
        identify: (op) => {
          audit.operator = op;
        },
        write: (fn, detail) =>
          services.unitOfWork(fn, (result) => {
            this.appendAudit(methodName, audit.operator, now, 'ok', {
              input: call?.input,
              ...detail?.(result),
            });
            audit.done = true;
          }),
      };
      const handler = this.handlers[methodName] as Handler<MethodName>;
      const value = await handler(parsed.data as never, ctx);
      if ((spec.mutating || spec.auditRead) && !audit.done) {
        this.appendAudit(methodName, audit.operator, now, 'ok', { input: call?.input });
      }
      this.logCall(methodName, started);
      return { ok: true, value };
    } catch (thrown) {
      const ref = randomBytes(4).toString('hex');
      const { error, expected } = toApiError(thrown, ref);
      if ((spec.mutating || error.code === 'FORBIDDEN') && !NOT_AUDITED.has(error.code)) {
        this.tryAppendAudit(methodName, audit.operator, now, expected ? 'refused' : 'failed', {
          input: call?.input,
          error: error.code,
          ...(error.code === 'INTERNAL' && { ref }),
        });
      }
      if (expected) {
        services.log.info({ method: methodName, code: error.code }, 'call refused');
      } else {
        services.log.error({ method: methodName, ref, err: thrown }, 'call failed');
      }
      return { ok: false, error };
    }
  }

  private authenticate(sessionId: string | undefined, now: Date): OperatorRecord {
    const { sessions, operators } = this.services;
    const operatorId = sessions.touch(sessionId, now);
    const operator = operators.byId(operatorId);
    if (!operator || !operator.active) {
      if (sessionId) sessions.close(sessionId);
      throw new AppError('NOT_SIGNED_IN');
    }
    return operator;
  }

  private appendAudit(
    method: MethodName,
    operator: OperatorRecord | null,
    at: Date,
    outcome: AuditEntry['outcome'],
    detail: Record<string, unknown>,
  ) {
    this.services.audit.append({
      at,
      method,
      outcome,
      detail,
      operatorId: operator?.id ?? null,
      operatorName: operator?.username ?? null,
    });
  }

  /** A refusal's audit row must not turn a coded refusal into a crash (e.g. on a full disk). */
  private tryAppendAudit(...args: Parameters<Dispatcher['appendAudit']>) {
    try {
      this.appendAudit(...args);
    } catch (error) {
      this.services.log.error({ err: error, method: args[0] }, 'could not append audit record');
    }
  }

  private logCall(method: MethodName, started: number) {
    const ms = performance.now() - started;
    // Slow calls are logged with their duration so regressions show up in the field logs.
    if (ms > 200) this.services.log.warn({ method, ms: Math.round(ms) }, 'slow call');
  }
}

/** The value at a dotted path of the call's input, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A schema's complaint as a code with its bound, in the field's own unit (never zod's prose). */
function fieldIssue(issue: z.core.$ZodIssue, input: unknown): FieldIssue {
  const path = issue.path.map(String).join('.');
  const at = (code: IssueCode, extra: Partial<FieldIssue> = {}): FieldIssue => ({
    path,
    code,
    ...extra,
  });
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined) return at('required');
      if (issue.expected === 'int') return at('not_whole');
      if (issue.expected === 'number') return at('not_a_number');
      if (issue.expected === 'string') return at('not_text');
      return at('invalid');
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const bound = Number(big ? issue.maximum : issue.minimum);
      if (issue.origin === 'string') {
        if (!big && bound <= 1) return at('required');
        return at(big ? 'too_long' : 'too_short', { limit: bound, unit: 'characters' });
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return at(big ? 'too_many' : 'too_few', { limit: bound, unit: 'items' });
      // An exclusive bound (positive()) is told as the first value allowed.
      const inclusive = issue.inclusive !== false;
      const limit = inclusive ? bound : big ? bound - 1 : bound + 1;
      return at(big ? 'too_large' : 'too_small', { limit, unit: unitOfField(path) });
    }
    case 'invalid_value':
      return at('not_a_choice');
    case 'unrecognized_keys':
      return at('unknown_field');
    case 'invalid_format':
    case 'custom': {
      if (issue.message === TEXT_CHARACTERS_REFUSED) return at('bad_characters');
      const rule = /^rule:(\w+)$/.exec(issue.message)?.[1];
      if (rule && Object.hasOwn(RULES, rule)) return at('rule', { rule: rule as RuleKey });
      return at('invalid');
    }
    default:
      return at('invalid');
  }
}

function validationError(error: z.ZodError, input: unknown): AppError {
  const issues = error.issues.slice(0, 20).map((issue) => fieldIssue(issue, input));
  // Text that may not be kept (control or direction-override characters) gets its own words.
  const badText = issues.find((issue) => issue.code === 'bad_characters');
  if (badText) return new AppError('TEXT_CHARACTERS_REFUSED', undefined, { issues: [badText] });
  return new AppError('VALIDATION_FAILED', undefined, { issues });
}
