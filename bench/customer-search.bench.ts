// Customer search as a cashier types, on an office of 50,000 customers (BENCH_CUSTOMERS): every
// keystroke of a customer number, a name, pinyin initials, full pinyin, a shop unit, a phone's
// digits or a meter number is one search through the API (the cashier's own rights), from the
// first character on. Goal: p95 ≤ 5 ms (issue 17).
import fs from 'node:fs';
import { openTestCore, setUpOffice, tempDir } from '../core/testing';
import { SimulatedCards } from '../sim/simulatedCards';
import { nameKeys } from '../core/ledger/customerStore';
import { atMost, percentile, round, writeResult } from './lib';
import { random, seedOffice } from '../tests/seedOffice';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const TYPED = 1_000;

async function main() {
  const dataDir = tempDir('powertill-bench-search-');
  const core = await openTestCore({ dataDir, target: new SimulatedCards() });
  const admin = (await setUpOffice(core)).sessionId;
  const tariff = await core.ok(
    'tariffs.create',
    { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
    admin,
  );
  const indexed = performance.now();
  const { names } = seedOffice(core.services.db, {
    customers: CUSTOMERS,
    sales: 0,
    tariffId: tariff.id,
    end: core.clock.now.getTime(),
  });
  const seedSeconds = (performance.now() - indexed) / 1000;

  // What the cashier types, whole; each of its beginnings is searched, as the box searches.
  const typed = Array.from({ length: TYPED }, (_, i) => {
    const n = 1 + Math.floor(random() * CUSTOMERS);
    const name = names[n - 1]!;
    switch (i % 7) {
      case 0:
        return `C${String(n).padStart(6, '0')}`;
      case 1:
        return name.slice(0, 4);
      case 2:
        return nameKeys(name).initials.slice(0, 4);
      case 3:
        return nameKeys(name).full.slice(0, 8);
      case 4:
        return String(n).padStart(3, '0');
      case 5:
        return `139${String(10_000_000 + n)}`.slice(-4);
      default:
        return String(n).padStart(12, '0').slice(-6);
    }
  });
  const times: number[] = [];
  const short: number[] = [];
  let found = 0;
  for (const text of typed) {
    for (let end = 1; end <= text.length; end += 1) {
      const query = text.slice(0, end);
      const t = performance.now();
      const result = await core.call('customers.search', { query, limit: 20 }, admin);
      const ms = performance.now() - t;
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      times.push(ms);
      if ([...query].length < 3) short.push(ms);
      if (end === text.length && result.value.length > 0) found += 1;
    }
  }
  // What the two search indexes and the name and shop-unit indexes cost on disk.
  const { bytes } = core.services.db
    .prepare(
      `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'customer_search%'
         OR name LIKE 'customer_grams%' OR name IN ('customers_by_name', 'customers_by_shop_unit')`,
    )
    .get() as { bytes: number };
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  writeResult('customer-search', {
    customers: { value: CUSTOMERS, unit: 'count' },
    searches: { value: times.length, unit: 'count' },
    whole_queries_found: { value: found, unit: 'count', goal: `= ${TYPED}`, met: found === TYPED },
    customer_search_p50: { value: round(percentile(times, 50), 3), unit: 'ms' },
    customer_search_p95: atMost(percentile(times, 95), 'ms', 5, 3),
    customer_search_max: { value: round(Math.max(...times), 3), unit: 'ms' },
    one_or_two_characters_p95: { value: round(percentile(short, 95), 3), unit: 'ms' },
    generation: { value: round(seedSeconds, 1), unit: 's' },
    search_indexes: { value: round(bytes / 1024 / 1024, 1), unit: 'MB' },
    search_indexes_per_customer: { value: Math.round(bytes / CUSTOMERS), unit: 'B' },
  });
}

void main();
