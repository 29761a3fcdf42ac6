// SIGKILL torture of the SMS outbox (issue 19, decision 0038): 36 messages of one to three parts
// queued, then a worker sending them through the GSM modem (a socat pty to the simulated modem,
// which lives here and outlives every kill) is killed 20 times at random moments, while the modem
// now and then takes a part without its +CMGS reaching the PC (the part in doubt, settled by the
// report it keeps), or hangs on a send (nothing taken: sent again after the report window). Then
// the office opens once more and finishes. Every message reaches the network exactly once, part by
// part: none lost, none doubled; the outbox says delivered for each. Summary:
// test-results/outbox-crash.json.
import path from 'node:path';
import { openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { SimModem } from '../../sim/gsm/simModem';
import { bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';
import { openOutboxOffice } from '../crash/outboxOffice';
import { ptyPair, socatMissing } from './ptys';

const KILLS = 20;
const MESSAGES = 36;
const describeWithSocat = socatMissing() ? describe.skip : describe;

const textOf = (i: number) => {
  const base = `【万达广场物业】第 ${i} 号提醒：您的电表余额不足，请及时购电。`;
  // One, two or three parts (UCS2: 70 characters alone, 67 a part).
  return i % 3 === 0 ? base : base.repeat(i % 3 === 1 ? 3 : 5).slice(0, i % 3 === 1 ? 100 : 180);
};

describeWithSocat('the SMS outbox across SIGKILLs', () => {
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

      const next = sequence(19);
      const spoil = setInterval(() => {
        const roll = next() % 10;
        if (roll < 2) sim.swallowReplies = 1;
        else if (roll < 4) sim.hangOnSend = 1;
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
