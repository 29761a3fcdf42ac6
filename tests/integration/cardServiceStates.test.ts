// PowerTill opens whatever state the card service is in, as the host process a cashier starts:
// the PC/SC binding absent, the service not running yet (Windows starts its Smart Card service
// only while a reader is plugged in), started later, and dying mid-run. The login page is
// served, the status says what is missing, and readers appear without a restart.
import fs from 'node:fs';
import path from 'node:path';
import type { HardwareStatus } from '../../shared/api/types';
import { tempDir } from '../../core/testing';
import { privatePcscd, privatePcscdUnavailable } from './pcscd';
import { eventually, hostBuilt, setUpHost, startHost, type HostRun } from './hostRun';

const skip = privatePcscdUnavailable();
const withoutBinding = path.join(__dirname, 'withoutSmartcard.cjs');

async function status(run: HostRun, session: string): Promise<HardwareStatus> {
  const reply = await run.call('system.hardwareStatus', {}, session);
  return reply.value as HardwareStatus;
}

async function loginPageServed(run: HostRun): Promise<boolean> {
  const page = await fetch(run.url);
  return page.status === 200 && (await page.text()).includes('<div id="root">');
}

/**
 * The host opened in spite of the card stack: login page served, office set up, the status saying
 * why there is no reader and card work refused with the matching code. Returns the session.
 */
async function openedWithoutReaders(
  run: HostRun,
  reason: 'no-binding' | 'no-service',
  refusal: string,
): Promise<string> {
  expect(run.code).toBeNull();
  expect(await loginPageServed(run)).toBe(true);
  const session = await setUpHost(run);
  expect((await status(run, session)).reader).toEqual({ state: 'none', reason });
  const read = await run.call('cards.read', {}, session);
  expect(read.error?.code).toBe(refusal);
  return session;
}

(skip ? describe.skip : describe)(
  `the host and the card service${skip ? ` (${skip})` : ''}`,
  () => {
    let dir: string;
    beforeAll(hostBuilt);
    beforeEach(() => (dir = tempDir()));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('opens without the PC/SC binding, says it is not installed, and refuses card work in words', async () => {
      const run = await startHost(['--data-dir', path.join(dir, 'data')], {
        nodeArgs: ['--require', withoutBinding],
      });
      try {
        await openedWithoutReaders(run, 'no-binding', 'CARD_BINDING_MISSING');
        expect(run.stderr).not.toMatch(/at \w+ \(/);
      } finally {
        await run.stop();
      }
    }, 60_000);

    it('opens before the service, finds the readers when it starts, and again after it died', async () => {
      const pcscd = privatePcscd(path.join(dir, 'pcscd'), 0x9a11);
      const run = await startHost(['--data-dir', path.join(dir, 'data')], {
        env: { PCSCLITE_CSOCK_NAME: pcscd.socket },
      });
      try {
        const session = await openedWithoutReaders(run, 'no-service', 'CARD_READER_UNAVAILABLE');

        // The service comes (a reader plugged in on Windows, pcscd started on Linux).
        await pcscd.start();
        const ready = async () => {
          const reader = (await status(run, session)).reader;
          return reader.state === 'ready' && pcscd.readers.every((r) => reader.readers.includes(r));
        };
        // The watch asks again after 1, 2, 4 … s (at most 30 s apart).
        expect(await eventually(ready, 40_000)).toBe(true);

        // It dies under us: the status says so, and the readers come back with it.
        pcscd.kill();
        const down = async () => (await status(run, session)).reader.state === 'none';
        expect(await eventually(down, 40_000)).toBe(true);
        expect((await status(run, session)).reader).toEqual({
          state: 'none',
          reason: 'no-service',
        });
        await pcscd.start();
        expect(await eventually(ready, 40_000)).toBe(true);
        expect(run.alive()).toBe(true);
      } finally {
        pcscd.kill();
        await run.stop();
      }
    }, 180_000);
  },
);
