// backups.*: backups on demand, the list, what a backup holds, and restore (an admin's action).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AreaContext, HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'audit' | 'backups' | 'sales' | 'sessions';

/** The file a call names: a name in the backups folder, or a path (a USB stick). */
function backupFile(input: { fileName?: string; path?: string }, ctx: AreaContext<Area>): string {
  const file =
    input.fileName !== undefined
      ? ctx.services.backups.resolve(input.fileName)
      : path.resolve(input.path!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('BACKUP_NOT_FOUND', { fileName: path.basename(file) });
  return file;
}

export const backupHandlers: HandlerGroup<
  'backups.list' | 'backups.create' | 'backups.inspect' | 'backups.restore',
  Area
> = {
  'backups.list': (_input, { services }) => services.backups.list(),

  'backups.create': async (input, ctx) => {
    const backup = await ctx.services.backups.create('manual', input.folder);
    ctx.write(
      () => undefined,
      () => ({ fileName: backup.fileName, folder: backup.folder }),
    );
    return backup;
  },

  'backups.inspect': (input, ctx) => ctx.services.backups.inspect(backupFile(input, ctx)),

  'backups.restore': async (input, ctx) => {
    const { backups, sessions, sales, audit } = ctx.services;
    const file = backupFile(input, ctx);
    const { preRestoreBackup } = await backups.restore(file);
    audit.reload();
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
