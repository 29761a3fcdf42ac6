// 实收 at the counter: what the cashier may type as the cash handed over for a payment.
import type { SalePayment } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import { formatYuan } from '../../shared/units';

/** Refuses a tendered amount for a non-cash payment, or one short of what is due. */
export function checkTendered(
  paymentMethod: SalePayment,
  tenderedFen: number | undefined,
  dueFen: number,
): void {
  if (tenderedFen === undefined) return;
  if (paymentMethod !== 'cash') throw new AppError('TENDERED_NOT_CASH');
  if (tenderedFen < dueFen)
    throw new AppError('TENDERED_TOO_LITTLE', {
      tendered: formatYuan(tenderedFen),
      amount: formatYuan(dueFen),
    });
}
