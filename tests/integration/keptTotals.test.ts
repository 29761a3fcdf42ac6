// The kept totals (migration 0025) against the lines they stand for: random sales, pending ones
// settled either way, reversals, refunds and card fees at moments around the office's midnight
// (16:00 UTC) and month and year ends, customers moving area and accounts changing tariff; after
// each run, the report's figures from the kept totals must equal the figures recomputed from the
// lines, for random ranges of days. And the migration builds the totals of a ledger that had none.
import path from 'node:path';
import fc from 'fast-check';
import { openDatabase, type Db } from '../../core/db/open';
import { loadMigrations, migrate } from '../../core/db/migrate';
import { ReportReader } from '../../core/db/reportReader';
import { reportLines } from '../../core/reports/reportStore';
import { figuresFromLines, keptFigures } from '../../core/reports/sales';
import { tempDir } from '../../core/testing';
import { officeDayRange } from '../../shared/officeTime';

const migrations = loadMigrations(path.resolve(__dirname, '../../core/db/migrations'));
const ACCOUNTS = 5;
const PAYMENTS = ['cash', 'wechat', 'alipay', 'bank_card'] as const;

/** An office of three operators, two tariffs and five accounts on their own meters. */
function office(db: Db) {
  db.exec(`
    INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES
      ('wang', '王', 'cashier', 'x', 't'), ('li', '李', 'cashier', 'x', 't'), ('zhao', '赵', 'supervisor', 'x', 't');
    INSERT INTO tariffs (name, created_at) VALUES ('商业', 't'), ('居民', 't');
    INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_at) VALUES
      (1, 't', '{}', 't'), (2, 't', '{}', 't'), (1, 't2', '{}', 't2');
    INSERT INTO shifts (operator_id, state, opened_at) VALUES (1, 'open', 't');`);
  for (let i = 1; i <= ACCOUNTS; i += 1)
    db.exec(`
      INSERT INTO customers (customer_no, name, name_initials, name_pinyin, area, created_at, updated_at)
        VALUES ('C${i}', '商户${i}', 'sh', 'shanghu', '${i % 2 ? 'A区' : ''}', 't', 't');
      INSERT INTO meters (meter_no, model, kind, phases, created_at) VALUES ('${String(i).padStart(12, '0')}', 'DDSY1352', 'card', 1, 't');
      INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES ('${i}', ${i}, ${i}, ${1 + (i % 2)}, 't');`);
}

// Moments either side of the office's midnight, on days that end months and years.
const DAYS = ['2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01', '2024-12-31', '2025-01-01'];
const moment = fc
  .record({
    day: fc.constantFrom(...DAYS),
    offset: fc.constantFrom(-3_600_000, -1, 0, 1, 3_600_000, 12 * 3_600_000),
  })
  .map(({ day, offset }) => new Date(Date.parse(officeDayRange(day).from) + offset).toISOString());

type Step =
  | {
      kind: 'sale';
      account: number;
      fen: number;
      pay: string;
      op: number;
      at: string;
      pending: boolean;
      tariffVersion: number;
    }
  | { kind: 'settleSale'; pick: number; committed: boolean }
  | { kind: 'reverse'; pick: number; op: number; at: string; pending: boolean }
  | { kind: 'settleReversal'; pick: number; committed: boolean }
  | { kind: 'refund'; account: number; fen: number; pay: string; op: number; at: string }
  | {
      kind: 'cardFee';
      account: number;
      fen: number;
      pay: string;
      op: number;
      at: string;
      pending: boolean;
    }
  | { kind: 'settleCardFee'; pick: number; committed: boolean }
  | { kind: 'moveArea'; account: number; area: string }
  | { kind: 'changeTariff'; account: number; tariff: number };

const account = fc.integer({ min: 1, max: ACCOUNTS });
const fen = fc.integer({ min: 1, max: 100_000 });
const pay = fc.constantFrom(...PAYMENTS);
const op = fc.integer({ min: 1, max: 3 });
const pick = fc.nat();
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      account,
      fen,
      pay,
      op,
      at: moment,
      pending: fc.boolean(),
      tariffVersion: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('settleSale' as const),
      pick,
      committed: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      pick,
      op,
      at: moment,
      pending: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settleReversal' as const),
      pick,
      committed: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      account,
      fen,
      pay,
      op,
      at: moment,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('cardFee' as const),
      account,
      fen,
      pay,
      op,
      at: moment,
      pending: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settleCardFee' as const),
      pick,
      committed: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('moveArea' as const),
      account,
      area: fc.constantFrom('', 'A区', 'B区'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('changeTariff' as const),
      account,
      tariff: fc.constantFrom(1, 2),
    }),
  },
);

/** Writes the steps as the office's code would: rows inserted, then settled by an UPDATE. */
function play(db: Db, steps: Step[]) {
  let receipt = 0;
  let operation = 0;
  const receiptNo = (at: string) => {
    receipt += 1;
    db.prepare("INSERT INTO receipts (receipt_no, status, created_at) VALUES (?, 'issued', ?)").run(
      receipt,
      at,
    );
    return receipt;
  };
  const operationId = (at: string) => {
    operation += 1;
    db.prepare(
      "INSERT INTO device_operations (operation_id, kind, target, state, payload, operator_id, created_at) VALUES (?, 'cardSale', 'card', 'committed', '{}', 1, ?)",
    ).run(`op-${operation}`, at);
    return operation;
  };
  const ids = (table: string, where: string) =>
    (
      db.prepare(`SELECT id FROM ${table} WHERE ${where} ORDER BY id`).all() as { id: number }[]
    ).map((r) => r.id);
  const choose = (list: number[], n: number) => (list.length ? list[n % list.length] : undefined);
  /** Settles the pending row `pick` lands on, if any, as a store would: by its status. */
  const settle = (table: string, pick: number, status: string) => {
    const id = choose(ids(table, "status = 'pending'"), pick);
    if (id) db.prepare(`UPDATE ${table} SET status = ? WHERE id = ?`).run(status, id);
    return id;
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'sale':
        db.prepare(
          `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count, payment_method, operator_id, status, created_at)
           VALUES (?, ?, ?, ?, 0, 8500, ?, 1, ?, ?, ?, ?)`,
        ).run(
          operationId(s.at),
          s.account,
          receiptNo(s.at),
          s.fen,
          s.tariffVersion,
          s.pay,
          s.op,
          s.pending ? 'pending' : 'committed',
          s.at,
        );
        break;
      case 'settleSale':
        settle('sales', s.pick, s.committed ? 'committed' : 'voided');
        break;
      case 'reverse': {
        const sale = choose(
          ids('sales', "status = 'committed' AND id NOT IN (SELECT sale_id FROM reversals)"),
          s.pick,
        );
        if (!sale) break;
        db.prepare(
          'INSERT INTO reversals (operation_id, sale_id, receipt_no, reason, operator_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          operationId(s.at),
          sale,
          receiptNo(s.at),
          'x',
          s.op,
          s.pending ? 'pending' : 'committed',
          s.at,
        );
        if (!s.pending) db.prepare("UPDATE sales SET status = 'reversed' WHERE id = ?").run(sale);
        break;
      }
      case 'settleReversal': {
        const id = settle('reversals', s.pick, s.committed ? 'committed' : 'voided');
        if (id && s.committed)
          db.prepare(
            "UPDATE sales SET status = 'reversed' WHERE id = (SELECT sale_id FROM reversals WHERE id = ?)",
          ).run(id);
        break;
      }
      case 'refund':
        db.prepare(
          `INSERT INTO refunds (account_id, kind, amount_fen, payment_method, reason, meter_remaining_fen, remaining_source, remaining_at, receipt_no, operator_id, approved_by, created_at)
           VALUES (?, 'refund', ?, ?, 'x', 0, 'manual', ?, ?, ?, ?, ?)`,
        ).run(s.account, s.fen, s.pay, s.at, receiptNo(s.at), s.op, s.op, s.at);
        break;
      case 'cardFee': {
        // One live card per account: the one before is replaced (补卡).
        db.prepare(
          "UPDATE cards SET status = 'replaced' WHERE account_id = ? AND status = 'active'",
        ).run(s.account);
        const card = Number(
          db
            .prepare(
              "INSERT INTO cards (card_no, account_id, generation, status, created_at, created_by, status_at) VALUES (?, ?, 0, 'active', ?, 1, ?)",
            )
            .run(String(receipt + 1).padStart(12, '0'), s.account, s.at, s.at).lastInsertRowid,
        );
        db.prepare(
          `INSERT INTO card_fees (card_id, account_id, kind, amount_fen, payment_method, receipt_no, status, operator_id, shift_id, created_at)
           VALUES (?, ?, 'issue', ?, ?, ?, ?, ?, 1, ?)`,
        ).run(
          card,
          s.account,
          s.fen,
          s.pay,
          receiptNo(s.at),
          s.pending ? 'pending' : 'committed',
          s.op,
          s.at,
        );
        break;
      }
      case 'settleCardFee':
        settle('card_fees', s.pick, s.committed ? 'committed' : 'void');
        break;
      case 'moveArea':
        db.prepare('UPDATE customers SET area = ? WHERE id = ?').run(s.area, s.account);
        break;
      case 'changeTariff':
        db.prepare('UPDATE accounts SET tariff_id = ? WHERE id = ?').run(s.tariff, s.account);
        break;
    }
  }
}

const range = fc
  .tuple(
    // Ranges with whole years, whole months and odd days at either end.
    fc.constantFrom(...DAYS, '2023-01-01', '2023-12-01', '2024-02-15'),
    fc.constantFrom(...DAYS, '2024-12-30', '2025-01-31', '2025-06-30', '2025-12-31'),
  )
  .filter(([from, to]) => from <= to)
  .map(([from, to]) => ({ from, to }));

async function fromLines(reader: ReportReader, r: { from: string; to: string }) {
  const lines = await reportLines(reader, {
    from: officeDayRange(r.from).from,
    to: officeDayRange(r.to).to,
    customer: null,
    meterNo: null,
    operatorId: null,
  });
  return figuresFromLines(lines, r);
}

async function freshLedger() {
  const dir = tempDir('powertill-kept-');
  const file = path.join(dir, 'ledger.sqlite3');
  const db = openDatabase(file);
  await migrate(db, { migrations, backupDir: dir });
  office(db);
  return { db, reader: new ReportReader(file) };
}

describe('the totals kept per office day and month', () => {
  it('equal the figures recomputed from the lines, for any writes and any range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 80, size: 'medium' }),
        fc.array(range, { minLength: 1, maxLength: 6 }),
        async (steps, ranges) => {
          const { db, reader } = await freshLedger();
          try {
            play(db, steps);
            for (const r of ranges) {
              const kept = await reader.read(async (rdb) =>
                keptFigures(rdb, r, { everyAccount: true }),
              );
              expect(kept).toEqual(await fromLines(reader, r));
              // The screen's, grouped in SQL, agree (it leaves the meters to the files).
              const screen = await reader.read(async (rdb) =>
                keptFigures(rdb, r, { everyAccount: false }),
              );
              expect({ ...screen, byMeter: kept.byMeter }).toEqual(kept);
            }
          } finally {
            reader.close();
            db.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('are built by the migration for a ledger that had none, equal to what the triggers keep', async () => {
    const steps = fc.sample(fc.array(step, { minLength: 200, maxLength: 200 }), {
      numRuns: 1,
      seed: 7,
    })[0]!;
    // One ledger kept by the triggers from the start...
    const kept = await freshLedger();
    play(kept.db, steps);
    // ...and the same writes on a ledger one migration short, then migrated.
    const dir = tempDir('powertill-kept-');
    const file = path.join(dir, 'ledger.sqlite3');
    const db = openDatabase(file);
    await migrate(db, { migrations: migrations.slice(0, 24), backupDir: dir });
    office(db);
    play(db, steps);
    await migrate(db, { migrations, backupDir: dir });
    const reader = new ReportReader(file);
    try {
      for (const table of ['payment', 'tariff', 'operator', 'account']) {
        const all = (d: Db) => d.prepare(`SELECT * FROM totals_by_${table} ORDER BY 1, 2, 3`).all();
        expect(all(db)).toEqual(all(kept.db));
      }
      const year = { from: '2024-01-01', to: '2024-12-31' };
      const figures = await reader.read(async (rdb) =>
        keptFigures(rdb, year, { everyAccount: true }),
      );
      expect(figures.totals.salesCount).toBeGreaterThan(0);
      expect(figures).toEqual(await fromLines(reader, year));
    } finally {
      reader.close();
      kept.reader.close();
      kept.db.close();
      db.close();
    }
  }, 60_000);
});
