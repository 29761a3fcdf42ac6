// backups.*: backups on demand, the list, and restore (a supervisor's action).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';

export const backupHandlers: HandlerGroup<'backups.list' | 'backups.create' | 'backups.restore'> = {
  'backups.list': (_input, { services }) => services.backups.list(),

  'backups.create': async (input, ctx) => {
    const backup = await ctx.services.backups.create('manual', input.folder);
    ctx.write(
      () => undefined,
      () => ({ fileName: backup.fileName, folder: backup.folder }),
    );
    return backup;
  },

  'backups.restore': async (input, ctx) => {
    const { backups, sessions, sales } = ctx.services;
    const file =
      input.fileName !== undefined ? backups.resolve(input.fileName) : path.resolve(input.path!);
    if (!fs.existsSync(file))
      throw new AppError('BACKUP_NOT_FOUND', { fileName: path.basename(file) });
    const { preRestoreBackup } = await backups.restore(file);
    sessions.closeAll();
    // Recorded in the restored ledger's own chain, so its history says when it was restored.
    ctx.write(
      () => undefined,
      () => ({ restoredFrom: path.basename(file), preRestoreBackup }),
    );
    await sales.reconcile(ctx.now, ctx.write);
    return { restoredFrom: path.basename(file), preRestoreBackup };
  },
};
