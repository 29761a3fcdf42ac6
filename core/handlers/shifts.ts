// shifts.*: the operator's current shift, hand-over (交班) with counted money, the supervisor's
// list, and the hand-over report. A cashier counts blind: the books' figures are not shown
// (nor printable) until the count is in, and a count beyond the office's tolerance closes only
// with a note and a supervisor's approval at the till.
import type { MoneyByMethod, ShiftView } from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { formatYuan } from '../../shared/units';
import {
  may,
  operatorLanguage,
  signedIn,
  type AreaContext,
  type HandlerGroup,
} from '../api/context';
import type { OperatorRecord } from '../auth/operatorStore';
import { renderShiftReport } from '../receipts/shiftReport';
import { paperWords } from '../../shared/paper/words';
import { approverOf, type ApprovalArea, type ApprovalInput } from './approval';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = ApprovalArea | 'audit' | 'settings' | 'shifts';

/** After this many counts refused for their difference, only a supervisor closes the shift. */
export const MAX_REFUSED_COUNTS = 2;

/** A cashier's own open shift hides what the books expect (who oversees shifts sees them). */
function blindFor(ctx: AreaContext<Area>, shift: ShiftView): ShiftView {
  if (may(ctx, 'shifts.oversee') || shift.state === 'closed') return shift;
  return { ...shift, expected: null };
}

const beyondTolerance = (expected: MoneyByMethod, counted: MoneyByMethod, toleranceFen: number) =>
  PAYMENT_METHODS.some((m) => Math.abs(counted[m] - expected[m]) > toleranceFen);

/** Who signs off a hand-over beyond the tolerance (or after too many recounts), if one is needed. */
async function handOverApprover(
  ctx: AreaContext<Area>,
  shift: ShiftView,
  input: { counted: MoneyByMethod; note: string; approval?: ApprovalInput | undefined },
): Promise<OperatorRecord | null> {
  const { shifts, settings } = ctx.services;
  const tolerance = settings.read().handoverToleranceFen;
  // The shift as the store gives it, before any blinding: its live takings.
  const expected = shift.expected ?? shifts.takings(shift.id).expected;
  const beyond = beyondTolerance(expected, input.counted, tolerance);
  const exhausted = !may(ctx, 'approve') && shift.refusedCounts >= MAX_REFUSED_COUNTS;
  if (!beyond && !exhausted) return null;
  if (!may(ctx, 'approve') && !input.approval) {
    if (exhausted) throw new AppError('HANDOVER_RECOUNTS_USED', { count: shift.refusedCounts });
    // Counted, with what was counted in the audit trail: a supervisor sees every recount.
    const refused = ctx.write(
      () => shifts.refuseCount(shift.id),
      (n) => ({ shiftId: shift.id, refused: true, refusedCounts: n, counted: input.counted }),
    );
    throw new AppError('HANDOVER_DIFFERENCE', {
      tolerance: formatYuan(tolerance),
      left: Math.max(0, MAX_REFUSED_COUNTS - refused),
    });
  }
  const approver = await approverOf(ctx, input.approval);
  if (beyond && input.note.trim() === '') throw new AppError('HANDOVER_NOTE_REQUIRED');
  return approver;
}

export const shiftHandlers: HandlerGroup<
  'shifts.current' | 'shifts.close' | 'shifts.list' | 'shifts.report',
  Area
> = {
  'shifts.current': (_input, ctx) => {
    const operator = signedIn(ctx);
    const shift = ctx.services.shifts.currentFor(operator.id);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND');
    return blindFor(ctx, shift);
  },

  'shifts.close': async (input, ctx) => {
    const { shifts } = ctx.services;
    const operator = signedIn(ctx);
    const open = shifts.currentFor(operator.id);
    if (!open) throw new AppError('SHIFT_NOT_FOUND');
    const approver = await handOverApprover(ctx, open, input);
    return ctx.write(
      () => {
        const shift = shifts.currentFor(operator.id);
        if (!shift || shift.id !== open.id) throw new AppError('SHIFT_NOT_FOUND');
        // The takings read in this transaction are the ones handed over: one computation.
        shifts.close(
          shift.id,
          shift.expected ?? shifts.takings(shift.id).expected,
          input.counted,
          input.note,
          approver?.id ?? null,
          ctx.now.toISOString(),
        );
        return shifts.byId(shift.id)!;
      },
      (shift) => ({
        shiftId: shift.id,
        expected: shift.expected,
        counted: shift.counted,
        ...(approver && { approvedBy: approver.username }),
      }),
    );
  },

  'shifts.list': (input, { services }) => services.shifts.list(input.limit),

  'shifts.report': async (input, ctx) => {
    const operator = signedIn(ctx);
    const shift = ctx.services.shifts.byId(input.shiftId);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND');
    const oversees = may(ctx, 'shifts.oversee');
    if (!oversees && shift.operatorId !== operator.id) throw new AppError('FORBIDDEN');
    // The report carries the books' figures: a cashier's open shift is still being counted.
    if (!oversees && shift.state === 'open') throw new AppError('SHIFT_STILL_OPEN');
    const pdf = await renderShiftReport(
      ctx.services.settings.read(),
      shift,
      ctx.services.shifts.salesOf(shift.id),
      ctx.now.toISOString(),
      ctx.services.audit.head(),
      paperWords(operatorLanguage(ctx)),
    );
    return officeFile(`shift-${shift.id}.pdf`, pdf);
  },
};
