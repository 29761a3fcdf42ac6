// Office settings, office secret, audit verification and diagnostics endpoints.
import { injectFromContract } from '../../app/api';

export const settingsApi = injectFromContract(({ query, mutation }) => ({
  settings: query('settings.get'),
  updateSettings: mutation('settings.update'),
  secretFingerprint: query('secret.fingerprint'),
  exportSecret: mutation('secret.export'),
  importSecret: mutation('secret.import'),
  auditPage: query('audit.list'),
  verifyAudit: mutation('audit.verify'),
  backups: query('backups.list'),
  createBackup: mutation('backups.create'),
  // A mutation, not a cached query: each look is a fresh check of the file's seal.
  inspectBackup: mutation('backups.inspect'),
  restoreBackup: mutation('backups.restore'),
  exportDiagnostics: mutation('diagnostics.export'),
}));

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
