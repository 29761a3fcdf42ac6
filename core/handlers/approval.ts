// A supervisor's approval at the till: a supervisor approves their own work; a cashier's refund,
// hand-over beyond tolerance or reversal (when the office asks for it) needs a supervisor to sign
// in place with their login name and password, counted against the same lockout as sign-in.
import { AppError, type ErrorCode } from '../../shared/errors';
import { SUPERVISORS } from '../../shared/api/method';
import { signedIn, type HandlerContext } from '../api/context';
import type { OperatorRecord } from '../auth/operatorStore';
import { checkCredentials } from '../auth/credentials';

export interface ApprovalInput {
  username: string;
  password: string;
}

export const isSupervisor = (op: OperatorRecord) => SUPERVISORS.includes(op.role);

/** Who approves: the signed-in supervisor, or the supervisor who signs at the cashier's till. */
export async function approverOf(
  ctx: HandlerContext,
  approval: ApprovalInput | undefined,
  /** What the cashier is told when no approval came with the request. */
  required: ErrorCode = 'APPROVAL_REQUIRED',
  params: Record<string, string | number> = {},
): Promise<OperatorRecord> {
  const operator = signedIn(ctx);
  if (isSupervisor(operator)) return operator;
  if (!approval) throw new AppError(required, params);
  const approver = await checkCredentials(ctx.services.operators, approval, ctx.now);
  if (!isSupervisor(approver)) throw new AppError('APPROVER_NOT_SUPERVISOR');
  return approver;
}
