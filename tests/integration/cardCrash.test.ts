// Crash test on the real card stack: a worker selling onto a virtual SLE4442 through pcscd is
// killed with SIGKILL after a random APDU, 200 times; the card stays on the reader (its thread
// lives here, in the test), so a kill lands between any two APDUs of a sale, of the meter's
// write-back or of a read. After the last kill the office opens once more (reconciling), reads the
// card, and the books must hold exactly what the card holds: a sale is committed if and only if
// the card's purchase count advanced to it, once; the cumulative on the card is the sum of the
// committed sales; receipts have no gaps; nothing is pending; the audit chain verifies.
import { decodeCard } from '../../card/layout/cardImage';
import { PcscReaderService } from '../../card/reader/pcsc';
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { tempDir } from '../../core/testing';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { JUDGED_KINDS, KindTally, settleAndJudge } from '../crash/cardJudge';
import { bookChecks, bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
  waitForCard,
} from './pcscd';
import { blankCard } from './virtualCards';

const KILLS = Number(process.env.POWERTILL_CARD_CRASH_KILLS ?? 200);
const KIND_KILLS = Number(process.env.POWERTILL_CARD_KINDS_CRASH_KILLS ?? 60);
const READER = VIRTUAL_READERS[1];

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `crash safety of card sales${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost(35_964);
    let unlock = () => {};
    let workerBundle = '';

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      workerBundle = await bundleWorker('cardWorker');
      await virtual.load({ kind: 'sle4442', memory: blankCard().toString('hex') });
      await virtual.insert();
      await waitForCard(READER, true);
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      unlock();
    });

    it(`the books hold what the card holds across ${KILLS} SIGKILLs`, async () => {
      const dataDir = tempDir('powertill-card-crash-');
      const next = sequence(11);
      for (let i = 0; i < KILLS; i += 1) {
        // Killed after a random APDU of the run (selling, the meter's write-back, reading), or on
        // a timer.
        const run = await runUntilKilled(
          workerBundle,
          [dataDir, String(next()), READER, String(1 + (next() % 90))],
          5_000,
        );
        if (!run.killed) throw new Error(`worker ended by itself:\n${run.stderr}`);
      }

      // The office opens once more (start-up reconciliation) and the cashier reads the card.
      const core = await openCore({
        dataDir,
        appVersion: 'card-crash-check',
        logger: silentLogger(),
        readers: new PcscReaderService(),
        scheduleBackups: false,
      });
      try {
        const login = await core.dispatcher.dispatch({
          method: 'auth.login',
          input: { username: 'admin', password: 'Admin1234' },
        });
        if (!login.ok) throw new Error(JSON.stringify(login.error));
        const sessionId = (login.value as { sessionId: string }).sessionId;
        const read = await core.dispatcher.dispatch({ method: 'cards.read', input: {}, sessionId });
        expect(read.ok).toBe(true);

        const db = core.services.db;
        const state = await virtual.state();
        const card = decodeCard(
          Buffer.from(state.memory!, 'hex'),
          core.services.secret.read()!.secret,
        );
        const purchase = card.blocks.purchase!;
        const account = core.services.accounts.byId(1)!;
        const committed = db
          .prepare(
            "SELECT purchase_count AS n, amount_fen AS fen FROM sales WHERE account_id = 1 AND status = 'committed' ORDER BY purchase_count",
          )
          .all() as { n: number; fen: number }[];
        const books = bookChecks(db);
        const summary = {
          kills: KILLS,
          card: {
            status: card.status,
            purchaseCount: purchase.purchaseCount,
            cumulativePurchasedFen: purchase.cumulativePurchasedFen,
          },
          ledger: {
            purchaseCount: account.purchaseCount,
            totalPurchasedFen: account.totalPurchasedFen,
            committedSum: committed.reduce((sum, s) => sum + s.fen, 0),
          },
          ...books,
          auditChain: core.services.audit.verify(),
        };
        writeSummary('card-crash-summary.json', summary);

        expect(card.status).toBe('valid');
        // Committed iff the card advanced to it, once: counts 1..N, each exactly once.
        expect(committed.map((s) => s.n)).toEqual(
          Array.from({ length: purchase.purchaseCount as number }, (_, i) => i + 1),
        );
        expect(summary.ledger).toEqual({
          purchaseCount: purchase.purchaseCount,
          totalPurchasedFen: purchase.cumulativePurchasedFen,
          committedSum: purchase.cumulativePurchasedFen,
        });
        expect(summary.pendingOperations).toBe(0);
        expect(summary.receiptGaps).toBe(0);
        expect(summary.auditChain.ok).toBe(true);
        // Enough happened for this to mean something.
        expect(purchase.purchaseCount as number).toBeGreaterThan(KILLS / 5);
      } finally {
        await core.close();
      }
    }, 1_500_000);

    it(`card issue, reissue, management card and reversal: each committed iff the card shows it, across ${KIND_KILLS} SIGKILLs`, async () => {
      await virtual.load({ kind: 'sle4442', memory: blankCard().toString('hex') });
      await virtual.insert();
      await waitForCard(READER, true);
      const kindsWorker = await bundleWorker('cardKindsWorker');
      const dataDir = tempDir('powertill-card-kinds-crash-');
      const next = sequence(29);
      const tally = new KindTally();
      let seen = 0;
      for (let i = 0; i < KIND_KILLS; i += 1) {
        // Each kind in turn: killed after a random APDU of it (or of what follows), or on a timer.
        const kind = JUDGED_KINDS[i % JUDGED_KINDS.length]!;
        const run = await runUntilKilled(
          kindsWorker,
          [dataDir, String(next()), READER, kind, String(1 + (next() % 14))],
          5_000,
        );
        if (!run.killed) throw new Error(`worker ended by itself:\n${run.stderr}`);
        seen = await settleAndJudge(dataDir, virtual, tally, seen);
      }
      for (const kind of JUDGED_KINDS)
        writeSummary(`journal-crash-${kind}.json`, tally.summary(kind));
      writeSummary('card-kinds-crash-summary.json', { kills: KIND_KILLS, ...tally.all() });
      expect(tally.wrong).toEqual([]);
      // Every kind was cut off mid-write often enough for this to mean something.
      for (const kind of JUDGED_KINDS) expect(tally.summary(kind).kills).toBeGreaterThan(3);
    }, 1_500_000);
  },
);
