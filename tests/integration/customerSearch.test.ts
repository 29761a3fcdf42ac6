// Customer search by index (migration 0026, decision 0031) against a reading of every row: random
// customers, renamed, renumbered and moved between shop units; accounts opened, closed, suspended,
// moved to another customer or given another meter; meters renumbered. After each run, every
// query (pieces of the fields as typed, in either case, and strings found nowhere) must find
// exactly the customers, in the order, that the rules give when applied to the rows themselves.
// And the migration indexes the customers of a ledger that had no index.
import path from 'node:path';
import fc from 'fast-check';
import { openDatabase, type Db } from '../../core/db/open';
import { loadMigrations, migrate } from '../../core/db/migrate';
import { CustomerStore, nameKeys } from '../../core/ledger/customerStore';
import { tempDir } from '../../core/testing';

const migrations = loadMigrations(path.resolve(__dirname, '../../core/db/migrations'));
const SEARCH_INDEX = migrations.findIndex((m) => m.name === 'customer_search');

// Few symbols, so that pieces of one field turn up in others and queries find several customers.
const NAME_CHARS = [
  '星',
  '巴',
  '克',
  '咖',
  '啡',
  '王',
  '记',
  'A',
  'b',
  'K',
  '1',
  '2',
  '%',
  '-',
  ' ',
];
const text = (chars: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((c) => c.join(''));
const name = text(NAME_CHARS, 1, 8).filter((n) => n.trim() === n && n !== '');
const shopUnit = fc.oneof(fc.constant(''), text(['F', 'b', '1', '2', '-', '0'], 1, 6));
const phone = fc.oneof(fc.constant(''), text(['1', '3', '9', '0'], 3, 11));
const meterNo = text(['0', '1', '2', '9'], 12, 12);

type Step =
  | { kind: 'customer'; name: string; shopUnit: string; phone: string; custom: string | null }
  | { kind: 'edit'; pick: number; name: string; shopUnit: string; phone: string }
  | { kind: 'renumber'; pick: number; customerNo: string }
  | { kind: 'open'; pick: number; meterNo: string }
  | { kind: 'state'; pick: number; state: 'active' | 'suspended' | 'closed' }
  | { kind: 'move'; pick: number; to: number }
  | { kind: 'replace'; pick: number; meterNo: string }
  | { kind: 'meterNo'; pick: number; meterNo: string };

const pick = fc.nat();
const customNo = fc.option(text(['S', 'h', 'O', 'p', '-', '8', 'C', '0'], 1, 7), { nil: null });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('customer' as const),
      name,
      shopUnit,
      phone,
      custom: customNo,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), pick, name, shopUnit, phone }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('renumber' as const),
      pick,
      customerNo: text(['S', 'h', '8', 'C', '0', '-'], 1, 6),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('open' as const), pick, meterNo }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('state' as const),
      pick,
      state: fc.constantFrom('active' as const, 'suspended' as const, 'closed' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pick, to: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick, meterNo }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('meterNo' as const), pick, meterNo }) },
);

const ids = (db: Db, table: string) =>
  (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
const choose = (list: number[], n: number) => list[n % list.length];

/** Applies a step with plain SQL, as any code path of the app might; a refused write is skipped. */
function apply(db: Db, s: Step, at: string) {
  const customers = ids(db, 'customers');
  const accounts = ids(db, 'accounts');
  const insertMeter = (no: string) =>
    Number(
      db
        .prepare(
          "INSERT INTO meters (meter_no, circuit, model, kind, phases, created_at) VALUES (?, (SELECT count(*) FROM meters WHERE meter_no = ?), 'DDSY1352', 'card', 1, ?)",
        )
        .run(no, no, at).lastInsertRowid,
    );
  try {
    switch (s.kind) {
      case 'customer': {
        const keys = nameKeys(s.name);
        const no = s.custom ?? `C${String(customers.length + 1).padStart(6, '0')}`;
        db.prepare(
          'INSERT INTO customers (customer_no, name, name_initials, name_pinyin, shop_unit, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(no, s.name, keys.initials, keys.full, s.shopUnit, s.phone, at, at);
        return;
      }
      case 'edit': {
        const id = choose(customers, s.pick);
        if (id === undefined) return;
        const keys = nameKeys(s.name);
        db.prepare(
          'UPDATE customers SET name = ?, name_initials = ?, name_pinyin = ?, shop_unit = ?, phone = ? WHERE id = ?',
        ).run(s.name, keys.initials, keys.full, s.shopUnit, s.phone, id);
        return;
      }
      case 'renumber': {
        const id = choose(customers, s.pick);
        if (id !== undefined)
          db.prepare('UPDATE customers SET customer_no = ? WHERE id = ?').run(s.customerNo, id);
        return;
      }
      case 'open': {
        const id = choose(customers, s.pick);
        if (id === undefined) return;
        db.prepare(
          'INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES (?, ?, ?, 1, ?)',
        ).run(`A${accounts.length + 1}`, id, insertMeter(s.meterNo), at);
        return;
      }
      case 'state': {
        const id = choose(accounts, s.pick);
        if (id !== undefined)
          db.prepare('UPDATE accounts SET state = ? WHERE id = ?').run(s.state, id);
        return;
      }
      case 'move': {
        const id = choose(accounts, s.pick);
        const to = choose(customers, s.to);
        if (id !== undefined && to !== undefined)
          db.prepare('UPDATE accounts SET customer_id = ? WHERE id = ?').run(to, id);
        return;
      }
      case 'replace': {
        const id = choose(accounts, s.pick);
        if (id !== undefined)
          db.prepare('UPDATE accounts SET meter_id = ? WHERE id = ?').run(
            insertMeter(s.meterNo),
            id,
          );
        return;
      }
      case 'meterNo': {
        const id = choose(ids(db, 'meters'), s.pick);
        if (id !== undefined)
          db.prepare(
            'UPDATE meters SET meter_no = ?, circuit = (SELECT count(*) FROM meters WHERE meter_no = ?) WHERE id = ?',
          ).run(s.meterNo, s.meterNo, id);
        return;
      }
    }
  } catch (error) {
    if (!/UNIQUE constraint/.test(String(error))) throw error;
  }
}

interface Customer {
  id: number;
  customer_no: string;
  name: string;
  name_initials: string;
  name_pinyin: string;
  shop_unit: string;
  phone: string;
  updated_at: string;
}

/** The rules of decision 0031, applied to the rows themselves. */
function expected(db: Db, query: string, limit: number): number[] {
  const q = query.trim();
  const lower = (t: string) => t.toLowerCase();
  const compact = lower(q).replace(/\s+/g, '');
  const customers = db.prepare('SELECT * FROM customers ORDER BY id').all() as Customer[];
  // Nothing typed: the customers changed most recently.
  if (q === '')
    return customers
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id)
      .slice(0, limit)
      .map((c) => c.id);
  const meters = (id: number) =>
    (
      db
        .prepare(
          "SELECT m.meter_no FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE a.customer_id = ? AND a.state <> 'closed'",
        )
        .all(id) as { meter_no: string }[]
    ).map((m) => m.meter_no);
  const found = (c: Customer) => {
    if ([...q].length >= 3) {
      const fields = [
        c.customer_no,
        c.name,
        c.name_initials,
        c.name_pinyin,
        c.shop_unit,
        c.phone,
        ...meters(c.id),
      ];
      const phrases = [
        lower(q),
        ...(compact !== lower(q) && [...compact].length >= 3 ? [compact] : []),
      ];
      return fields.some((f) => phrases.some((p) => lower(f).includes(p)));
    }
    return (
      lower(c.name).includes(lower(q)) ||
      lower(c.customer_no).startsWith(lower(q)) ||
      lower(c.shop_unit).startsWith(lower(q)) ||
      c.name_initials.startsWith(compact) ||
      c.name_pinyin.startsWith(compact)
    );
  };
  const rank = (c: Customer) =>
    lower(c.customer_no) === lower(q)
      ? 0
      : lower(c.shop_unit) === lower(q)
        ? 1
        : c.name === q
          ? 2
          : 3;
  return customers
    .filter((c) => rank(c) < 3 || found(c))
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id)
    .slice(0, limit)
    .map((c) => c.id);
}

/** Queries as a cashier types them: pieces of the fields, in either case, and strings found nowhere. */
function queries(db: Db, seed: number[]): string[] {
  const fields = (
    db
      .prepare(
        'SELECT name AS f FROM customers UNION ALL SELECT customer_no FROM customers UNION ALL SELECT shop_unit FROM customers UNION ALL SELECT phone FROM customers UNION ALL SELECT name_initials FROM customers UNION ALL SELECT name_pinyin FROM customers UNION ALL SELECT meter_no FROM meters',
      )
      .all() as { f: string }[]
  )
    .map((r) => [...r.f])
    .filter((f) => f.length > 0);
  const typed = seed.map((n, i) => {
    const field = fields[n % Math.max(1, fields.length)] ?? ['x'];
    const start = (n >> 4) % field.length;
    const piece = field.slice(start, start + 1 + ((n >> 8) % 5)).join('');
    return i % 3 === 0 ? piece.toUpperCase() : piece;
  });
  // Whole meter numbers too: one renumbered meter must be found by its new number alone.
  const meterNos = (db.prepare('SELECT meter_no AS f FROM meters').all() as { f: string }[]).map(
    (r) => r.f,
  );
  return [...typed, ...meterNos, '%', '_', '-', 'zz', '星巴克咖啡王', '2 9', ' 1 '];
}

async function freshLedger(upTo = migrations.length) {
  const dir = tempDir('powertill-search-');
  const db = openDatabase(path.join(dir, 'ledger.sqlite3'));
  await migrate(db, { migrations: migrations.slice(0, upTo), backupDir: dir });
  db.exec("INSERT INTO tariffs (name, created_at) VALUES ('商业', 't')");
  return { db, dir };
}

describe('customer search by index', () => {
  jest.setTimeout(120_000);

  it('finds what the rules find in the rows, for any writes and any query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 15 }),
        fc.integer({ min: 1, max: 8 }),
        async (steps, seed, limit) => {
          const { db } = await freshLedger();
          try {
            steps.forEach((s, i) =>
              apply(db, s, `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`),
            );
            const store = new CustomerStore(db);
            for (const query of queries(db, seed)) {
              const ids = store.search(query, limit).map((c) => c.id);
              expect({ query, ids }).toEqual({ query, ids: expected(db, query, limit) });
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('lists the meters of open accounts with each match, and follows them as they change', async () => {
    const { db } = await freshLedger();
    try {
      apply(
        db,
        {
          kind: 'customer',
          name: '星巴克',
          shopUnit: 'B1-023',
          phone: '13911112222',
          custom: null,
        },
        't',
      );
      apply(db, { kind: 'open', pick: 0, meterNo: '000000000161' }, 't');
      const store = new CustomerStore(db);
      expect(store.search('0161', 5).map((c) => c.meterNos)).toEqual([['000000000161']]);
      apply(db, { kind: 'replace', pick: 0, meterNo: '000000000999' }, 't');
      expect(store.search('0161', 5)).toEqual([]);
      expect(store.search('0999', 5).map((c) => c.name)).toEqual(['星巴克']);
      apply(db, { kind: 'state', pick: 0, state: 'closed' }, 't');
      expect(store.search('0999', 5)).toEqual([]);
      expect(store.search('星巴', 5).map((c) => c.meterNos)).toEqual([[]]);
    } finally {
      db.close();
    }
  });

  it('is built by the migration for the customers a ledger already has', async () => {
    const { db, dir } = await freshLedger(SEARCH_INDEX);
    try {
      apply(
        db,
        {
          kind: 'customer',
          name: '重庆小面',
          shopUnit: 'F2-101',
          phone: '13911112222',
          custom: null,
        },
        't',
      );
      apply(
        db,
        { kind: 'customer', name: '100%果汁', shopUnit: 'F3-5', phone: '', custom: 'SHOP-88' },
        't',
      );
      apply(db, { kind: 'open', pick: 1, meterNo: '000000000161' }, 't');
      await migrate(db, { migrations, backupDir: dir });
      const store = new CustomerStore(db);
      const names = (q: string) => store.search(q, 5).map((c) => c.name);
      expect(names('cqxm')).toEqual(['重庆小面']);
      expect(names('小面')).toEqual(['重庆小面']);
      expect(names('shop')).toEqual(['100%果汁']);
      expect(names('0161')).toEqual(['100%果汁']);
      expect(names('果')).toEqual(['100%果汁']);
      for (const query of ['F', 'f3', '1391', 'xm', 'chongqing', '%'])
        expect(store.search(query, 5).map((c) => c.id)).toEqual(expected(db, query, 5));
    } finally {
      db.close();
    }
  });
});
