// Real serial byte streams for tests: socat links two ptys, one end for PowerTill's line, the
// other for the simulated meters (RECIPES.md). Killing socat is the adapter unplugged.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export const socatMissing = (): string | null =>
  fs.existsSync('/usr/bin/socat') ? null : 'socat is not installed (apt-get install socat)';

export interface PtyPair {
  office: string;
  meters: string;
  process: ChildProcess;
  close(): Promise<void>;
}

export function ptyPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0']);
    let text = '';
    const timer = setTimeout(() => reject(new Error(`socat gave no ptys:\n${text}`)), 5_000);
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const paths = [...text.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!);
      if (paths.length === 2) {
        clearTimeout(timer);
        resolve({
          office: paths[0]!,
          meters: paths[1]!,
          process: child,
          close: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('error', reject);
  });
}
