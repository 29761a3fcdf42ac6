// The ledger's methods: customers, meters, tariffs, accounts and sales.
import { z } from 'zod';
import { rule } from './fieldIssues';
import { CUSTOMER_LIMITS, PHONE_PATTERN } from './limits';
import { freeText } from './text';
import { tariffDefinitionSchema } from '../tariff';
import type {
  AccountChange,
  AccountEventView,
  AccountView,
  BackupInfo,
  BackupPreview,
  CustomerMatch,
  CustomerView,
  ImportResult,
  LowBalanceRow,
  MeterReplaced,
  MeterReplacementView,
  MeterListRow,
  MeterView,
  ReconcileReport,
  ReceiptFile,
  RefundView,
  ReversalView,
  SalesReport,
  ShiftView,
  SaleView,
  TariffView,
  TrainingInsertResult,
} from './ledgerTypes';
import { BILLING_MODES, METER_MODELS, PAYMENT_METHODS } from './ledgerTypes';
import { ADMINS, ANY_OPERATOR, method, SUPERVISORS } from './method';
import { RECEIPT_LAYOUTS, type PrintedFile } from './printing';

const id = z.number().int().positive();
const text = (max: number) => freeText(max);
const fen = z.number().int().positive().max(100_000_000_00);
/** A supervisor's login name and password, given at a cashier's till. */
const approval = z
  .object({ username: z.string().trim().min(1).max(40), password: z.string().max(200) })
  .strict();
/** Money left on a meter, in fen (zero allowed). */
const remaining = z.number().int().min(0).max(100_000_000_00);
/** A register reading in 0.01 kWh. */
const reading = z.number().int().min(0).max(99_999_999_99);
const reason = freeText(200, { min: 2 });
const reportQuery = {
  from: z.iso.date(),
  to: z.iso.date(),
  customer: text(60).optional(),
  meterNo: text(20).optional(),
  operatorId: id.optional(),
};
/** A purchase count as a meter shows it. */
const count = z.number().int().min(0).max(65_535);

const customerFields = {
  name: freeText(CUSTOMER_LIMITS.name, { min: 1 }),
  shopUnit: text(CUSTOMER_LIMITS.shopUnit).default(''),
  floor: text(CUSTOMER_LIMITS.floor).default(''),
  area: text(CUSTOMER_LIMITS.area).default(''),
  phone: z
    .string()
    .trim()
    .max(CUSTOMER_LIMITS.phone)
    .refine((v) => v === '' || PHONE_PATTERN.test(v), rule('phone_digits'))
    .default(''),
  notes: freeText(CUSTOMER_LIMITS.notes, { multiline: true }).default(''),
};

export const meterNoSchema = z.string().regex(/^\d{12}$/, rule('twelve_digits'));

/** A backup by its name in the backups folder, or by a path (a USB stick). */
const backupSource = z
  .object({ fileName: z.string().max(200).optional(), path: z.string().max(500).optional() })
  .strict()
  .refine((v) => (v.fileName === undefined) !== (v.path === undefined), rule('backup_source'));

export const ledgerMethods = {
  'customers.search': method<CustomerMatch[]>()({
    input: z
      .object({ query: text(60), limit: z.number().int().min(1).max(50).default(20) })
      .strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'customers.get': method<CustomerView>()({
    input: z.object({ id }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'customers.create': method<CustomerView>()({
    input: z
      .object({
        customerNo: z
          .string()
          .trim()
          .min(1)
          .max(CUSTOMER_LIMITS.customerNo)
          .regex(/^[A-Za-z0-9-]+$/, rule('code_chars'))
          .optional(),
        ...customerFields,
      })
      .strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'customers.update': method<CustomerView>()({
    input: z
      .object({
        id,
        name: customerFields.name.optional(),
        shopUnit: text(40).optional(),
        floor: text(20).optional(),
        area: text(40).optional(),
        phone: text(30).optional(),
        notes: text(500).optional(),
      })
      .strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),

  /**
   * 批量开户 from an .xlsx or .csv file: every row checked first, then all imported in one
   * transaction, or none with the row-by-row errors.
   */
  'customers.import': method<ImportResult>()({
    input: z
      .object({
        fileName: z.string().trim().min(1).max(200),
        base64: z.string().min(1).max(14_000_000),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
  /** The import template (.xlsx) with the column headers and an example row. */
  'customers.importTemplate': method<ReceiptFile>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),

  'meters.register': method<MeterView>()({
    input: z
      .object({
        meterNo: meterNoSchema,
        circuit: z.number().int().min(0).max(36).default(0),
        model: z.enum(METER_MODELS),
        ctRatio: z.number().int().min(1).max(10_000).default(1),
        /** NK meters only: recharged from the tenant's card at an ACRT terminal. */
        viaAcrt: z.boolean().default(false),
        /** NK meters: DL/T 645-2007, or Modbus-RTU with the unit address set on the meter. */
        protocol: z.enum(['dlt645', 'modbus']).default('dlt645'),
        modbusUnit: z.number().int().min(1).max(247).optional(),
      })
      .strict()
      .refine((m) => m.protocol === 'dlt645' || m.modbusUnit !== undefined, {
        message: rule('modbus_unit'),
        path: ['modbusUnit'],
      }),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** Meters by number, each with its tenant, last reading and open alarms. */
  'meters.list': method<MeterListRow[]>()({
    input: z
      .object({ query: text(20).default(''), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),

  'tariffs.list': method<TariffView[]>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'tariffs.create': method<TariffView>()({
    input: z
      .object({ name: freeText(40, { min: 1 }), definition: tariffDefinitionSchema })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
  'tariffs.schedule': method<TariffView>()({
    input: z
      .object({
        tariffId: id,
        definition: tariffDefinitionSchema,
        effectiveFrom: z.iso.datetime({ offset: true }),
      })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
  }),

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
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** 保电: an office-billed account's meter is never tripped for want of money (or put back on). */
  'accounts.keepPower': method<AccountView>()({
    input: z
      .object({ accountId: id, keep: z.boolean(), reason: freeText(200, { min: 1 }) })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
  'accounts.get': method<AccountView>()({
    input: z.object({ id }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'accounts.forCustomer': method<AccountView[]>()({
    input: z.object({ customerId: id }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
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
    access: SUPERVISORS,
    mutating: true,
  }),
  /** 恢复用电: back to active; refunded credit must have been cleared off the meter first. */
  'accounts.resume': method<AccountChange>()({
    input: z
      .object({ accountId: id, reason: reason, meterCleared: z.boolean().default(false) })
      .strict(),
    access: SUPERVISORS,
    mutating: true,
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
    access: SUPERVISORS,
    mutating: true,
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
    access: SUPERVISORS,
    mutating: true,
  }),
  'accounts.meterHistory': method<MeterReplacementView[]>()({
    input: z.object({ accountId: id }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'accounts.events': method<AccountEventView[]>()({
    input: z.object({ accountId: id }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
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
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'refunds.list': method<RefundView[]>()({
    input: z
      .object({ accountId: id.optional(), limit: z.number().int().min(1).max(500).default(50) })
      .strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),

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
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /**
   * 冲正: takes back a sale the meter has not loaded yet by rewriting the card. A cashier may
   * reverse their own sales of the day (with a supervisor's approval at the till when the office
   * asks for one); a supervisor any.
   */
  'sales.reverse': method<ReversalView>()({
    /** The approval is needed from a cashier when the office asks for it (设置). */
    input: z.object({ saleId: id, reason, approval: approval.optional() }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'sales.list': method<SaleView[]>()({
    input: z
      .object({ accountId: id.optional(), limit: z.number().int().min(1).max(500).default(50) })
      .strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** The receipt as PDF; printing again is a reprint (补打) that keeps the number. */
  'receipts.print': method<PrintedFile>()({
    /** Without a layout, the office's (打印设置); sent to the office's receipt printer if one is set. */
    input: z.object({ receiptNo: id, layout: z.enum(RECEIPT_LAYOUTS).optional() }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'backups.list': method<BackupInfo[]>()({
    input: z.object({}).strict(),
    access: SUPERVISORS,
    mutating: false,
  }),
  /** A backup now, into the backups folder or a chosen one (a USB stick's path). */
  'backups.create': method<BackupInfo>()({
    input: z.object({ folder: z.string().trim().min(1).max(500).optional() }).strict(),
    access: SUPERVISORS,
    mutating: true,
  }),
  /** What a sealed backup would restore (office, operators, last sale), after its seal is checked. */
  'backups.inspect': method<BackupPreview>()({
    input: backupSource,
    access: ADMINS,
    mutating: false,
  }),
  /** Replaces the ledger with a backup (after backing up the current one); signs everyone out. */
  'backups.restore': method<{ restoredFrom: string; preRestoreBackup: string }>()({
    input: backupSource,
    access: ADMINS,
    mutating: true,
  }),
  /** The signed-in operator's open shift with its takings so far. */
  'shifts.current': method<ShiftView>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** 交班: closes the operator's shift with the money counted per payment method. */
  'shifts.close': method<ShiftView>()({
    input: z
      .object({
        counted: z
          .object(
            Object.fromEntries(
              PAYMENT_METHODS.map((m) => [m, z.number().int().min(0).max(100_000_000_00)]),
            ) as Record<(typeof PAYMENT_METHODS)[number], z.ZodNumber>,
          )
          .strict(),
        note: freeText(500, { multiline: true }).default(''),
        /** A supervisor signing at the till for a count beyond the office's tolerance. */
        approval: approval.optional(),
      })
      .strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'shifts.list': method<ShiftView[]>()({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    access: SUPERVISORS,
    mutating: false,
  }),
  /** The hand-over report (交班报表) as PDF: one's own shifts, or any for a supervisor. */
  'shifts.report': method<ReceiptFile>()({
    input: z.object({ shiftId: id }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /**
   * 日报 / 月报 / 年报 or any range of office days (inclusive), by payment method, tariff, area,
   * operator, customer and meter; optionally for one customer, meter or operator.
   */
  'reports.sales': method<SalesReport>()({
    input: z.object(reportQuery).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  'reports.salesFile': method<ReceiptFile>()({
    input: z.object({ ...reportQuery, format: z.enum(['pdf', 'xlsx']) }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** 电价历史 as PDF or Excel: every version of every tariff. */
  'reports.tariffHistoryFile': method<ReceiptFile>()({
    input: z.object({ format: z.enum(['pdf', 'xlsx']) }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** Everyone who may have sold (also disabled operators, for old periods): the report's filter. */
  'reports.operators': method<{ id: number; displayName: string; active: boolean }[]>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** 低余额: active accounts whose meter was last seen below the threshold. */
  'reports.lowBalance': method<LowBalanceRow[]>()({
    input: z.object({ thresholdFen: remaining }).strict(),
    access: ANY_OPERATOR,
    mutating: false,
  }),
  /** Training mode only: the tenant puts the simulated card into the simulated meter. */
  'training.insertCard': method<TrainingInsertResult>()({
    input: z.object({ accountId: id }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** Training with virtual cards: a fresh blank card onto the virtual reader. */
  'training.putBlankCard': method<{ done: true }>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  /** Training with virtual cards: a trading day passes in the account's shop (10 h at 2 kW). */
  'training.runDay': method<TrainingInsertResult>()({
    input: z.object({ accountId: id }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'sales.reconcile': method<ReconcileReport>()({
    input: z.object({}).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
} as const;
