// Crash test of the journal's newer kinds on the line: a worker running 批量充值 batches to three
// simulated DDSY1352-NK meters, finishing unfinished ones, polling two DDSD1352 metering meters the
// office bills (charges, trips, restores), changing the price and pushing it to the meters, and
// selling to their accounts is killed with SIGKILL at
// random points, while the test spoils replies now and then and the metering meters count energy.
// The meters live here and outlive every kill. After the last kill the office opens once more,
// finishes every batch and reads every meter; then, per kind:
// - batchRecharge: every member of every batch recharged exactly once; each NK meter holds exactly
//   the grants the books committed (count and money);
// - billingCharge: every reading charged at most once, the energy charged equals what the meters
//   counted since opening, and each balance is its purchases less its charges;
// - relayCommand (the office's billing): a meter is off exactly when its balance is at or below
//   zero;
// - tariffPush (调价下发 to the NK meters): committed iff the meter's programming record shows all
//   four prices arriving between the push's start and its settling; every meter ends on the price
//   in force. Nothing pending; receipts without gaps. Summaries: test-results/journal-crash-*.json.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { makeClock, openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { bookChecks, bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';

const KILLS = Number(process.env.POWERTILL_JOURNAL_CRASH_KILLS ?? 40);
const NK = ['000000000701', '000000000702', '000000000703'];
const METERING = ['000000000711', '000000000712'];
const START_ENERGY = 50_000;
/** DL/T 645 rate prices sharp, peak, flat, valley (where the profile pushes them). */
const PRICE_DIS = ['04050101', '04050102', '04050103', '04050104'];

const all = <T>(core: TestCore, sql: string, ...args: unknown[]) =>
  core.services.db.prepare(sql).all(...args) as T[];
const one = <T>(core: TestCore, sql: string, ...args: unknown[]) =>
  core.services.db.prepare(sql).get(...args) as T;

describe('crash safety of batch recharges and the office’s billing', () => {
  let workerBundle = '';
  beforeAll(async () => {
    workerBundle = await bundleWorker('journalWorker');
  });

  it(`each batch member once, each reading charged once, across ${KILLS} SIGKILLs`, async () => {
    const dataDir = tempDir('powertill-journal-crash-');
    const bus = new TcpBus<NkMeter>([]);
    const port = await bus.listen();
    const first = await openTestCore({ dataDir });
    const admin = (await setUpOffice(first)).sessionId;
    await first.ok('settings.update', { hoardingLimitFen: 1_000_000_000 }, admin);
    await first.ok(
      'meterLink.configure',
      { line: { kind: 'tcp', host: '127.0.0.1', port }, password: '02123456' },
      admin,
    );
    const tariff = await first.ok(
      'tariffs.create',
      { name: 'flat', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    const secret = first.services.secret.read()!.secret;
    const nk = NK.map((a) => new NkMeter({ address: a }, meterRechargeKey(secret, a)));
    const metering = METERING.map(
      (a) =>
        new NkMeter(
          { address: a, energyE2: START_ENERGY, holdsMoney: false },
          meterRechargeKey(secret, a),
        ),
    );
    bus.meters.push(...nk, ...metering);
    for (const [i, meterNo] of [...NK, ...METERING].entries()) {
      const customer = await first.ok(
        'customers.create',
        { name: `商户${i + 1}`, area: NK.includes(meterNo) ? 'NK' : '计量' },
        admin,
      );
      const model = NK.includes(meterNo) ? 'DDSY1352-NK' : 'DDSD1352';
      const meter = await first.ok('meters.register', { meterNo, model }, admin);
      await first.ok(
        'accounts.open',
        { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
        admin,
      );
    }
    await first.close();

    const next = sequence(41);
    const spoil = setInterval(() => {
      const meter = [...nk, ...metering][next() % (nk.length + metering.length)]!;
      const roll = next() % 6;
      if (roll < 3) meter.rechargeFaults.push('silent');
      else if (roll < 5) meter.faults.push('silent');
      // Now and then a meter falls silent for a while, past the line's retries: what it was
      // being sent may have landed, the answer never comes.
      else meter.faults.push('silent', 'silent', 'silent', 'silent');
      // The shops use electricity all along.
      for (const m of metering) m.state.energyE2 += next() % 300;
    }, 700);
    try {
      for (let i = 0; i < KILLS; i += 1) {
        const run = await runUntilKilled(workerBundle, [dataDir, String(next())], next() % 1_500);
        if (!run.killed) throw new Error(`worker ended by itself:\n${run.stderr}`);
      }
    } finally {
      clearInterval(spoil);
    }
    for (const meter of [...nk, ...metering]) {
      meter.faults = [];
      meter.rechargeFaults = [];
    }

    // The worker ran on the real clock (its price changes came into force then): so does this.
    const core = await openTestCore({ dataDir, clock: makeClock(new Date()) });
    try {
      const login = await core.ok('auth.login', { username: 'admin', password: 'Admin1234' });
      // What the office does next morning: finish every batch, read every meter.
      for (let round = 0; round < 5; round += 1) {
        const unfinished = await core.ok('batch.unfinished', {}, login.sessionId);
        if (unfinished.length === 0) break;
        for (const batch of unfinished) {
          await core.ok('batch.retryFailed', { id: batch.id }, login.sessionId);
          await core.services.batches.settle();
        }
      }
      await core.services.poller.pollAll();
      await core.ok('meters.pushTariffsNow', {}, login.sessionId);

      // batchRecharge
      const batches = all<{ id: number }>(core, 'SELECT id FROM recharge_batches');
      const members = all<{ batch: number; account: number; live: number; committed: number }>(
        core,
        `SELECT b.batch_id AS batch, b.account_id AS account,
           (SELECT count(*) FROM sales s WHERE s.batch_id = b.batch_id AND s.account_id = b.account_id AND s.status <> 'voided') AS live,
           (SELECT count(*) FROM sales s WHERE s.batch_id = b.batch_id AND s.account_id = b.account_id AND s.status = 'committed') AS committed
         FROM recharge_batch_members b`,
      );
      const perNk = nk.map((meter) => {
        const account = one<{ id: number; purchase_count: number; total_purchased_fen: number }>(
          core,
          'SELECT a.id, a.purchase_count, a.total_purchased_fen FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE m.meter_no = ?',
          meter.state.address,
        );
        const granted = one<{ fen: number; n: number }>(
          core,
          "SELECT coalesce(sum(amount_fen), 0) AS fen, count(*) AS n FROM sales WHERE account_id = ? AND status = 'committed' AND payment_method = 'grant'",
          account.id,
        );
        return {
          meter: meter.state.address,
          onMeter: { count: meter.state.purchaseCount, fen: meter.state.cumulativePurchasedFen },
          books: { count: account.purchase_count, fen: account.total_purchased_fen },
          grants: granted,
        };
      });
      const books = bookChecks(core.services.db);
      writeSummary('journal-crash-batchRecharge.json', {
        kind: 'batchRecharge',
        kills: KILLS,
        batches: batches.length,
        members: members.length,
        lost: members.filter((m) => m.committed === 0).length,
        doubled: members.filter((m) => m.live > 1).length,
        meters: perNk,
        pendingOperations: books.pendingOperations,
        receiptGaps: books.receiptGaps,
      });

      // billingCharge and the office's relay commands
      const perMetering = metering.map((meter) => {
        const account = one<{
          id: number;
          office_balance_fen: number;
          billed_registers: string;
          billing_tripped: number;
        }>(
          core,
          'SELECT a.* FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE m.meter_no = ?',
          meter.state.address,
        );
        const charged = one<{ energy: number; fen: number; n: number; readings: number }>(
          core,
          'SELECT coalesce(sum(energy), 0) AS energy, coalesce(sum(amount_fen), 0) AS fen, count(*) AS n, count(DISTINCT reading_id) AS readings FROM billing_charges WHERE account_id = ?',
          account.id,
        );
        const bought = one<{ fen: number }>(
          core,
          "SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales WHERE account_id = ? AND status = 'committed'",
          account.id,
        ).fen;
        return {
          meter: meter.state.address,
          counted: meter.state.energyE2 - START_ENERGY,
          charged: charged.energy,
          billedTo: (JSON.parse(account.billed_registers) as { total: number }).total,
          onMeter: meter.state.energyE2,
          charges: charged.n,
          readingsCharged: charged.readings,
          balance: account.office_balance_fen,
          boughtLessCharged: bought - charged.fen,
          relay: meter.state.relay,
          tripped: account.billing_tripped === 1,
        };
      });
      const relays = one<{ n: number }>(
        core,
        "SELECT count(*) AS n FROM device_operations WHERE kind = 'relayCommand' AND state = 'committed'",
      ).n;
      writeSummary('journal-crash-billingCharge.json', {
        kind: 'billingCharge',
        kills: KILLS,
        accounts: perMetering,
        doubled: perMetering.filter((m) => m.charges !== m.readingsCharged).length,
        lost: perMetering.filter((m) => m.charged !== m.counted).length,
      });
      writeSummary('journal-crash-relayCommand.json', {
        kind: 'relayCommand',
        kills: KILLS,
        committed: relays,
        wrong: perMetering.filter((m) => m.balance <= 0 !== (m.relay === 'open')).length,
      });

      // tariffPush: judged by each meter's programming record (编程记录): a push is committed
      // iff all four of its prices reached the meter between its start and its settling.
      const pushes = all<{
        meterNo: string;
        state: string;
        payload: string;
        outcome: string | null;
        createdAt: string;
        resolvedAt: string | null;
      }>(
        core,
        `SELECT m.meter_no AS meterNo, d.state, d.payload, d.outcome, d.created_at AS createdAt,
           d.resolved_at AS resolvedAt FROM device_operations d JOIN meters m ON m.id = d.meter_id
         WHERE d.kind = 'tariffPush' ORDER BY d.id`,
      );
      const judged = pushes.map((push) => {
        const meter = nk.find((m) => m.state.address === push.meterNo)!;
        const { prices } = (JSON.parse(push.payload) as { detail: { prices: number[] } }).detail;
        const from = Date.parse(push.createdAt);
        const to = push.resolvedAt ? Date.parse(push.resolvedAt) : Infinity;
        const shown = PRICE_DIS.every((di, i) =>
          meter.programmed.some(
            (w) =>
              w.di === di &&
              Math.round(Number(w.value) * 10_000) === prices[i] &&
              w.at >= from &&
              w.at <= to,
          ),
        );
        return {
          state: push.state,
          shown,
          readBackLater: push.outcome?.includes('readBackLater') ?? false,
        };
      });
      const inForce = one<{ definition: string }>(
        core,
        'SELECT definition FROM tariff_versions WHERE effective_from <= ? ORDER BY effective_from DESC LIMIT 1',
        core.clock.now.toISOString(),
      );
      const price = (JSON.parse(inForce.definition) as { price: number }).price;
      const tariffSummary = {
        kind: 'tariffPush',
        kills: KILLS,
        versions: one<{ n: number }>(core, 'SELECT count(*) AS n FROM tariff_versions').n,
        pushes: judged.length,
        committed: judged.filter((j) => j.state === 'committed').length,
        voided: judged.filter((j) => j.state === 'voided').length,
        pending: judged.filter((j) => j.state === 'pending').length,
        settledByReadingBack: judged.filter((j) => j.readBackLater).length,
        lost: judged.filter((j) => j.state !== 'committed' && j.shown).length,
        doubled: judged.filter((j) => j.state === 'committed' && !j.shown).length,
        meters: nk.map((m) => ({
          meter: m.state.address,
          onMeter: m.state.ratePricesE4,
          inForce: price,
        })),
      };
      writeSummary('journal-crash-tariffPush.json', tariffSummary);

      expect(tariffSummary.versions).toBeGreaterThan(2);
      expect(tariffSummary.lost).toBe(0);
      expect(tariffSummary.doubled).toBe(0);
      expect(tariffSummary.pending).toBe(0);
      for (const m of tariffSummary.meters) expect(m.onMeter).toEqual([price, price, price, price]);
      expect(batches.length).toBeGreaterThan(2);
      expect(members.filter((m) => m.live > 1)).toEqual([]);
      expect(members.filter((m) => m.committed !== 1)).toEqual([]);
      for (const m of perNk) {
        expect(m.onMeter).toEqual(m.books);
        expect(m.grants.fen).toBe(m.books.fen);
      }
      for (const m of perMetering) {
        expect(m.charges).toBe(m.readingsCharged);
        expect(m.charged).toBe(m.counted);
        expect(m.billedTo).toBe(m.onMeter);
        expect(m.balance).toBe(m.boughtLessCharged);
        expect([m.meter, m.relay]).toEqual([m.meter, m.balance <= 0 ? 'open' : 'closed']);
        expect(m.tripped).toBe(m.balance <= 0);
      }
      expect(relays).toBeGreaterThan(0);
      expect(books.pendingOperations).toBe(0);
      expect(books.receiptGaps).toBe(0);
      expect(await core.ok('audit.verify', {}, login.sessionId)).toMatchObject({ ok: true });
    } finally {
      await core.dispose();
      await bus.close();
    }
  }, 900_000);
});
