// A private CUPS scheduler for tests: its own config, spool and socket in a temp folder, and a
// "capture" backend that keeps each job's bytes as a file, so a test sees exactly what a printer
// would have received. Needs cupsd (Debian cups-daemon, installed by `npm test`) and root, as
// cupsd drops to the lp user itself.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../core/testing';

export interface TestCups {
  env: NodeJS.ProcessEnv;
  /** Adds a printer whose jobs land in `jobsDir`. */
  addPrinter(name: string, options?: { isDefault?: boolean }): void;
  run(command: string, args: string[]): string;
  /** Waits for the n-th job file to appear and returns its bytes. */
  waitForJob(count: number): Promise<Buffer>;
  stop(): Promise<void>;
}

const CUPS_DAEMON_DIR = '/usr/lib/cups/daemon';

export function cupsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root (cupsd must start as root)';
  for (const binary of ['/usr/sbin/cupsd', '/usr/bin/lp', '/usr/bin/lpstat', '/usr/sbin/lpadmin'])
    if (!fs.existsSync(binary))
      return `${binary} is missing (apt-get install cups-daemon cups-client)`;
  if (!fs.existsSync(CUPS_DAEMON_DIR)) return `${CUPS_DAEMON_DIR} is missing`;
  return null;
}

export async function startTestCups(): Promise<TestCups> {
  const root = tempDir('powertill-cups-');
  fs.chmodSync(root, 0o755);
  const dirs = ['spool', 'cache', 'state', 'log', 'tmp', 'ppd', 'bin/backend', 'jobs'];
  for (const dir of dirs) fs.mkdirSync(path.join(root, dir), { recursive: true });
  const jobsDir = path.join(root, 'jobs');
  fs.chmodSync(jobsDir, 0o777);
  const socket = path.join(root, 'cups.sock');
  fs.writeFileSync(
    path.join(root, 'cupsd.conf'),
    [
      `Listen ${socket}`,
      'LogLevel warn',
      'WebInterface No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order allow,deny',
      '    Allow all',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `ServerBin ${path.join(root, 'bin')}`,
      `RequestRoot ${path.join(root, 'spool')}`,
      `CacheDir ${path.join(root, 'cache')}`,
      `StateDir ${path.join(root, 'state')}`,
      `TempDir ${path.join(root, 'tmp')}`,
      `ErrorLog ${path.join(root, 'log', 'error_log')}`,
      `AccessLog ${path.join(root, 'log', 'access_log')}`,
      `PageLog ${path.join(root, 'log', 'page_log')}`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  // cupsd runs backends through its cups-exec helper, which it looks for under ServerBin.
  fs.symlinkSync(CUPS_DAEMON_DIR, path.join(root, 'bin', 'daemon'));
  const backend = path.join(root, 'bin', 'backend', 'capture');
  fs.writeFileSync(
    backend,
    [
      '#!/bin/sh',
      'if [ $# -eq 0 ]; then echo \'direct capture "Unknown" "Test capture"\'; exit 0; fi',
      'out="${DEVICE_URI#capture:}"',
      'if [ -n "$6" ]; then cat "$6" > "$out/job-$1.tmp"; else cat > "$out/job-$1.tmp"; fi',
      'mv "$out/job-$1.tmp" "$out/job-$1.pdf"',
      '',
    ].join('\n'),
  );
  // Mode 0700 and owned by root: cupsd runs such a backend as root, so it may write anywhere.
  fs.chmodSync(backend, 0o700);

  const env = { ...process.env, CUPS_SERVER: socket };
  const daemon: ChildProcess = spawn(
    '/usr/sbin/cupsd',
    ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')],
    { stdio: 'ignore' },
  );
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { env: { ...env, LANG: 'C' }, encoding: 'utf8' });
  for (let i = 0; ; i += 1) {
    try {
      if (fs.existsSync(socket) && run('lpstat', ['-r']).includes('is running')) break;
    } catch {
      // not up yet
    }
    if (i > 100) throw new Error('the test cupsd did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    env,
    run,
    addPrinter(name, options = {}) {
      run('lpadmin', ['-p', name, '-E', '-v', `capture:${jobsDir}`]);
      if (options.isDefault) run('lpadmin', ['-d', name]);
    },
    async waitForJob(count) {
      for (let i = 0; i < 200; i += 1) {
        const jobs = fs
          .readdirSync(jobsDir)
          .filter((f) => f.endsWith('.pdf'))
          .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
        if (jobs.length >= count) return fs.readFileSync(path.join(jobsDir, jobs[count - 1]!));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`print job ${count} never reached the printer`);
    },
    async stop() {
      if (daemon.exitCode === null && daemon.signalCode === null) {
        const exited = new Promise((resolve) => daemon.once('exit', resolve));
        daemon.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
