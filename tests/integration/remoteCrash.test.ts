// Crash test of remote recharge: a worker selling to three simulated DDSY1352-NK meters over a TCP
// serial gateway is killed with SIGKILL at random points, 120 times, while the test spoils replies
// now and then (a meter that does not answer, a recharge whose answer is lost). The meters live
// here and outlive every kill. After the last kill the office opens once more (reconciling from
// the meters) and the books must hold exactly what the meters hold: a recharge is committed if
// and only if the meter's purchase count advanced to it, once; each meter's cumulative money is
// the sum of its committed sales; receipts have no gaps; nothing is pending; the audit chain
// verifies. Summary: test-results/remote-crash-summary.json.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { openTestCore, setUpOffice, tempDir } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { bookChecks, bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';

const KILLS = Number(process.env.POWERTILL_REMOTE_CRASH_KILLS ?? 120);
const ADDRESSES = ['000000000501', '000000000502', '000000000503'];

describe('crash safety of remote recharge', () => {
  let workerBundle = '';
  beforeAll(async () => {
    workerBundle = await bundleWorker('remoteWorker');
  });

  it(`the books hold what the meters hold across ${KILLS} SIGKILLs`, async () => {
    // The office is set up once here: its secret gives the keys the meters are installed with.
    const dataDir = tempDir('powertill-remote-crash-');
    const bus = new TcpBus<NkMeter>([]);
    const port = await bus.listen();
    const first = await openTestCore({ dataDir });
    const admin = (await setUpOffice(first)).sessionId;
    await first.ok('settings.update', { hoardingLimitFen: 1_000_000_000 }, admin);
    await first.ok(
      'meterLink.configure',
      { line: { kind: 'tcp', host: '127.0.0.1', port } },
      admin,
    );
    const tariff = await first.ok(
      'tariffs.create',
      { name: 'flat', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    for (const [i, meterNo] of ADDRESSES.entries()) {
      const customer = await first.ok('customers.create', { name: `商户${i + 1}` }, admin);
      const meter = await first.ok('meters.register', { meterNo, model: 'DDSY1352-NK' }, admin);
      await first.ok(
        'accounts.open',
        { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
        admin,
      );
    }
    const secret = first.services.secret.read()!.secret;
    await first.close();
    const meters = ADDRESSES.map((a) => new NkMeter({ address: a }, meterRechargeKey(secret, a)));
    bus.meters.push(...meters);

    const next = sequence(23);
    const spoil = setInterval(() => {
      const meter = meters[next() % meters.length]!;
      if (next() % 2 === 0) meter.rechargeFaults.push('silent');
      else meter.faults.push('silent');
    }, 2_000);
    try {
      for (let i = 0; i < KILLS; i += 1) {
        const run = await runUntilKilled(workerBundle, [dataDir, String(next())], next() % 1_500);
        if (!run.killed) throw new Error(`worker ended by itself:\n${run.stderr}`);
      }
    } finally {
      clearInterval(spoil);
    }
    for (const meter of meters) {
      meter.faults = [];
      meter.rechargeFaults = [];
    }

    const core = await openTestCore({ dataDir });
    try {
      const db = core.services.db;
      const perMeter = meters.map((meter) => {
        const account = db
          .prepare(
            'SELECT a.id, a.purchase_count, a.total_purchased_fen FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE m.meter_no = ?',
          )
          .get(meter.state.address) as {
          id: number;
          purchase_count: number;
          total_purchased_fen: number;
        };
        const committed = db
          .prepare(
            "SELECT purchase_count AS n, amount_fen AS fen FROM sales WHERE account_id = ? AND status = 'committed' ORDER BY purchase_count",
          )
          .all(account.id) as { n: number; fen: number }[];
        return {
          meter: meter.state.address,
          onMeter: {
            purchaseCount: meter.state.purchaseCount,
            cumulativePurchasedFen: meter.state.cumulativePurchasedFen,
          },
          ledger: {
            purchaseCount: account.purchase_count,
            totalPurchasedFen: account.total_purchased_fen,
            committedSum: committed.reduce((sum, s) => sum + s.fen, 0),
          },
          counts: committed.map((s) => s.n),
        };
      });
      const books = bookChecks(db);
      const summary = {
        kills: KILLS,
        meters: perMeter.map(({ counts: _counts, ...rest }) => rest),
        ...books,
        auditChain: core.services.audit.verify(),
      };
      writeSummary('remote-crash-summary.json', summary);

      for (const m of perMeter) {
        // Committed iff the meter advanced to it, once: counts 1..N, each exactly once.
        expect(m.counts).toEqual(Array.from({ length: m.onMeter.purchaseCount }, (_, i) => i + 1));
        expect(m.ledger).toEqual({
          purchaseCount: m.onMeter.purchaseCount,
          totalPurchasedFen: m.onMeter.cumulativePurchasedFen,
          committedSum: m.onMeter.cumulativePurchasedFen,
        });
      }
      expect(books.pendingOperations).toBe(0);
      expect(books.receiptGaps).toBe(0);
      expect(summary.auditChain.ok).toBe(true);
      // Enough happened for this to mean something.
      expect(books.sales.committed ?? 0).toBeGreaterThan(KILLS / 4);
      if (KILLS >= 100)
        expect(Object.values(books.settledAtRestart).reduce((n, k) => n + k, 0)).toBeGreaterThan(5);
    } finally {
      await core.dispose();
      await bus.close();
    }
  }, 1_200_000);
});
