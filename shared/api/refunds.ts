// Refunds (退费) and their list.
import { z } from 'zod';
import type { RefundView } from './ledgerTypes';
import { PAYMENT_METHODS } from './ledgerTypes';
import { method } from './method';
import { approval, count, fen, id, listLimit, reason, remaining } from './fields';

export const refundMethods = {
  /**
   * 退费 out of a suspended account's meter credit. A cashier needs a supervisor to approve at
   * the till with their own user name and password; a supervisor approves their own.
   */
  'refunds.create': method<RefundView>()({
    input: z
      .object({
        accountId: id,
        amountFen: fen,
        paymentMethod: z.enum(PAYMENT_METHODS),
        reason: reason,
        meterRemainingFen: remaining.optional(),
        meterLoadedCount: count.optional(),
        approval: approval.optional(),
      })
      .strict(),
    access: 'refund',
    mutating: true,
    data: ['accounts', 'sales'],
  }),
  'refunds.list': method<RefundView[]>()({
    input: z.object({ accountId: id.optional(), limit: listLimit(50) }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['sales'],
  }),
} as const;
