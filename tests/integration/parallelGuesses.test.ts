// Parallel password guesses against the real host over HTTP: the lockout holds when 40 wrong
// passwords arrive at once (each attempt is counted before scrypt runs), for a real operator
// and for a user name nobody has.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../core/testing';
import { hostBuilt, OFFICE, setUpHost, startHost, type HostRun } from './hostRun';

async function guesses(run: HostRun, username: string, count: number): Promise<string[]> {
  const replies = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      run.call('auth.login', { username, password: `guess${i}abc` }),
    ),
  );
  return replies.map((r) => (r.ok ? 'ok' : r.error!.code));
}

describe('parallel password guesses at the host', () => {
  let dir: string;
  let run: HostRun;
  beforeAll(async () => {
    hostBuilt();
    dir = tempDir();
    run = await startHost(['--data-dir', path.join(dir, 'data')]);
    await setUpHost(run);
  });
  afterAll(async () => {
    await run.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lock an operator after at most five checks; the right password is refused then', async () => {
    const codes = await guesses(run, OFFICE.admin.username, 40);
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(36);
    const { username, password } = OFFICE.admin;
    const right = await run.call('auth.login', { username, password });
    expect(right.error).toMatchObject({ code: 'ACCOUNT_LOCKED', params: { minutes: 5 } });
  }, 60_000);

  it('lock an unknown user name the same way, telling nothing of whether it exists', async () => {
    const codes = await guesses(run, 'nobody', 40);
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(36);
  }, 60_000);
});
