// The ledger on years of data: a generated office of 5,000 customers and 1,000,000 sales over
// three years, then sale commits through the API (beside a bare one-row commit under the same
// settings as the baseline), customer search, daily / monthly / yearly sales reports, database
// size and peak memory.
import fs from 'node:fs';
import path from 'node:path';
import { openTestCore, setUpOffice, tempDir } from '../core/testing';
import { SimulatedCards } from '../sim/simulatedCards';
import { percentile, round, writeResult } from './lib';
import { nameKeys } from '../core/ledger/customerStore';
import { random, seedOffice, YEARS_MS } from './seedOffice';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5_000);
const SALES = Number(process.env.BENCH_SALES ?? 1_000_000);

async function main() {
  const dataDir = tempDir('powertill-bench-ledger-');
  const cards = new SimulatedCards();
  const core = await openTestCore({ dataDir, target: cards });
  const admin = (await setUpOffice(core)).sessionId;
  await core.ok(
    'settings.update',
    { hoardingLimitFen: 100_000_000_00, maxSaleFen: 10_000_000 },
    admin,
  );
  const tariff = await core.ok(
    'tariffs.create',
    { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
    admin,
  );
  const { db } = core.services;
  const start = core.clock.now.getTime() - YEARS_MS;

  // Generated straight into the tables (far faster than the API); the API is measured below.
  const generated = performance.now();
  const { names, perAccount, totals } = seedOffice(db, {
    customers: CUSTOMERS,
    sales: SALES,
    tariffId: tariff.id,
    end: core.clock.now.getTime(),
  });
  const generationSeconds = (performance.now() - generated) / 1000;

  // Make the simulated cards agree with the generated books for the accounts we sell to.
  const measured = 500;
  for (let id = 1; id <= measured; id += 1) {
    const ref = { accountNo: String(id).padStart(8, '0'), meterNo: String(id).padStart(12, '0') };
    cards.setHistory(ref, {
      purchaseCount: perAccount[id]!,
      cumulativeFen: totals[id]!,
      remainingFen: 10_000,
    });
  }

  // Sale commits through the API, each on an account whose last purchase is loaded.
  const saleTimes: number[] = [];
  for (let id = 1; id <= measured; id += 1) {
    const t = performance.now();
    const result = await core.call(
      'sales.sell',
      { accountId: id, amountFen: 5_000, paymentMethod: 'cash' },
      admin,
    );
    saleTimes.push(performance.now() - t);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }

  // Baseline: a bare one-row commit on the same file and settings (WAL, synchronous=FULL).
  db.exec('CREATE TABLE bench_baseline (id INTEGER PRIMARY KEY, at TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO bench_baseline (at) VALUES (?)');
  const commit = db.transaction((at: string) => insert.run(at));
  const baseline: number[] = [];
  for (let i = 0; i < measured; i += 1) {
    const t = performance.now();
    commit.immediate(new Date().toISOString());
    baseline.push(performance.now() - t);
  }

  // Customer search as the cashier types: numbers, names, pinyin initials, shop units, phones.
  const queries = Array.from({ length: 1_000 }, (_, i) => {
    const n = 1 + Math.floor(random() * CUSTOMERS);
    switch (i % 5) {
      case 0:
        return `C${String(n).padStart(6, '0')}`;
      case 1:
        return names[n - 1]!.slice(0, 2);
      case 2:
        return nameKeys(names[n - 1]!).initials.slice(0, 3);
      case 3:
        return String(n).padStart(3, '0');
      default:
        return `139${String(10_000_000 + n).slice(0, 5)}`;
    }
  });
  const searchTimes: number[] = [];
  for (const query of queries) {
    const t = performance.now();
    const result = await core.call('customers.search', { query, limit: 20 }, admin);
    searchTimes.push(performance.now() - t);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }

  // Reports through the API: office days and calendar months spread over the three years.
  const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const timeReport = async (from: string, to: string) => {
    const t = performance.now();
    const result = await core.call('reports.sales', { from, to }, admin);
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return { ms, sales: result.value.totals.salesCount };
  };
  const dailyTimes: number[] = [];
  let dailySales = 0;
  for (let i = 0; i < 30; i += 1) {
    const d = day(start + Math.floor(random() * (YEARS_MS - 86_400_000)));
    const { ms, sales } = await timeReport(d, d);
    dailyTimes.push(ms);
    dailySales += sales;
  }
  const monthlyTimes: number[] = [];
  let monthlySales = 0;
  for (let i = 0; i < 12; i += 1) {
    const first = `${day(start + Math.floor(random() * (YEARS_MS - 40 * 86_400_000))).slice(0, 7)}-01`;
    const last = new Date(Date.UTC(+first.slice(0, 4), +first.slice(5, 7), 0))
      .toISOString()
      .slice(0, 10);
    const { ms, sales } = await timeReport(first, last);
    monthlyTimes.push(ms);
    monthlySales += sales;
  }
  const yearStart = `${day(start).slice(0, 4)}-01-01`;
  const yearly = await timeReport(
    `${Number(yearStart.slice(0, 4)) + 1}-01-01`,
    `${Number(yearStart.slice(0, 4)) + 1}-12-31`,
  );

  const dbBytes = ['', '-wal', '-shm'].reduce((sum, suffix) => {
    const file = `${core.services.info.paths.database}${suffix}`;
    return sum + (fs.existsSync(file) ? fs.statSync(file).size : 0);
  }, 0);
  await core.dispose();
  cards.close();

  writeResult('ledger', {
    customers: { value: CUSTOMERS, unit: 'count' },
    sales: { value: SALES, unit: 'count' },
    generation: { value: round(generationSeconds, 1), unit: 's' },
    sale_commit_p50: { value: round(percentile(saleTimes, 50), 3), unit: 'ms' },
    sale_commit_p95: { value: round(percentile(saleTimes, 95), 3), unit: 'ms', goal: '<= 2' },
    bare_one_row_commit_p50: { value: round(percentile(baseline, 50), 3), unit: 'ms' },
    bare_one_row_commit_p95: { value: round(percentile(baseline, 95), 3), unit: 'ms' },
    customer_search_p50: { value: round(percentile(searchTimes, 50), 3), unit: 'ms' },
    customer_search_p95: {
      value: round(percentile(searchTimes, 95), 3),
      unit: 'ms',
      goal: '<= 10',
    },
    daily_report_p95: { value: round(percentile(dailyTimes, 95), 2), unit: 'ms', goal: '<= 50' },
    daily_report_sales_mean: { value: Math.round(dailySales / dailyTimes.length), unit: 'count' },
    monthly_report_p95: {
      value: round(percentile(monthlyTimes, 95), 2),
      unit: 'ms',
      goal: '<= 200',
    },
    monthly_report_sales_mean: {
      value: Math.round(monthlySales / monthlyTimes.length),
      unit: 'count',
    },
    yearly_report: { value: round(yearly.ms, 1), unit: 'ms' },
    yearly_report_sales: { value: yearly.sales, unit: 'count' },
    database_size: { value: round(dbBytes / 1024 / 1024, 1), unit: 'MB' },
    peak_rss: { value: round(process.resourceUsage().maxRSS / 1024, 1), unit: 'MB' },
  });
  fs.rmSync(path.join(dataDir), { recursive: true, force: true });
}

void main();
