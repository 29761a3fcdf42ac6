// SIGKILL torture of the SMS outbox (issue 19, decision 0038): 36 messages of one to three parts
// queued, then a worker sending them through the GSM modem (a socat pty to the simulated modem,
// which lives here and outlives every kill) is killed 20 times at random moments, while the modem
// now and then takes a part without its +CMGS reaching the PC (the part in doubt, settled by the
// report it keeps), hangs on a send (nothing taken: sent again after the report window), answers
// a command after the office gave up on it, or takes a part after it (neither late answer may pass
// for the next command's). Then the office opens once more and finishes. Every message reaches
// the network exactly once, part by part: none lost, none doubled; the outbox says delivered for
// each. Summary: test-results/outbox-crash.json.
import path from 'node:path';
import { openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { SimModem } from '../../sim/gsm/simModem';
import { bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';
import { openOutboxOffice } from '../crash/outboxOffice';
import { ptyPair, requireSocat } from './ptys';

const KILLS = 20;
const MESSAGES = 36;
const textOf = (i: number) => {
  const base = `【万达广场物业】第 ${i} 号提醒：您的电表余额不足，请及时购电。`;
  // One, two or three parts (UCS2: 70 characters alone, 67 a part).
  return i % 3 === 0 ? base : base.repeat(i % 3 === 1 ? 3 : 5).slice(0, i % 3 === 1 ? 100 : 180);
};

describe('the SMS outbox across SIGKILLs', () => {
  beforeAll(requireSocat);
  let workerBundle = '';
  beforeAll(async () => {
    workerBundle = await bundleWorker('outboxWorker');
  }, 60_000);

  it(`sends each of ${MESSAGES} messages exactly once through ${KILLS} kills`, async () => {
    const dataDir = tempDir('powertill-outbox-crash-');
    const links = { office: path.join(dataDir, 'ttyModem'), device: path.join(dataDir, 'ttySim') };
    const pair = await ptyPair(links);
    const sim = new SimModem();
    // The network takes a while to take each part: a kill often lands while a part is with it.
    sim.sendDelayMs = 150;
    sim.lateAnswerMs = 1_000;
    sim.slowSendMs = 2_000;
    await sim.open(pair.meters);
    try {
      // The office, its modem, and the messages: queued as their events would queue them.
      const first: TestCore = await openTestCore({
        dataDir,
        clock: { now: new Date(), advance() {} },
      });
      await setUpOffice(first);
      first.services.settings.setSmsModem(links.office);
      first.services.settings.setOutboxRules({
        quietFrom: '00:00',
        quietTo: '00:00',
        dailyCap: 20,
        purchaseNotice: false,
        lightsOutNotice: false,
      });
      const texts = Array.from({ length: MESSAGES }, (_, i) => textOf(i + 1));
      first.services.unitOfWork(
        () =>
          texts.forEach((text, i) =>
            first.services.messages.outbox.queue(
              {
                eventKey: `low-credit:crash-${i}`,
                kind: 'low-credit',
                customerId: null,
                phone: `1391234${String(5000 + i)}`,
                text,
              },
              new Date(),
            ),
          ),
        () => undefined,
      );
      const parts = first.services.messages.outboxStore
        .list(null, 100)
        .reduce((n, m) => n + m.parts, 0);
      await first.close();

      // Each fault armed once before the first worker, so each surely happens (a fault waits for
      // its command or part, and the rolls alone can arm one too late: CI once saw no slow send);
      // then the rolls arm them again at random.
      sim.swallowReplies = 1;
      sim.hangOnSend = 1;
      sim.lateAnswers = 1;
      sim.slowSends = 1;
      const next = sequence(19);
      const spoil = setInterval(() => {
        // The generator's high bits: its low ones repeat in short cycles.
        const roll = (next() >>> 16) % 10;
        if (roll < 2) sim.swallowReplies = 1;
        else if (roll < 4) sim.hangOnSend = 1;
        // A command answered after the office gave up on it (its timeout is 0.8 s).
        else if (roll < 5) sim.lateAnswers = 1;
        // A part the network takes longer to take than the office waits (1.5 s).
        else if (roll < 6) sim.slowSends = 1;
      }, 500);
      let kills = 0;
      try {
        for (let i = 0; i < KILLS; i += 1) {
          const run = await runUntilKilled(workerBundle, [dataDir], next() % 1_500);
          if (!run.killed) throw new Error(`worker ended by itself:\n${run.stderr}`);
          kills += 1;
        }
      } finally {
        clearInterval(spoil);
      }
      sim.swallowReplies = 0;
      sim.hangOnSend = 0;
      sim.lateAnswers = 0;
      sim.slowSends = 0;
      const sentByWorkers = sim.partsTaken.length;

      // The office opens once more and finishes what is left.
      const last = await openOutboxOffice(dataDir);
      try {
        const store = last.services.messages.outboxStore;
        const until = Date.now() + 60_000;
        while (store.list(null, 100).some((m) => m.state !== 'delivered') && Date.now() < until) {
          await last.services.messages.smsSender.sendDue();
          await new Promise((r) => setTimeout(r, 200));
        }
        const messages = store.list(null, 100);
        const received = texts.map((text) => sim.messages.filter((m) => m.text === text).length);
        const partsTaken = sim.partsTaken.length;
        writeSummary('outbox-crash.json', {
          kills,
          messages: MESSAGES,
          parts,
          partsTakenByWorkers: sentByWorkers,
          partsTaken,
          faults: sim.happened,
          states: messages.map((m) => m.state),
          received,
        });
        expect(kills).toBe(KILLS);
        // The faults did happen: parts in doubt to settle, sends to take up again.
        expect(sim.happened.swallowed).toBeGreaterThan(0);
        expect(sim.happened.hung).toBeGreaterThan(0);
        expect(sim.happened.late).toBeGreaterThan(0);
        expect(sim.happened.slow).toBeGreaterThan(0);
        // The workers sent most of it between kills; the last opening finished the rest.
        expect(sentByWorkers).toBeGreaterThan(0);
        // Each message reached the network once, whole; no part twice; all delivered.
        expect(received).toEqual(texts.map(() => 1));
        expect(partsTaken).toBe(parts);
        expect(messages.map((m) => m.state)).toEqual(messages.map(() => 'delivered'));
      } finally {
        await last.close();
      }
    } finally {
      await sim.close();
      await pair.close();
    }
  }, 300_000);
});
