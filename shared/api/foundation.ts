// The foundation's methods: system, first-run setup, sign-in, operators, settings, office
// secret, audit and diagnostics.
import { z } from 'zod';
import { rule } from './fieldIssues';
import { freeText } from './text';
import type { Language } from '../errors';
import { ROLES } from '../roles';
import { listLimit } from './fields';
import { method } from './method';
import type {
  AuditPage,
  AuditVerification,
  DiagnosticsFile,
  HardwareStatus,
  OfficeSecretFile,
  OfficeSettings,
  OperatorView,
  SessionView,
  SetupResult,
  SetupStatus,
  SystemInfo,
} from './types';

const none = z.object({}).strict();
const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, rule('login_name'));
const displayName = freeText(40, { min: 1 });
const password = z.string().min(1).max(128);
const roleSchema = z.enum(ROLES);
const passphrase = z.string().min(8).max(256);

export const officeSettingsSchema = z
  .object({
    officeName: freeText(60, { min: 1 }),
    receiptHeader: freeText(120),
    idleTimeoutMinutes: z.number().int().min(1).max(480),
    minSaleFen: z.number().int().min(1).max(100_000_000),
    maxSaleFen: z.number().int().min(1).max(10_000_000_000),
    hoardingLimitFen: z.number().int().min(1).max(10_000_000_000),
    cardIssueFeeFen: z.number().int().min(0).max(100_000_00),
    cardReissueFeeFen: z.number().int().min(0).max(100_000_00),
    handoverToleranceFen: z.number().int().min(0).max(100_000_00),
    billingOverdraftFen: z.number().int().min(0).max(100_000_00),
    reversalNeedsApproval: z.boolean(),
  })
  .strict();

export const foundationMethods = {
  'system.info': method<SystemInfo>()({
    input: none,
    access: 'public',
    mutating: false,
    data: ['system'],
  }),
  'system.hardwareStatus': method<HardwareStatus>()({
    input: none,
    access: 'signedIn',
    mutating: false,
  }),

  'setup.status': method<SetupStatus>()({ input: none, access: 'public', mutating: false }),
  'setup.initialize': method<SetupResult>()({
    input: z
      .object({
        officeName: officeSettingsSchema.shape.officeName,
        receiptHeader: officeSettingsSchema.shape.receiptHeader,
        admin: z.object({ username, displayName, password }).strict(),
      })
      .strict(),
    access: 'public',
    mutating: true,
  }),

  'auth.login': method<SessionView>()({
    input: z.object({ username: z.string().trim().min(1).max(64), password }).strict(),
    access: 'public',
    mutating: true,
  }),
  'auth.logout': method<null>()({ input: none, access: 'signedIn', mutating: true }),
  'auth.session': method<SessionView>()({ input: none, access: 'signedIn', mutating: false }),
  'auth.changePassword': method<null>()({
    input: z.object({ currentPassword: password, newPassword: password }).strict(),
    access: 'signedIn',
    mutating: true,
  }),
  'auth.setLanguage': method<null>()({
    input: z.object({ language: z.enum(['zh-CN', 'en'] satisfies Language[]) }).strict(),
    access: 'signedIn',
    mutating: true,
  }),

  'operators.list': method<OperatorView[]>()({
    input: none,
    access: 'operators',
    mutating: false,
    data: ['operators'],
  }),
  'operators.create': method<OperatorView>()({
    input: z.object({ username, displayName, role: roleSchema, password }).strict(),
    access: 'operators',
    mutating: true,
    data: ['operators'],
  }),
  'operators.update': method<OperatorView>()({
    input: z
      .object({
        id: z.number().int().positive(),
        displayName: displayName.optional(),
        role: roleSchema.optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    access: 'operators',
    mutating: true,
    data: ['operators'],
  }),
  'operators.resetPassword': method<null>()({
    input: z.object({ id: z.number().int().positive(), password }).strict(),
    access: 'operators',
    mutating: true,
    data: ['operators'],
  }),
  'operators.unlock': method<OperatorView>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: 'operators',
    mutating: true,
    data: ['operators'],
  }),

  'settings.get': method<OfficeSettings>()({
    input: none,
    access: 'signedIn',
    mutating: false,
    data: ['settings'],
  }),
  'settings.update': method<OfficeSettings>()({
    input: officeSettingsSchema.partial().strict(),
    access: 'settings',
    mutating: true,
    data: ['settings', 'system'],
  }),

  'secret.fingerprint': method<{ fingerprint: string; createdAt: string }>()({
    input: none,
    access: 'cards.management',
    mutating: false,
    data: ['secret'],
  }),
  'secret.export': method<OfficeSecretFile>()({
    input: z.object({ passphrase }).strict(),
    access: 'settings',
    mutating: false,
    auditRead: true,
  }),
  'secret.import': method<{ fingerprint: string; replaced: boolean }>()({
    input: z
      .object({
        file: z.string().min(2).max(8192),
        passphrase,
        confirmReplace: z.boolean().default(false),
      })
      .strict(),
    access: 'settings',
    mutating: true,
    data: ['secret'],
  }),

  'audit.list': method<AuditPage>()({
    input: z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: listLimit(100),
      })
      .strict(),
    access: 'audit',
    mutating: false,
    data: ['audit'],
  }),
  /** With the head printed on a daily report or hand-over slip, also checks the chain reaches it. */
  'audit.verify': method<AuditVerification>()({
    input: z
      .object({
        anchor: z
          .object({
            seq: z.number().int().positive(),
            hash: z.string().regex(/^[0-9A-Fa-f]{8}$/, rule('hex8')),
          })
          .strict()
          .optional(),
      })
      .strict(),
    access: 'audit',
    mutating: false,
  }),

  'diagnostics.export': method<DiagnosticsFile>()({
    input: none,
    access: 'audit',
    mutating: false,
    auditRead: true,
  }),
} as const;
