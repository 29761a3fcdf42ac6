// Accounts (账户): open, suspend (报停), resume, close (销户), replace the meter (换表), 保电.
import { z } from 'zod';
import { freeText } from './text';
import type {
  AccountChange,
  AccountEventView,
  AccountView,
  MeterReplaced,
  MeterReplacementView,
} from './ledgerTypes';
import { BILLING_MODES, METER_MODELS, PAYMENT_METHODS } from './ledgerTypes';
import { method } from './method';
import { count, fen, id, meterNoSchema, reading, reason, remaining } from './fields';

export const accountMethods = {
  'accounts.open': method<AccountView>()({
    input: z
      .object({
        customerId: id,
        meterId: id,
        tariffId: id,
        installReading: z.number().int().min(0).default(0),
        /** 主站计费 ('office'); a metering meter is always billed by the office. */
        billing: z.enum(BILLING_MODES).optional(),
      })
      .strict(),
    access: 'accounts.open',
    mutating: true,
    data: ['accounts', 'customers', 'meters'],
  }),
  /** 保电: an office-billed account's meter is never tripped for want of money (or put back on). */
  'accounts.keepPower': method<AccountView>()({
    input: z
      .object({ accountId: id, keep: z.boolean(), reason: freeText(200, { min: 1 }) })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['accounts', 'meters'],
  }),
  'accounts.get': method<AccountView>()({
    input: z.object({ id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['accounts'],
  }),
  'accounts.forCustomer': method<AccountView[]>()({
    input: z.object({ customerId: id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['accounts'],
  }),

  /** 报停: the meter stops being sold to; the credit left on it may be refunded at once. */
  'accounts.suspend': method<AccountChange>()({
    input: z
      .object({
        accountId: id,
        reason: reason,
        meterReading: reading.optional(),
        refund: z
          .object({
            /** Omitted: everything refundable. */
            amountFen: fen.optional(),
            paymentMethod: z.enum(PAYMENT_METHODS),
            /** Typed off the meter's display when the card's write-back is not at hand. */
            meterRemainingFen: remaining.optional(),
            meterLoadedCount: count.optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['accounts', 'sales'],
  }),
  /** 恢复用电: back to active; refunded credit must have been cleared off the meter first. */
  'accounts.resume': method<AccountChange>()({
    input: z
      .object({ accountId: id, reason: reason, meterCleared: z.boolean().default(false) })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['accounts'],
  }),
  /** 销户: final reading, everything refundable paid back, the account closed for good. */
  'accounts.close': method<AccountChange>()({
    input: z
      .object({
        accountId: id,
        reason: reason,
        finalReading: reading,
        meterRemainingFen: remaining.optional(),
        meterLoadedCount: count.optional(),
        paymentMethod: z.enum(PAYMENT_METHODS).default('cash'),
        /**
         * An NK meter on the line that does not answer: close anyway and hold the refund until
         * the meter answers and gives the credit back (otherwise the closing is refused).
         */
        holdIfSilent: z.boolean().default(false),
      })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['accounts', 'sales', 'meters'],
  }),
  /**
   * 换表: the account moves to a new meter with the old meter's final reading, and the old meter's
   * credit (less refunds not yet cleared) is carried over by the meter-change card.
   */
  'accounts.replaceMeter': method<MeterReplaced>()({
    input: z
      .object({
        accountId: id,
        reason: reason,
        newMeterNo: meterNoSchema,
        /** Defaults to the old meter's model and CT ratio. */
        model: z.enum(METER_MODELS).optional(),
        ctRatio: z.number().int().min(1).max(10_000).optional(),
        oldFinalReading: reading,
        newInstallReading: reading.default(0),
        meterRemainingFen: remaining.optional(),
        meterLoadedCount: count.optional(),
      })
      .strict(),
    access: 'accounts.lifecycle',
    mutating: true,
    data: ['accounts', 'meters', 'customers'],
  }),
  'accounts.meterHistory': method<MeterReplacementView[]>()({
    input: z.object({ accountId: id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['accounts'],
  }),
  'accounts.events': method<AccountEventView[]>()({
    input: z.object({ accountId: id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['accounts'],
  }),
} as const;
