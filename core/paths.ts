// Where PowerTill keeps its files: the app's own folder, and the office's per-user data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder holding package.json, found from this file whether run from source or a bundle. */
export function appRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'powertill') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the PowerTill app folder above ${from}`);
    dir = parent;
  }
}

export const migrationsDir = (root = appRoot()) => path.join(root, 'core', 'db', 'migrations');

/** The OS's usual per-user application data folder, or POWERTILL_DATA_DIR. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.POWERTILL_DATA_DIR) return path.resolve(env.POWERTILL_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PowerTill');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PowerTill');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'powertill');
}

export interface DataPaths {
  root: string;
  database: string;
  logs: string;
  backups: string;
}

/** Training mode gets its own folder and database so practice never touches the real books. */
export function dataPaths(dataDir: string, demo: boolean): DataPaths {
  const root = demo ? path.join(dataDir, 'training') : dataDir;
  return {
    root,
    database: path.join(root, demo ? 'powertill-training.sqlite3' : 'powertill.sqlite3'),
    logs: path.join(root, 'logs'),
    backups: path.join(root, 'backups'),
  };
}
