// The data folder holds the office secret, password hashes and the books: on POSIX only the user
// who runs PowerTill may read it (folders 0700, files 0600), including folders made by earlier
// versions with the default 0755/0644. On Windows the per-user AppData folder already is private.
import fs from 'node:fs';
import path from 'node:path';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** Makes the folder (if need be) and closes it and everything in it to other users. */
export function privateFolder(dir: string, platform = process.platform): void {
  fs.mkdirSync(dir, { recursive: true, mode: FOLDER_MODE });
  if (platform === 'win32') return;
  // Files the process makes from now on (the database's -wal and -shm, logs, backups) are
  // private from the start, not closed afterwards.
  process.umask(0o077);
  closeTree(dir);
}

function closeTree(dir: string): void {
  fs.chmodSync(dir, FOLDER_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) closeTree(full);
    else if (entry.isFile()) fs.chmodSync(full, FILE_MODE);
  }
}
