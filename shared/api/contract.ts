// The one API contract: every backend method once, with its input schema, output type, who may
// call it and whether it changes state. Both transports and the renderer read only this.
import { z } from 'zod';
import type { Language } from '../errors';
import { ROLES, type Role } from '../roles';
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

/** `public` needs no session (setup, sign-in); otherwise the roles that may call. */
export type Access = 'public' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Changes state: audited with its outcome, and refused while a password change is owed. */
  mutating: boolean;
  /** Audited although it changes nothing, because it hands out something sensitive. */
  auditRead?: boolean;
  /** Phantom marker for the output type; never set at run time. */
  readonly __output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, '__output'>): MethodSpec<I, O> =>
    spec;

const ANY_OPERATOR: readonly Role[] = ROLES;
const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

const none = z.object({}).strict();
const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
const displayName = z.string().trim().min(1).max(40);
const password = z.string().min(1).max(128);
const roleSchema = z.enum(ROLES);
const passphrase = z.string().min(8).max(256);

export const officeSettingsSchema = z
  .object({
    officeName: z.string().trim().min(1).max(60),
    receiptHeader: z.string().trim().max(120),
    idleTimeoutMinutes: z.number().int().min(1).max(480),
  })
  .strict();

export const api = {
  'system.info': method<SystemInfo>()({ input: none, access: 'public', mutating: false }),
  'system.hardwareStatus': method<HardwareStatus>()({
    input: none,
    access: ANY_OPERATOR,
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
  'auth.logout': method<null>()({ input: none, access: ANY_OPERATOR, mutating: true }),
  'auth.session': method<SessionView>()({ input: none, access: ANY_OPERATOR, mutating: false }),
  'auth.changePassword': method<null>()({
    input: z.object({ currentPassword: password, newPassword: password }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),
  'auth.setLanguage': method<null>()({
    input: z.object({ language: z.enum(['zh-CN', 'en'] satisfies Language[]) }).strict(),
    access: ANY_OPERATOR,
    mutating: true,
  }),

  'operators.list': method<OperatorView[]>()({ input: none, access: ADMINS, mutating: false }),
  'operators.create': method<OperatorView>()({
    input: z.object({ username, displayName, role: roleSchema, password }).strict(),
    access: ADMINS,
    mutating: true,
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
    access: ADMINS,
    mutating: true,
  }),
  'operators.resetPassword': method<null>()({
    input: z.object({ id: z.number().int().positive(), password }).strict(),
    access: ADMINS,
    mutating: true,
  }),
  'operators.unlock': method<OperatorView>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    access: ADMINS,
    mutating: true,
  }),

  'settings.get': method<OfficeSettings>()({ input: none, access: ANY_OPERATOR, mutating: false }),
  'settings.update': method<OfficeSettings>()({
    input: officeSettingsSchema.partial().strict(),
    access: ADMINS,
    mutating: true,
  }),

  'secret.fingerprint': method<{ fingerprint: string; createdAt: string }>()({
    input: none,
    access: SUPERVISORS,
    mutating: false,
  }),
  'secret.export': method<OfficeSecretFile>()({
    input: z.object({ passphrase }).strict(),
    access: ADMINS,
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
    access: ADMINS,
    mutating: true,
  }),

  'audit.list': method<AuditPage>()({
    input: z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    access: SUPERVISORS,
    mutating: false,
  }),
  'audit.verify': method<AuditVerification>()({
    input: none,
    access: SUPERVISORS,
    mutating: false,
  }),

  'diagnostics.export': method<DiagnosticsFile>()({
    input: none,
    access: SUPERVISORS,
    mutating: false,
    auditRead: true,
  }),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> =
  Api[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

export function mayCall(spec: MethodSpec, role: Role | undefined): boolean {
  if (spec.access === 'public') return true;
  return role !== undefined && spec.access.includes(role);
}
