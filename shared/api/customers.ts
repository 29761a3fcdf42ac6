// The tenants (用户): search, create, edit and import them.
import { z } from 'zod';
import { rule } from './fieldIssues';
import { CUSTOMER_LIMITS, PHONE_PATTERN } from './limits';
import { freeText } from './text';
import type { CustomerMatch, CustomerView, ImportResult, OfficeFile } from './ledgerTypes';
import { method } from './method';
import { id, text } from './fields';

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

export const customerMethods = {
  'customers.search': method<CustomerMatch[]>()({
    input: z
      .object({ query: text(60), limit: z.number().int().min(1).max(50).default(20) })
      .strict(),
    access: 'signedIn',
    mutating: false,
    data: ['customers'],
  }),
  'customers.get': method<CustomerView>()({
    input: z.object({ id }).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['customers'],
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
    access: 'accounts.open',
    mutating: true,
    data: ['customers'],
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
    access: 'accounts.open',
    mutating: true,
    data: ['customers'],
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
    access: 'customers.import',
    mutating: true,
    data: ['customers', 'accounts', 'meters'],
  }),
  /** The import template (.xlsx) with the column headers and an example row. */
  'customers.importTemplate': method<OfficeFile>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
  }),
} as const;
