// The office's GSM modem for tests: the simulated modem at the far end of a socat pty pair whose
// office end keeps one path (a link), so the modem can be unplugged (socat killed) and plugged
// back at the same place, as a USB modem is.
import path from 'node:path';
import { tempDir } from '../../core/testing';
import { SimModem } from '../../sim/gsm/simModem';
import { ptyPair, type PtyPair } from './ptys';

export interface ModemOnPty {
  /** The path the office opens. */
  readonly office: string;
  /** The modem now plugged in (a new one after each plugIn). */
  readonly sim: SimModem;
  plugIn(): Promise<void>;
  unplug(): Promise<void>;
}

export async function modemOnPty(clock: () => Date = () => new Date()): Promise<ModemOnPty> {
  const dir = tempDir('powertill-modem-');
  const links = { office: path.join(dir, 'ttyModem'), device: path.join(dir, 'ttySim') };
  let pair: PtyPair | null = null;
  let sim = new SimModem(clock);
  const modem: ModemOnPty = {
    office: links.office,
    get sim() {
      return sim;
    },
    async plugIn() {
      pair = await ptyPair(links);
      sim = new SimModem(clock);
      await sim.open(pair.meters);
    },
    async unplug() {
      await sim.close();
      await pair?.close();
      pair = null;
    },
  };
  await modem.plugIn();
  return modem;
}

/** Waits (a real-time poll) until `done` says so. */
export async function waitFor(done: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 20));
  }
}
