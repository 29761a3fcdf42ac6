// A supervisor's approval at the till: an operator who may approve (审批) approves their own work;
// a cashier's refund, hand-over beyond tolerance or reversal (when the office asks for it) needs
// someone who may approve to sign in place with their login name and password, counted against
// the same lockout as sign-in.
import { AppError, type ErrorCode } from '../../shared/errors';
import { may, signedIn, type AreaContext } from '../api/context';
import type { OperatorRecord } from '../auth/operatorStore';
import { checkCredentials } from '../auth/credentials';

/** The services these handlers reach (their area's). */
export type ApprovalArea = 'operators' | 'permissions';

export interface ApprovalInput {
  username: string;
  password: string;
}

/** Who approves: the signed-in operator if they may, or whoever signs at the cashier's till. */
export async function approverOf(
  ctx: AreaContext<ApprovalArea>,
  approval: ApprovalInput | undefined,
  /** What the cashier is told when no approval came with the request. */
  required: ErrorCode = 'APPROVAL_REQUIRED',
  params: Record<string, string | number> = {},
): Promise<OperatorRecord> {
  const operator = signedIn(ctx);
  if (may(ctx, 'approve')) return operator;
  if (!approval) throw new AppError(required, params);
  const approver = await checkCredentials(ctx.services.operators, approval, ctx.now);
  // A disabled approver never gets here: checkCredentials refuses them first.
  if (!ctx.services.permissions.of(approver).includes('approve'))
    throw new AppError('APPROVER_NOT_SUPERVISOR');
  return approver;
}
