// Crash test of refunds taken off NK meters over the line: a worker buying, suspending with a
// refund, refunding, resuming, closing (销户, the credit cleared off the meter or held while it is
// silent) and opening the next tenant's account, on three simulated DDSY1352-NK meters over a TCP serial gateway
// is killed with SIGKILL at random points, while the test spoils replies now and then (a meter
// unheard, an answer to a recharge or a balance preset lost). The meters live here and outlive
// every kill. After the last kill the office opens once more and settles what the till would (a
// refund or suspension again where a preset waits); then every meter must hold exactly what the
// books say: its committed sales less the refunds taken off it, each balance preset booked with
// exactly one refund, none lost, none twice. Summaries: test-results/credit-crash-summary.json,
// journal-crash-balancePreset.json.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { bookChecks, bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';

const KILLS = Number(process.env.POWERTILL_CREDIT_CRASH_KILLS ?? 60);
const ADDRESSES = ['000000000601', '000000000602', '000000000603'];

/**
 * What the till does about a preset left waiting: the refund (or suspension) once more, for no
 * more than the meter holds (an earlier refund may have left it a few fen; asking for more is
 * refused before the waiting preset is looked at). A preset that landed is booked as it was,
 * whatever this attempt asks for.
 */
async function settleWaiting(core: TestCore, admin: string, meters: NkMeter[]) {
  const waiting = core.services.db
    .prepare(
      "SELECT DISTINCT account_id AS id FROM device_operations WHERE state = 'pending' AND kind = 'balancePreset'",
    )
    .all() as { id: number }[];
  for (const { id } of waiting) {
    const { state, meterNo } = core.services.db
      .prepare(
        'SELECT a.state, m.meter_no AS meterNo FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE a.id = ?',
      )
      .get(id) as { state: string; meterNo: string };
    const held = meters.find((m) => m.state.address === meterNo)!.state.remainingFen;
    const refund = { amountFen: Math.max(1, Math.min(100, held)), paymentMethod: 'cash' as const };
    const result =
      state === 'active'
        ? await core.call('accounts.suspend', { accountId: id, reason: '结清', refund }, admin)
        : await core.call('refunds.create', { accountId: id, reason: '结清', ...refund }, admin);
    if (!result.ok) throw new Error(`settling account ${id}: ${JSON.stringify(result.error)}`);
  }
  return waiting.length;
}

describe('crash safety of refunds taken off NK meters', () => {
  let workerBundle = '';
  beforeAll(async () => {
    workerBundle = await bundleWorker('creditWorker');
  });

  it(`every meter holds what the books say across ${KILLS} SIGKILLs`, async () => {
    const dataDir = tempDir('powertill-credit-crash-');
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

    const next = sequence(31);
    const spoil = setInterval(() => {
      const meter = meters[next() % meters.length]!;
      if (next() % 2 === 0) meter.rechargeFaults.push('silent', 'silent', 'silent', 'silent');
      else meter.faults.push('silent');
    }, 1_500);
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
      const login = await core.ok('auth.login', { username: 'admin', password: 'Admin1234' });
      const settledAtTheTill = await settleWaiting(core, login.sessionId, meters);
      const db = core.services.db;
      // A closing's credit held on a meter that was silent is taken off now that it answers.
      await core.ok('meters.settleHeldCredits', {}, login.sessionId);
      const perMeter = meters.map((meter) => {
        // Every tenant the meter has had: a closed account's successor buys on the same meter.
        const ids = (
          db
            .prepare(
              'SELECT a.id FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE m.meter_no = ?',
            )
            .all(meter.state.address) as { id: number }[]
        ).map((a) => a.id);
        const of = `account_id IN (${ids.join(', ')})`;
        const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        const sold = one(
          `SELECT coalesce(sum(amount_fen), 0) AS n FROM sales WHERE ${of} AND status = 'committed'`,
        );
        const refunded = one(
          `SELECT coalesce(sum(amount_fen), 0) AS n FROM refunds WHERE ${of} AND taken_off_meter = 1`,
        );
        const operations = db
          .prepare(
            `SELECT kind || ':' || state AS k, count(*) AS n FROM device_operations WHERE ${of}
             AND kind IN ('balancePreset', 'heldCredit') GROUP BY kind, state`,
          )
          .all() as { k: string; n: number }[];
        const journal = Object.fromEntries(operations.map((o) => [o.k, o.n])) as Record<
          string,
          number
        >;
        return {
          meter: meter.state.address,
          accounts: ids.length,
          closed: one(
            `SELECT count(*) AS n FROM accounts WHERE id IN (${ids.join(', ')}) AND state = 'closed'`,
          ),
          onMeter: meter.state.remainingFen,
          books: sold - refunded,
          sold,
          refunded,
          refunds: one(`SELECT count(*) AS n FROM refunds WHERE ${of} AND taken_off_meter = 1`),
          presets: journal,
          // Each refund taken off the meter is one committed preset (a held credit's included).
          takenOff:
            (journal['balancePreset:committed'] ?? 0) + (journal['heldCredit:committed'] ?? 0),
          pending: (journal['balancePreset:pending'] ?? 0) + (journal['heldCredit:pending'] ?? 0),
        };
      });
      const books = bookChecks(db);
      const summary = {
        kills: KILLS,
        settledAtTheTill,
        meters: perMeter,
        ...books,
        auditChain: core.services.audit.verify(),
      };
      writeSummary('credit-crash-summary.json', summary);
      const sum = (pick: (m: (typeof perMeter)[number]) => number) =>
        perMeter.reduce((n, m) => n + pick(m), 0);
      writeSummary('journal-crash-balancePreset.json', {
        kind: 'balancePreset',
        kills: KILLS,
        // 销户 (credit cleared off the meter) included: a closing is a preset to 0.
        closings: sum((m) => m.closed),
        presetsCommitted: sum((m) => m.takenOff),
        refundsTakenOff: sum((m) => m.refunds),
        // Money on a meter the books do not have, or the books have and the meter does not.
        lost: perMeter.filter((m) => m.onMeter > m.books).length,
        doubled: perMeter.filter((m) => m.onMeter < m.books || m.takenOff !== m.refunds).length,
        pending: sum((m) => m.pending),
      });

      for (const m of perMeter) {
        // Nothing lost, nothing twice: the meter holds what was sold less what was paid back.
        expect([m.meter, m.onMeter]).toEqual([m.meter, m.books]);
        // Each committed preset is exactly one refund; none is left unsettled.
        expect([m.meter, m.takenOff]).toEqual([m.meter, m.refunds]);
        expect(m.pending).toBe(0);
      }
      // Tenants moved out and in: closings cleared the credit off their meters.
      expect(sum((m) => m.closed)).toBeGreaterThan(0);
      expect(books.pendingOperations).toBe(0);
      expect(books.receiptGaps).toBe(0);
      expect(summary.auditChain.ok).toBe(true);
      // Enough happened for this to mean something (closings and the next tenants' openings
      // share the kills with the refunds: 15 to 20 refunds in 60 kills on this machine).
      expect(perMeter.reduce((n, m) => n + m.refunds, 0)).toBeGreaterThanOrEqual(KILLS / 6);
    } finally {
      await core.dispose();
      await bus.close();
    }
  }, 1_200_000);
});
