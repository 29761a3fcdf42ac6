// shifts.*: the operator's current shift, hand-over (交班) with counted money, the supervisor's
// list, and the hand-over report.
import { AppError } from '../../shared/errors';
import { signedIn, type HandlerGroup } from '../api/context';
import { renderShiftReport } from '../receipts/shiftReport';

export const shiftHandlers: HandlerGroup<
  'shifts.current' | 'shifts.close' | 'shifts.list' | 'shifts.report'
> = {
  'shifts.current': (_input, ctx) => {
    const shift = ctx.services.shifts.currentFor(signedIn(ctx).id);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND');
    return shift;
  },

  'shifts.close': (input, ctx) => {
    const { shifts } = ctx.services;
    const operator = signedIn(ctx);
    const closed = ctx.write(
      () => {
        const shift = shifts.currentFor(operator.id);
        if (!shift) throw new AppError('SHIFT_NOT_FOUND');
        shifts.close(shift.id, input.counted, input.note, ctx.now.toISOString());
        return shifts.byId(shift.id)!;
      },
      (shift) => ({ shiftId: shift.id, expected: shift.expected, counted: shift.counted }),
    );
    return closed;
  },

  'shifts.list': (input, { services }) => services.shifts.list(input.limit),

  'shifts.report': async (input, ctx) => {
    const operator = signedIn(ctx);
    const shift = ctx.services.shifts.byId(input.shiftId);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND');
    if (operator.role === 'cashier' && shift.operatorId !== operator.id)
      throw new AppError('FORBIDDEN');
    const pdf = await renderShiftReport(
      ctx.services.settings.read(),
      shift,
      ctx.services.shifts.salesOf(shift.id),
      ctx.now.toISOString(),
      ctx.services.audit.head(),
    );
    return { fileName: `shift-${shift.id}.pdf`, base64: pdf.toString('base64'), reprint: 0 };
  },
};
