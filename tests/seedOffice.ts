// Years of an office generated straight into the tables (far faster than the API): customers,
// their card meters and accounts, and sales spread evenly over three years (BENCH_YEARS). Shared by the benches
// that need a ledger of realistic size and by tests that need many lines (reportExports.test.ts).
import type { Db } from '../core/db/open';
import { nameKeys } from '../core/ledger/customerStore';

export const YEARS = Number(process.env.BENCH_YEARS ?? 3);
export const YEARS_MS = YEARS * 365 * 24 * 3600_000;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const SHOPS = [
  '咖啡',
  '奶茶',
  '面馆',
  '服饰',
  '眼镜',
  '书店',
  '花店',
  '药房',
  '超市',
  '烘焙',
  '数码',
  '鞋店',
];

let seed = 42;
export const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[] | string): T =>
  items[Math.floor(random() * items.length)] as T;

export interface SeededOffice {
  names: string[];
  /** Purchases and their total per account id (index 0 unused). */
  perAccount: number[];
  totals: number[];
}

/** Fills an office set up with one flat tariff (`tariffId`) whose sales end at `end`. */
export function seedOffice(
  db: Db,
  options: { customers: number; sales: number; tariffId: number; end: number },
): SeededOffice {
  const { customers: CUSTOMERS, sales: SALES, tariffId } = options;
  const start = options.end - YEARS_MS;
  const names: string[] = [];
  db.transaction(() => {
    const customer = db.prepare(
      `INSERT INTO customers (customer_no, name, name_initials, name_pinyin, shop_unit, floor, phone, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const meter = db.prepare(
      "INSERT INTO meters (meter_no, model, kind, phases, state, created_at) VALUES (?, 'DDSY1352', 'card', 1, 'in_service', ?)",
    );
    const account = db.prepare(
      'INSERT INTO accounts (account_no, customer_id, meter_id, tariff_id, opened_at) VALUES (?, ?, ?, ?, ?)',
    );
    const at = new Date(start).toISOString();
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      const name = `${pick<string>(SURNAMES)}记${pick(SHOPS)}${i}`;
      names.push(name);
      const keys = nameKeys(name);
      customer.run(
        `C${String(i).padStart(6, '0')}`,
        name,
        keys.initials,
        keys.full,
        `${pick(['B1', 'F1', 'F2', 'F3'])}-${String(i).padStart(3, '0')}`,
        '',
        `139${String(10_000_000 + i)}`,
        at,
        at,
      );
      meter.run(String(i).padStart(12, '0'), at);
      account.run(String(i).padStart(8, '0'), i, i, tariffId, at);
    }
  })();
  const perAccount = new Array<number>(CUSTOMERS + 1).fill(0);
  const totals = new Array<number>(CUSTOMERS + 1).fill(0);
  const BATCH = 50_000;
  const versionId = (db.prepare('SELECT id FROM tariff_versions LIMIT 1').get() as { id: number })
    .id;
  for (let done = 0; done < SALES; done += BATCH) {
    db.transaction(() => {
      const op = db.prepare(
        "INSERT INTO device_operations (operation_id, kind, target, meter_id, account_id, state, payload, operator_id, created_at, resolved_at) VALUES (?, 'cardSale', 'card', ?, ?, 'committed', '{}', 1, ?, ?)",
      );
      const receipt = db.prepare(
        "INSERT INTO receipts (receipt_no, status, created_at) VALUES (?, 'issued', ?)",
      );
      const sale = db.prepare(
        `INSERT INTO sales (operation_id, account_id, receipt_no, amount_fen, energy, price, tariff_version_id, purchase_count,
         payment_method, operator_id, status, created_at, committed_at) VALUES (?, ?, ?, ?, ?, 8500, ?, ?, ?, 1, 'committed', ?, ?)`,
      );
      for (let i = done; i < Math.min(SALES, done + BATCH); i += 1) {
        const accountId = 1 + Math.floor(random() * CUSTOMERS);
        const amount = 1_000 + Math.floor(random() * 100) * 500;
        const at = new Date(start + Math.floor((i / SALES) * YEARS_MS)).toISOString();
        perAccount[accountId]! += 1;
        totals[accountId]! += amount;
        const opId = Number(op.run(`bench-${i}`, accountId, accountId, at, at).lastInsertRowid);
        receipt.run(i + 1, at);
        sale.run(
          opId,
          accountId,
          i + 1,
          amount,
          Math.floor((amount * 10_000) / 8_500),
          versionId,
          perAccount[accountId],
          pick(['cash', 'wechat', 'alipay', 'bank_card']),
          at,
          at,
        );
      }
    })();
  }
  db.transaction(() => {
    const update = db.prepare(
      'UPDATE accounts SET purchase_count = ?, loaded_count = ?, total_purchased_fen = ? WHERE id = ?',
    );
    for (let id = 1; id <= CUSTOMERS; id += 1)
      update.run(perAccount[id], perAccount[id], totals[id], id);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  return { names, perAccount, totals };
}

/**
 * Takes the ledger back to version 24, before migration 0025 (the kept totals): the totals'
 * tables, view and triggers dropped, and what the later migrations added undone (0026's search
 * indexes, 0027's operations index, 0028's dorm places, 0029's box violations and the findings
 * they raise, 0030's campus calendar, 0031's students), so that each runs again. The next open builds the totals as
 * an office upgrading would, and a million generated sales go in without the triggers' cost.
 */
export function beforeKeptTotals(db: Db): void {
  const objects = db
    .prepare(
      `SELECT type, name FROM sqlite_master
        WHERE type IN ('trigger', 'view', 'table')
          AND (name LIKE 'totals%' OR name LIKE '%_totals_%' OR name LIKE '%search%'
               OR name = 'customer_grams')`,
    )
    .all() as { type: string; name: string }[];
  db.transaction(() => {
    for (const { type, name } of objects.filter((o) => o.type === 'trigger'))
      db.exec(`DROP ${type.toUpperCase()} ${name}`);
    for (const { type, name } of objects.filter((o) => o.type !== 'trigger'))
      db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${name}`);
    db.exec(`CREATE TABLE findings_0009 (
               id INTEGER PRIMARY KEY,
               report_id INTEGER NOT NULL REFERENCES meter_reports (id),
               meter_id INTEGER NOT NULL REFERENCES meters (id),
               account_id INTEGER REFERENCES accounts (id),
               rule TEXT NOT NULL,
               severity TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'notice')),
               details TEXT NOT NULL CHECK (json_valid(details)),
               found_at TEXT NOT NULL,
               acknowledged_at TEXT,
               acknowledged_by INTEGER REFERENCES operators (id),
               note TEXT,
               UNIQUE (report_id, rule)
             ) STRICT;
             INSERT INTO findings_0009 SELECT id, report_id, meter_id, account_id, rule, severity,
               details, found_at, acknowledged_at, acknowledged_by, note
               FROM inspection_findings WHERE report_id IS NOT NULL;
             DROP TABLE inspection_findings;
             ALTER TABLE findings_0009 RENAME TO inspection_findings;
             CREATE INDEX inspection_findings_open ON inspection_findings (acknowledged_at, id);
             CREATE INDEX inspection_findings_meter ON inspection_findings (meter_id);
             DELETE FROM role_permissions WHERE permission = 'messages';
             DROP TABLE sms_opt_outs;
             DROP TABLE sms_parts;
             DROP TABLE sms_messages;
             DROP TABLE room_students;
             DROP TABLE circuit_time_control;
             DROP TABLE dorm_calendar;
             DROP TABLE box_violations;
             DROP TABLE room_circuits;
             DROP TABLE rooms;
             DROP TABLE buildings;
             DROP TABLE campuses;
             DROP INDEX customers_by_name;
             DROP INDEX customers_by_shop_unit;
             DROP INDEX device_operations_meter_kind;
             CREATE INDEX device_operations_meter ON device_operations (meter_id, id);`);
    db.prepare('DELETE FROM schema_migrations WHERE version >= 25').run();
    db.pragma('user_version = 24');
  })();
}
