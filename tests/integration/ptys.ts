// Real serial byte streams for tests: socat links two ptys, one end for PowerTill's line, the
// other for the simulated meters (RECIPES.md). Killing socat is the adapter unplugged.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export const socatMissing = (): string | null =>
  fs.existsSync('/usr/bin/socat') ? null : 'socat is not installed (apt-get install socat)';

/** For a suite's first beforeAll: `npm test` installs socat, so without it the suite fails, saying so. */
export function requireSocat(): void {
  const missing = socatMissing();
  if (missing) throw new Error(missing);
}

export interface PtyPair {
  office: string;
  meters: string;
  process: ChildProcess;
  close(): Promise<void>;
}

/**
 * A pair of ptys; with `links`, each end also under a fixed name, so a device unplugged (socat
 * killed) and plugged back (a new pair on the same links) is at the same path again, as a USB
 * adapter is.
 */
export function ptyPair(links?: { office: string; device: string }): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const end = (link?: string) => `pty,raw,echo=0${link ? `,link=${link}` : ''}`;
    const child = spawn('socat', ['-d', '-d', end(links?.office), end(links?.device)]);
    let text = '';
    const timer = setTimeout(() => reject(new Error(`socat gave no ptys:\n${text}`)), 5_000);
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const paths = [...text.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!);
      if (paths.length === 2) {
        clearTimeout(timer);
        resolve({
          office: links?.office ?? paths[0]!,
          meters: links?.device ?? paths[1]!,
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
