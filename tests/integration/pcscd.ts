// The real PC/SC stack for tests: pcscd with the vpcd driver (vsmartcard), whose two virtual
// readers "Virtual PCD 00 00" / "… 00 01" take a virtual card over TCP 35963 / 35964. Uses the
// pcscd already running, or starts one and leaves it running, as the system service would be
// (several test files share it; none may pull it from under another). `npm test` installs it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cardPresenceSeen } from '../../card/reader/presence';
import { PcscReaderService } from '../../card/reader/pcsc';

/**
 * The second reader is the card crash test's alone (it holds it for minutes); every other card
 * suite takes the first, each for seconds, so no Jest worker sits waiting for the crash test.
 */
export const VIRTUAL_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;

export function pcscUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (!fs.existsSync('/usr/sbin/pcscd')) return 'pcscd is not installed (apt-get install pcscd)';
  if (!fs.existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so') && !vpcdConfigured())
    return 'the vpcd driver is not installed (apt-get install vsmartcard-vpcd)';
  const service = new PcscReaderService();
  const why = service.unavailable();
  if (why?.reason === 'no-binding') return why.detail;
  return null;
}

function vpcdConfigured(): boolean {
  return fs.existsSync('/etc/reader.conf.d/vpcd');
}

export async function ensurePcscd(): Promise<void> {
  const running = spawnSync('pgrep', ['-x', 'pcscd']).status === 0;
  if (!running) {
    // If two test files race here, the second pcscd finds the socket taken and exits.
    spawn('/usr/sbin/pcscd', ['-f'], { stdio: 'ignore', detached: true }).unref();
  }
  const service = new PcscReaderService();
  for (let i = 0; i < 100; i += 1) {
    try {
      if (service.unavailable() === null) {
        const names = (await service.list()).map((r) => r.name);
        if (VIRTUAL_READERS.every((r) => names.includes(r))) return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('pcscd did not show the vpcd readers');
}

/** Waits until the reader shows a card (or none). */
export async function waitForCard(reader: string, present: boolean): Promise<void> {
  if (!(await cardPresenceSeen(new PcscReaderService(), reader, present)))
    throw new Error(`${reader} never showed ${present ? 'a card' : 'no card'}`);
}

/**
 * Holds one virtual reader for this test file: Jest runs files in parallel workers, and two files
 * putting cards into the same vpcd slot would see each other's cards. A lock directory per reader,
 * taken over when its owner process is gone.
 */
/**
 * The timeout for a hook that takes a reader lock: the lock may wait up to ten minutes for
 * another file (the card crash test holds one for four, eight on a busy machine), then set up.
 */
export const READER_LOCK_HOOK_MS = 12 * 60_000;

export async function lockReader(reader: string): Promise<() => void> {
  const dir = path.join(os.tmpdir(), `powertill-vpcd-${reader.replace(/\W+/g, '-')}.lock`);
  // Ten minutes: the card crash test holds a reader for about four.
  for (let i = 0; i < 6000; i += 1) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
      } catch {
        // taken a moment ago and its pid not written yet, or just released
      }
      if (owner && !alive(owner)) fs.rmSync(dir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${reader} stayed locked for ten minutes`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface PrivatePcscd {
  /** The socket a client reaches it at (PCSCLITE_CSOCK_NAME). */
  socket: string;
  readers: string[];
  start(): Promise<void>;
  kill(): void;
}

/**
 * A second PC/SC service of the test's own, for starting PowerTill before the service and
 * stopping it mid-run without touching the shared pcscd the card suites use: pcscd always makes
 * its socket at /run/pcscd, so it runs in a mount namespace of its own where a folder of ours is
 * bound there, under another process name (`pcscd-late`, so `pgrep -x pcscd` and `pkill -x pcscd`
 * in other suites neither see nor kill it), with one vpcd reader on its own port.
 */
export function privatePcscd(dir: string, port: number): PrivatePcscd {
  const run = path.join(dir, 'run');
  const conf = path.join(dir, 'conf');
  fs.mkdirSync(run, { recursive: true });
  fs.mkdirSync(conf, { recursive: true });
  const hex = `0x${port.toString(16).toUpperCase()}`;
  fs.writeFileSync(
    path.join(conf, 'vpcd'),
    [
      'FRIENDLYNAME "Late PCD"',
      `DEVICENAME /dev/null:${hex}`,
      'LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so',
      `CHANNELID ${hex}`,
      '',
    ].join('\n'),
  );
  const binary = path.join(dir, 'pcscd-late');
  if (!fs.existsSync(binary)) fs.symlinkSync('/usr/sbin/pcscd', binary);
  const socket = path.join(run, 'pcscd.comm');
  const pidOf = () => parseInt(fs.readFileSync(path.join(run, 'pcscd.pid'), 'utf8'), 10);
  return {
    socket,
    readers: ['Late PCD 00 00', 'Late PCD 00 01'],
    async start() {
      fs.rmSync(socket, { force: true });
      spawn(
        'unshare',
        ['--mount', 'sh', '-c', `mount --bind ${run} /run/pcscd && exec ${binary} -f -c ${conf}`],
        { stdio: 'ignore', detached: true },
      ).unref();
      for (let i = 0; i < 100 && !fs.existsSync(socket); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      if (!fs.existsSync(socket)) throw new Error('the private pcscd did not start');
    },
    kill() {
      try {
        process.kill(pidOf(), 'SIGKILL');
      } catch {
        // not running
      }
      fs.rmSync(socket, { force: true });
    },
  };
}

/** Why a private pcscd cannot run here (it needs root for its mount namespace). */
export function privatePcscdUnavailable(): string | null {
  const shared = pcscUnavailable();
  if (shared) return shared;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'a private pcscd needs root (a mount namespace of its own)';
  if (spawnSync('unshare', ['--version']).status !== 0) return 'unshare (util-linux) is missing';
  return null;
}
