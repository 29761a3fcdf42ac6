// Crash test of a dorm building's monthly free allowance (基础免费电量, issue 18): 12 rooms on a
// simulated ADF300 box, three circuits a room, each an account whose tariff gives 15 kWh a month.
// For two months, a worker doing what the office's minute timer does (the month's allowance as a
// batch, resumed where the last run stopped) is killed with SIGKILL at random points while the
// test drops the box’s answers now and then (a recharge that landed unseen, a silent circuit).
// After each month's kills the office opens once more, reads the line and finishes the month.
// Then every circuit holds exactly one allowance a month, in the box and in the books; nothing
// is pending; receipts have no gaps. Summary: test-results/dorm-allowance-crash.json.
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeClock, openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { AdfBox } from '../../sim/rs485/adfBox';
import type { AdfCircuit } from '../../sim/rs485/adfBox';
import { TcpBus } from '../../sim/rs485/tcpBus';
import { bookChecks, bundleWorker, runUntilKilled, sequence, writeSummary } from '../crash/harness';

const KILLS_PER_MONTH = Number(process.env.POWERTILL_ALLOWANCE_CRASH_KILLS ?? 6);
const BOX = '000000510000';
const MONTHS = ['2027-03', '2027-04'];
/** When the office opens on the month's first day (office time). */
const opening = (month: string) => `${month}-01T08:00:00+08:00`;

const one = <T>(core: TestCore, sql: string, ...args: unknown[]) =>
  core.services.db.prepare(sql).get(...args) as T;

/** The month's allowances committed so far, read from the file (between runs, or beside one). */
function grantedOnFile(dataDir: string, month: string): number {
  const db = new Database(path.join(dataDir, 'powertill.sqlite3'), { readonly: true });
  try {
    return (
      db
        .prepare(
          `SELECT count(*) AS n FROM sales WHERE allowance_month = ? AND status = 'committed'`,
        )
        .get(month) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

describe('a dorm building’s monthly free allowance across SIGKILLs', () => {
  let workerBundle = '';
  beforeAll(async () => {
    workerBundle = await bundleWorker('allowanceWorker');
  }, 60_000);

  it(`credits each room circuit once a month through ${KILLS_PER_MONTH * MONTHS.length} kills`, async () => {
    const dataDir = tempDir('powertill-allowance-crash-');
    const bus = new TcpBus<AdfCircuit>([]);
    const port = await bus.listen();
    const first = await openTestCore({
      dataDir,
      clock: makeClock(new Date('2027-02-20T10:00:00+08:00')),
    });
    const admin = (await setUpOffice(first)).sessionId;
    await first.ok(
      'meterLink.configure',
      {
        line: { kind: 'tcp', host: '127.0.0.1', port },
        password: '02123456',
        pollIntervalMinutes: 0,
      },
      admin,
    );
    const tariff = await first.ok(
      'tariffs.create',
      { name: '学生宿舍', definition: { kind: 'flat', price: 5_000, freeAllowance: 1_500 } },
      admin,
    );
    const box = new AdfBox(BOX, 36, first.services.secret.read()!.secret);
    bus.meters.push(...box.circuits);
    const campus = await first.ok('dorms.createCampus', { name: '东校区' }, admin);
    const building = await first.ok(
      'dorms.createBuilding',
      { campusId: campus.id, name: '8号楼' },
      admin,
    );
    await first.ok(
      'dorms.openRooms',
      {
        buildingId: building.id,
        floorFrom: 1,
        floorTo: 2,
        roomsPerFloor: 6,
        purposes: ['lighting', 'sockets', 'aircon'],
        tariffId: tariff.id,
        boxes: [{ meterNo: BOX, circuits: 36 }],
      },
      admin,
    );
    // The rooms' price is on their circuits before term starts (调价下发 has crash tests of its own).
    await first.ok('meters.pushTariffsNow', {}, admin);
    await first.close();

    const next = sequence(18);
    const months: { month: string; kills: number; grantedByWorker: number; batches: number }[] = [];
    for (const month of MONTHS) {
      const spoil = setInterval(() => {
        const circuit = box.circuits[next() % box.circuits.length]!;
        if (next() % 3 === 0) circuit.rechargeFaults.push('silent');
        else circuit.faults.push('silent', 'silent', 'silent', 'silent');
      }, 400);
      let kills = 0;
      try {
        // The month's kills, and more (up to ten) while no run has got as far as granting a room:
        // on a busy machine a run can spend its few seconds settling the last one's leftovers,
        // and the kills must land inside the batch for this test to show anything.
        while (
          kills < KILLS_PER_MONTH ||
          (kills < KILLS_PER_MONTH + 10 && grantedOnFile(dataDir, month) === 0)
        ) {
          const run = await runUntilKilled(workerBundle, [dataDir, opening(month)], next() % 4_000);
          if (!run.killed) throw new Error(`worker ended by itself:\n${run.stderr}`);
          kills += 1;
        }
      } finally {
        clearInterval(spoil);
      }
      for (const c of box.circuits) {
        c.faults = [];
        c.rechargeFaults = [];
      }
      // The office opens once more that month: it reads the line and finishes what is left.
      const core = await openTestCore({
        dataDir,
        clock: makeClock(new Date(Date.parse(opening(month)) + 3_600_000)),
      });
      try {
        const done = () => grantedOnFile(dataDir, month);
        months.push({
          month,
          kills,
          grantedByWorker: done(),
          batches: one<{ n: number }>(
            core,
            'SELECT count(*) AS n FROM recharge_batches WHERE allowance_month = ?',
            month,
          ).n,
        });
        for (let round = 0; round < 5 && done() < 36; round += 1) {
          await core.services.poller.pollAll();
          await core.services.poller.tick();
          const login = await core.ok('auth.login', { username: 'admin', password: 'Admin1234' });
          for (const batch of await core.ok('batch.unfinished', {}, login.sessionId)) {
            await core.ok('batch.retryFailed', { id: batch.id }, login.sessionId);
            await core.services.batches.settle();
          }
        }
        await core.services.poller.pollAll();
      } finally {
        await core.close();
      }
    }

    const core = await openTestCore({
      dataDir,
      clock: makeClock(new Date('2027-04-02T08:00:00+08:00')),
    });
    try {
      const allowanceFen = 15 * 50; // 15 kWh at 0.5000 yuan/kWh
      const circuits = box.circuits.map((c) => {
        const account = one<{ id: number }>(
          core,
          `SELECT a.id FROM accounts a JOIN meters m ON m.id = a.meter_id
            WHERE m.meter_no = ? AND m.circuit = ?`,
          BOX,
          box.circuits.indexOf(c) + 1,
        );
        const granted = MONTHS.map(
          (month) =>
            one<{ n: number }>(
              core,
              `SELECT count(*) AS n FROM sales WHERE account_id = ? AND allowance_month = ? AND status = 'committed'`,
              account.id,
              month,
            ).n,
        );
        return {
          circuit: box.circuits.indexOf(c) + 1,
          granted,
          onBox: { count: c.state.purchaseCount, fen: c.state.cumulativePurchasedFen },
        };
      });
      const books = bookChecks(core.services.db);
      const unfinished = core.services.batches.unfinished();
      writeSummary('dorm-allowance-crash.json', {
        months,
        circuits,
        books,
        unfinished: unfinished.length,
      });

      expect(months.every((m) => m.kills >= KILLS_PER_MONTH)).toBe(true);
      // The worker's runs did the month between them, a kill or more landing in the middle of
      // the batch, each later run taking it up again (one batch a month, not one a run).
      expect(months.map((m) => [m.grantedByWorker > 0, m.batches])).toEqual(
        MONTHS.map(() => [true, 1]),
      );
      expect(circuits.filter((c) => c.granted.some((n) => n !== 1))).toEqual([]);
      expect(
        circuits.filter(
          (c) => c.onBox.count !== MONTHS.length || c.onBox.fen !== MONTHS.length * allowanceFen,
        ),
      ).toEqual([]);
      expect(books.pendingOperations).toBe(0);
      expect(books.receiptGaps).toBe(0);
      expect(unfinished).toEqual([]);
      // The building's report shows the allowance given, month by month, as its own figure.
      const building = one<{ id: number }>(core, 'SELECT id FROM buildings').id;
      const login = await core.ok('auth.login', { username: 'admin', password: 'Admin1234' });
      for (const month of MONTHS) {
        const report = await core.ok(
          'dorms.report',
          { buildingId: building, from: `${month}-01`, to: `${month}-28` },
          login.sessionId,
        );
        expect(report.totals).toMatchObject({
          rooms: 12,
          allowanceCount: 36,
          allowanceFen: 36 * allowanceFen,
        });
      }
    } finally {
      await core.dispose();
      await bus.close();
    }
  }, 600_000);
});
