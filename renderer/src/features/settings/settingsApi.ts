// Office settings, office secret, audit verification and diagnostics endpoints.
import { api, call, type Output } from '../../app/api';
import type { MethodInput } from '../../../../shared/api/contract';

export const settingsApi = api.injectEndpoints({
  endpoints: (build) => ({
    settings: build.query<Output<'settings.get'>, void>({
      query: () => call('settings.get'),
      providesTags: ['Settings'],
    }),
    updateSettings: build.mutation<Output<'settings.update'>, MethodInput<'settings.update'>>({
      query: (input) => call('settings.update', input),
      invalidatesTags: ['Settings', 'System'],
    }),
    secretFingerprint: build.query<Output<'secret.fingerprint'>, void>({
      query: () => call('secret.fingerprint'),
      providesTags: ['Secret'],
    }),
    exportSecret: build.mutation<Output<'secret.export'>, MethodInput<'secret.export'>>({
      query: (input) => call('secret.export', input),
    }),
    importSecret: build.mutation<Output<'secret.import'>, MethodInput<'secret.import'>>({
      query: (input) => call('secret.import', input),
      invalidatesTags: ['Secret'],
    }),
    auditPage: build.query<Output<'audit.list'>, MethodInput<'audit.list'>>({
      query: (input) => call('audit.list', input),
      providesTags: ['Audit'],
    }),
    verifyAudit: build.mutation<Output<'audit.verify'>, MethodInput<'audit.verify'>>({
      query: (input) => call('audit.verify', input),
    }),
    backups: build.query<Output<'backups.list'>, void>({
      query: () => call('backups.list'),
      providesTags: ['Audit'],
    }),
    createBackup: build.mutation<Output<'backups.create'>, MethodInput<'backups.create'>>({
      query: (input) => call('backups.create', input),
      invalidatesTags: ['Audit'],
    }),
    // A mutation, not a cached query: each look is a fresh check of the file's seal.
    inspectBackup: build.mutation<Output<'backups.inspect'>, MethodInput<'backups.inspect'>>({
      query: (input) => call('backups.inspect', input),
    }),
    restoreBackup: build.mutation<Output<'backups.restore'>, MethodInput<'backups.restore'>>({
      query: (input) => call('backups.restore', input),
    }),
    exportDiagnostics: build.mutation<Output<'diagnostics.export'>, void>({
      query: () => call('diagnostics.export'),
    }),
  }),
});

export const {
  useSettingsQuery,
  useUpdateSettingsMutation,
  useSecretFingerprintQuery,
  useExportSecretMutation,
  useImportSecretMutation,
  useVerifyAuditMutation,
  useExportDiagnosticsMutation,
  useBackupsQuery,
  useAuditPageQuery,
  useCreateBackupMutation,
  useRestoreBackupMutation,
  useInspectBackupMutation,
} = settingsApi;
