// The host process at the edges of the machine it runs on: a disk that fills up under it, other
// users of the same PC (file modes, the launch token on command lines and in logs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../core/testing';
import { hostBuilt, setUpHost, signInAdmin, startHost } from './hostRun';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const posix = process.platform !== 'win32';

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** Every file and folder under dir with its mode. */
function modes(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (at: string) => {
    found.set(at, modeOf(at));
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.set(full, modeOf(full));
    }
  };
  walk(dir);
  return found;
}

function logText(dataDir: string): string {
  const logs = path.join(dataDir, 'logs');
  return fs
    .readdirSync(logs)
    .map((f) => fs.readFileSync(path.join(logs, f), 'utf8'))
    .join('\n');
}

describe('the host at the edges of its PC', () => {
  let dir: string;
  beforeAll(hostBuilt);
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  (isRoot ? describe : describe.skip)('a disk that fills up (tmpfs of 30 MB)', () => {
    let mount: string;
    beforeEach(() => {
      mount = path.join(dir, 'disk');
      fs.mkdirSync(mount);
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=30m', 'tmpfs', mount]);
      if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
    });
    afterEach(() => spawnSync('umount', ['-l', mount]));

    function fill() {
      const fd = fs.openSync(path.join(mount, 'filler'), 'w');
      for (const size of [1 << 20, 4096, 512, 1])
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(size));
        } catch {
          // full at this size; smaller writes may still fit
        }
      fs.closeSync(fd);
    }

    it('stays up refusing writes clearly, and a start on the full disk says so in one line', async () => {
      const dataDir = path.join(mount, 'data');
      const run = await startHost(['--data-dir', dataDir]);
      try {
        const session = await setUpHost(run);
        const before = await run.call('customers.create', { name: '星巴克' }, session);
        expect(before.ok).toBe(true);
        fill();
        const refused = [];
        for (let i = 0; i < 20; i += 1)
          refused.push(await run.call('customers.create', { name: `客户${i}` }, session));
        expect(refused.every((r) => !r.ok && r.error?.code === 'DISK_FULL')).toBe(true);
        // Every refusal and every bad request is logged to the full disk: the host lives on.
        for (let i = 0; i < 200; i += 1) await run.call('no.such', {});
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(run.alive()).toBe(true);
        const found = await run.call('customers.search', { query: '星巴克' }, session);
        expect(found.ok).toBe(true);
        expect((found.value as unknown[]).length).toBe(1);
      } finally {
        await run.stop();
      }
      expect(run.code).toBe(0);

      const again = await startHost(['--data-dir', dataDir], { untilExit: true });
      expect(again.code).toBe(1);
      expect(again.stdout).toBe('');
      const lines = again.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('磁盘已满');
      expect(lines[1]).toContain('The disk is full');
      expect(again.stderr).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(path.join(dataDir, 'powertill.lock'))).toBe(false);
    }, 120_000);
  });

  (isRoot ? it : it.skip)(
    'says in one line when the data folder cannot be written (a read-only disk, a file in the way)',
    async () => {
      const readOnly = path.join(dir, 'ro');
      fs.mkdirSync(readOnly);
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]);
      const inTheWay = path.join(dir, 'a-file');
      fs.writeFileSync(inTheWay, 'x');
      try {
        for (const dataDir of [path.join(readOnly, 'data'), path.join(inTheWay, 'data')]) {
          const run = await startHost(['--data-dir', dataDir], { untilExit: true });
          expect(run.code).toBe(1);
          const lines = run.stderr.trim().split('\n');
          expect(lines).toHaveLength(2);
          expect(lines[0]).toContain('PowerTill 无法写入数据文件夹');
          expect(lines[1]).toContain('cannot write to its data folder');
          expect(run.stderr).not.toMatch(/^\s+at /m);
        }
      } finally {
        spawnSync('umount', ['-l', readOnly]);
      }
    },
    60_000,
  );

  (posix ? it : it.skip)(
    'keeps the data folder to its user: folders 0700 and files 0600, older 0755/0644 ones closed',
    async () => {
      const dataDir = path.join(dir, 'data');
      // As an earlier version left it.
      fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true, mode: 0o755 });
      fs.chmodSync(dataDir, 0o755);
      fs.writeFileSync(path.join(dataDir, 'backups', 'old.sqlite3'), 'x', { mode: 0o644 });
      const run = await startHost(['--data-dir', dataDir]);
      try {
        const session = await setUpHost(run);
        await run.call('customers.create', { name: '星巴克' }, session);
        const seen = modes(dataDir);
        expect(seen.get(path.join(dataDir, 'powertill.sqlite3'))).toBe(0o600);
        expect(seen.get(path.join(dataDir, 'powertill.sqlite3-wal'))).toBe(0o600);
        for (const [file, mode] of seen) {
          const isDir = fs.statSync(file).isDirectory();
          expect([file, mode]).toEqual([file, isDir ? 0o700 : 0o600]);
        }
      } finally {
        await run.stop();
      }
    },
    60_000,
  );

  (posix ? it : it.skip)(
    'opens the browser with a one-time code, never the token on a command line or in a log',
    async () => {
      const dataDir = path.join(dir, 'data');
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      const seen = path.join(dir, 'xdg-open.args');
      // The desktop's opener, as `ps` would show it.
      fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" >> '${seen}'\n`, {
        mode: 0o755,
      });
      const env = { PATH: `${bin}:${process.env.PATH}`, DISPLAY: ':99' };
      const argv = ['--data-dir', dataDir];
      const run = await startHost(argv, { env, headlessFlag: false });
      try {
        const opened = async () => fs.existsSync(seen) && fs.readFileSync(seen, 'utf8').trim();
        for (let i = 0; i < 50 && !(await opened()); i += 1)
          await new Promise((resolve) => setTimeout(resolve, 100));
        const command = fs.readFileSync(seen, 'utf8').trim();
        expect(command).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?code=[\w-]+$/);
        expect(command).not.toContain(run.token);
        const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
        expect(ps).not.toContain(run.token);

        // The code turns into the token once, for the browser that opens it first.
        const first = await fetch(command, { redirect: 'manual' });
        expect(first.status).toBe(303);
        expect(first.headers.get('location')).toBe(`/?token=${run.token}`);
        const second = await fetch(command, { redirect: 'manual' });
        expect(second.status).toBe(403);
        expect(await second.text()).toContain('此链接已使用或已过期');

        // A second start asks the first for a new code: still no token on its opener's line.
        const twice = await startHost(argv, { env, headlessFlag: false, untilExit: true });
        expect(twice.code).toBe(0);
        const commands = fs.readFileSync(seen, 'utf8').trim().split('\n');
        expect(commands).toHaveLength(2);
        expect(commands[1]).toMatch(/\/launch\?code=/);
        expect(commands[1]).not.toContain(run.token);

        // Refused requests are logged, but not their query strings.
        await fetch(`${run.url}api/auth.login?token=${run.token}`, { method: 'POST' });
        await fetch(`${run.url}nowhere?token=${run.token}`, { method: 'POST' });
      } finally {
        await run.stop();
      }
      const log = logText(dataDir);
      expect(log).toContain('http request refused');
      expect(log).not.toContain(run.token);
    },
    60_000,
  );
});

describe('the host with a meter line that is not there at start', () => {
  let dir: string;
  beforeAll(hostBuilt);
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'a USB-RS485 adapter that is unplugged',
      { kind: 'serial', path: '/dev/ttyUSB-gone', baudRate: 2400, parity: 'even' },
    ],
    ['a gateway that is switched off', { kind: 'tcp', host: '127.0.0.1', port: 9 }],
  ])(
    'opens with %s, and says so when the line is used',
    async (_what, line) => {
      const dataDir = path.join(dir, 'data');
      let run = await startHost(['--data-dir', dataDir]);
      const session = await setUpHost(run);
      expect((await run.call('meterLink.configure', { line }, session)).ok).toBe(true);
      const meter = await run.call(
        'meters.register',
        { meterNo: '000000000901', model: 'DDSY1352-NK' },
        session,
      );
      expect(meter.ok).toBe(true);
      await run.stop();

      run = await startHost(['--data-dir', dataDir]);
      try {
        expect(run.code).toBeNull();
        const again = await signInAdmin(run);
        const status = (await run.call('system.hardwareStatus', {}, again)).value as {
          bus: { state: string };
        };
        expect(status.bus.state).toBe('ready');
        // Using it says what to check, and the host stays up.
        const read = await run.call(
          'meters.read',
          { meterId: (meter.value as { id: number }).id },
          again,
        );
        expect(read.ok).toBe(false);
        expect(['METER_LINE_FAILED', 'METER_NO_ANSWER']).toContain(read.error?.code);
        expect(run.alive()).toBe(true);
        expect(run.stderr).not.toMatch(/^\s+at /m);
      } finally {
        await run.stop();
      }
    },
    60_000,
  );
});
