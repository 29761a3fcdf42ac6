// Backups of the ledger: list, make, look inside, restore.
import { z } from 'zod';
import { rule } from './fieldIssues';
import type { BackupInfo, BackupPreview } from './ledgerTypes';
import { method } from './method';

/** A backup by its name in the backups folder, or by a path (a USB stick). */
const backupSource = z
  .object({ fileName: z.string().max(200).optional(), path: z.string().max(500).optional() })
  .strict()
  .refine((v) => (v.fileName === undefined) !== (v.path === undefined), rule('backup_source'));

export const backupMethods = {
  'backups.list': method<BackupInfo[]>()({
    input: z.object({}).strict(),
    access: 'backups',
    mutating: false,
    data: ['backups'],
  }),
  /** A backup now, into the backups folder or a chosen one (a USB stick's path). */
  'backups.create': method<BackupInfo>()({
    input: z.object({ folder: z.string().trim().min(1).max(500).optional() }).strict(),
    access: 'backups',
    mutating: true,
    data: ['backups', 'audit'],
  }),
  /** What a sealed backup would restore (office, operators, last sale), after its seal is checked. */
  'backups.inspect': method<BackupPreview>()({
    input: backupSource,
    access: 'backups.restore',
    mutating: false,
  }),
  /** Replaces the ledger with a backup (after backing up the current one); signs everyone out. */
  'backups.restore': method<{ restoredFrom: string; preRestoreBackup: string }>()({
    input: backupSource,
    access: 'backups.restore',
    mutating: true,
  }),
} as const;
