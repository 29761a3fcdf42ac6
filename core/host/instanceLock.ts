// One running PowerTill per data folder: a second start finds the first and points to it
// instead of opening the same ledger and card reader twice.
import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'powertill.lock';

interface LockContent {
  pid: number;
  readyLine: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The ready line of a live instance holding this folder, if any. */
export function runningInstance(dir: string): string | null {
  const file = path.join(dir, LOCK_FILE);
  try {
    const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
    return lock.pid !== process.pid && alive(lock.pid) ? lock.readyLine : null;
  } catch {
    return null;
  }
}

export function takeLock(dir: string, readyLine: string): { release(): void } {
  const file = path.join(dir, LOCK_FILE);
  // Only the owner may read it: it carries the launch token.
  try {
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, readyLine } satisfies LockContent), {
      mode: 0o600,
    });
  } catch (error) {
    // A full disk leaves an empty file behind: no lock at all is the truer state.
    fs.rmSync(file, { force: true });
    throw error;
  }
  return {
    release() {
      try {
        const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
        if (lock.pid === process.pid) fs.unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
