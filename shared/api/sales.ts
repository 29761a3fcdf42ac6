// Sales (售电), reversals (冲正), their list and receipts, and settling what is pending.
import { z } from 'zod';
import type { ReconcileReport, ReversalView, SaleView } from './ledgerTypes';
import { PAYMENT_METHODS } from './ledgerTypes';
import { method } from './method';
import { RECEIPT_LAYOUTS, type PrintedReceipt } from './printing';
import { approval, fen, id, listLimit, reason } from './fields';

export const saleMethods = {
  'sales.sell': method<SaleView>()({
    input: z
      .object({
        accountId: id,
        amountFen: fen,
        paymentMethod: z.enum(PAYMENT_METHODS),
        /** Cash handed over (实收), for a cash sale; the receipt then shows the change (找零). */
        tenderedFen: fen.optional(),
        /** Add to the purchase that the meter has not loaded yet, on the same count. */
        addToUnloaded: z.boolean().default(false),
      })
      .strict(),
    access: 'sell',
    mutating: true,
    data: ['accounts', 'sales'],
  }),
  /**
   * 冲正: takes back a sale the meter has not loaded yet by rewriting the card. A cashier may
   * reverse their own sales of the day (with a supervisor's approval at the till when the office
   * asks for one); a supervisor any.
   */
  'sales.reverse': method<ReversalView>()({
    /** The approval is needed from a cashier when the office asks for it (设置). */
    input: z.object({ saleId: id, reason, approval: approval.optional() }).strict(),
    access: 'reverse',
    mutating: true,
    data: ['accounts', 'sales'],
  }),
  'sales.list': method<SaleView[]>()({
    input: z.object({ accountId: id.optional(), limit: listLimit(50) }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['sales'],
  }),
  /** The receipt as PDF; printing again is a reprint (补打) that keeps the number. */
  'receipts.print': method<PrintedReceipt>()({
    /** Without a layout, the office's (打印设置); sent to the office's receipt printer if one is set. */
    input: z.object({ receiptNo: id, layout: z.enum(RECEIPT_LAYOUTS).optional() }).strict(),
    access: 'sell',
    mutating: true,
  }),
  'sales.reconcile': method<ReconcileReport>()({
    input: z.object({}).strict(),
    access: 'sell',
    mutating: true,
    data: ['accounts', 'sales'],
  }),
} as const;
