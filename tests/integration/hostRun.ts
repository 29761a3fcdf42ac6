// The host as `npm start -- --headless` runs it, as a real process, for the tests that start it
// in a given state of the machine (no card service, a full disk …) and talk to it over HTTP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SESSION_HEADER } from '../../shared/api/envelope';

export const root = path.resolve(__dirname, '..', '..');
export const hostMain = path.join(root, 'dist', 'host', 'main.cjs');

export interface HostRun {
  stdout: string;
  stderr: string;
  code: number | null;
  pid: number;
  /** The base URL and token of the ready line, once printed. */
  url: string;
  token: string;
  alive(): boolean;
  /** One API call, as the renderer makes it; resolves to the envelope. */
  call(method: string, input?: unknown, session?: string): Promise<ApiReply>;
  stop(): Promise<void>;
}

export interface ApiReply {
  status: number;
  ok: boolean;
  value?: unknown;
  error?: { code: string; params?: Record<string, unknown> };
}

export interface StartOptions {
  untilExit?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Node flags before the host script (for example a `--require` preload). */
  nodeArgs?: string[];
  /** `--headless` unless false (then the host opens the desktop's browser). */
  headlessFlag?: boolean;
  /** Another copy of the host bundle (the packaged file set) instead of dist/host/main.cjs. */
  script?: string;
}

export function hostBuilt(): void {
  if (!fs.existsSync(hostMain))
    throw new Error(`${hostMain} is missing: run "npm run build" (npm test does).`);
}

/** Starts the host and resolves once it printed its ready line (or, with untilExit, exited). */
export function startHost(args: string[], options: StartOptions = {}): Promise<HostRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...(options.nodeArgs ?? []),
        options.script ?? hostMain,
        ...(options.headlessFlag === false ? [] : ['--headless']),
        ...args,
      ],
      { cwd: root, env: { ...process.env, ...options.env } },
    );
    const run: HostRun = {
      stdout: '',
      stderr: '',
      code: null,
      pid: child.pid ?? 0,
      url: '',
      token: '',
      alive: () => child.exitCode === null && child.signalCode === null,
      async call(method, input = {}, session) {
        const response = await fetch(`${run.url}api/${method}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${run.token}`,
            ...(session && { [SESSION_HEADER]: session }),
          },
          body: JSON.stringify(input),
        });
        const body = (await response.json()) as Omit<ApiReply, 'status'>;
        return { status: response.status, ...body };
      },
      stop: () =>
        new Promise((done) => {
          if (!run.alive()) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    };
    child.stdout.on('data', (c: Buffer) => {
      run.stdout += c.toString();
      const ready = /PowerTill ready at (\S+)\?token=(\S+)/.exec(run.stdout);
      if (!options.untilExit && ready && !run.url) {
        run.url = ready[1]!;
        run.token = ready[2]!;
        resolve(run);
      }
    });
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    });
  });
}

/** Polls until `check` holds or the time is up; returns whether it held. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 250,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const OFFICE = {
  officeName: '万达广场物业服务中心',
  receiptHeader: '万达广场 预付费电费收据',
  admin: { username: 'admin', displayName: '王主任', password: 'Admin1234' },
};

/** Runs the first-run wizard on a started host; returns the admin's session id. */
export async function setUpHost(run: HostRun): Promise<string> {
  const reply = await run.call('setup.initialize', OFFICE);
  if (!reply.ok) throw new Error(`setup failed: ${JSON.stringify(reply)}`);
  return (reply.value as { session: { sessionId: string } }).session.sessionId;
}

/** Signs the office's admin in on a host whose office is set up; returns the session id. */
export async function signInAdmin(run: HostRun): Promise<string> {
  const { username, password } = OFFICE.admin;
  const reply = await run.call('auth.login', { username, password });
  if (!reply.ok) throw new Error(`sign-in failed: ${JSON.stringify(reply)}`);
  return (reply.value as { sessionId: string }).sessionId;
}
