// The real host process for benches: an office generated into its data folder, the host started
// on it (dist/host/main.cjs, headless) and called over HTTP as the renderer calls it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ADMIN, openTestCore, setUpOffice } from '../core/testing';
import { SESSION_HEADER } from '../shared/api/envelope';
import { seedOffice } from '../tests/seedOffice';

const root = path.resolve(__dirname, '..');

/** An office set up in `dataDir` with 5,000 customers and `sales` sales; the last sale's moment. */
export async function seededOffice(dataDir: string, sales: number): Promise<number> {
  const core = await openTestCore({ dataDir });
  const admin = (await setUpOffice(core)).sessionId;
  const end = core.clock.now.getTime();
  if (sales > 0) {
    const tariff = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    seedOffice(core.services.db, { customers: 5_000, sales, tariffId: tariff.id, end });
  }
  await core.close();
  return end;
}

/** The host started on `dataDir`, once it has printed its ready line: its address and token. */
export async function spawnHost(
  dataDir: string,
): Promise<{ child: ChildProcess; base: URL; token: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/host/main.cjs'), '--headless', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /PowerTill ready at (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}`)));
  });
  const base = new URL(url);
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, base, token: base.searchParams.get('token')!, stop };
}

export interface Reply<T = unknown> {
  ok: boolean;
  value: T;
  error?: { code: string };
}

/** The host started on `dataDir` with the office's administrator signed in. */
export async function signedInHost(dataDir: string) {
  const host = await spawnHost(dataDir);
  let session = '';
  /** One API call; the reply as the envelope says it, refusals included. */
  const call = async <T = unknown>(method: string, input: unknown = {}): Promise<Reply<T>> => {
    const response = await fetch(new URL(`/api/${method}`, host.base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${host.token}`,
        ...(session && { [SESSION_HEADER]: session }),
      },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Reply<T>;
  };
  /** One API call that must succeed: its value. */
  const ok = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const reply = await call<T>(method, input);
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };
  session = (
    await ok<{ sessionId: string }>('auth.login', {
      username: ADMIN.username,
      password: ADMIN.password,
    })
  ).sessionId;
  return { ...host, call, ok };
}
