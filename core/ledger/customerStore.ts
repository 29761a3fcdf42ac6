// Customers (用户/商户): the SQL for customers, and search by number, name, pinyin initials,
// shop unit, phone or meter number.
import type { CustomerMatch, CustomerView } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';
import { loadPinyin } from '../heavyLibraries';

interface Row {
  id: number;
  customer_no: string;
  name: string;
  shop_unit: string;
  floor: string;
  area: string;
  phone: string;
  notes: string;
  created_at: string;
}

const view = (r: Row): CustomerView => ({
  id: r.id,
  customerNo: r.customer_no,
  name: r.name,
  shopUnit: r.shop_unit,
  floor: r.floor,
  area: r.area,
  phone: r.phone,
  notes: r.notes,
  createdAt: r.created_at,
});

/** Pinyin search keys of a name: initials ("xbkkf") and full pinyin ("xingbakekafei"). */
export function nameKeys(name: string): { initials: string; full: string } {
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;
  const clean = (parts: string[]) => parts.join('').replace(/\s+/g, '').toLowerCase();
  const { pinyin } = loadPinyin();
  return {
    initials: clean(pinyin(name, { ...options, pattern: 'first' })),
    full: clean(pinyin(name, options)),
  };
}

/** Escapes LIKE wildcards so that a typed % or _ matches itself. */
const like = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export type CustomerFields = Omit<CustomerView, 'id' | 'createdAt' | 'customerNo'>;

export class CustomerStore {
  constructor(private readonly db: Db) {}

  byId(id: number): CustomerView | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM customers WHERE id = ?').get(id);
    return row && view(row);
  }

  numberTaken(customerNo: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM customers WHERE customer_no = ?').get(customerNo) !==
      undefined
    );
  }

  /** The next free automatic number: C000001, C000002, … */
  nextNumber(): string {
    const { n } = prepared<{ n: number }>(
      this.db,
      "SELECT coalesce(max(CAST(substr(customer_no, 2) AS INTEGER)), 0) AS n FROM customers WHERE customer_no GLOB 'C[0-9]*'",
    ).get()!;
    return `C${String(n + 1).padStart(6, '0')}`;
  }

  insert(customerNo: string, fields: CustomerFields, at: string): CustomerView {
    const keys = nameKeys(fields.name);
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO customers (customer_no, name, name_initials, name_pinyin, shop_unit, floor, area, phone, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      customerNo,
      fields.name,
      keys.initials,
      keys.full,
      fields.shopUnit,
      fields.floor,
      fields.area,
      fields.phone,
      fields.notes,
      at,
      at,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  update(id: number, changes: Partial<CustomerFields>, at: string): CustomerView {
    const next = { ...this.byId(id)!, ...changes };
    const keys = nameKeys(next.name);
    prepared(
      this.db,
      `UPDATE customers SET name = ?, name_initials = ?, name_pinyin = ?, shop_unit = ?, floor = ?, area = ?,
         phone = ?, notes = ?, updated_at = ? WHERE id = ?`,
    ).run(
      next.name,
      keys.initials,
      keys.full,
      next.shopUnit,
      next.floor,
      next.area,
      next.phone,
      next.notes,
      at,
      id,
    );
    return this.byId(id)!;
  }

  search(query: string, limit: number): CustomerMatch[] {
    const q = query.trim();
    const rows = (
      q === ''
        ? prepared(
            this.db,
            'SELECT * FROM customers ORDER BY updated_at DESC, id DESC LIMIT ?',
          ).all(limit)
        : prepared(
            this.db,
            `SELECT c.* FROM customers c
               WHERE c.customer_no LIKE :prefix ESCAPE '\\'
                  OR c.name LIKE :contains ESCAPE '\\'
                  OR c.name_initials LIKE :lowerPrefix ESCAPE '\\'
                  OR c.name_pinyin LIKE :lowerPrefix ESCAPE '\\'
                  OR c.shop_unit LIKE :contains ESCAPE '\\'
                  OR c.phone LIKE :contains ESCAPE '\\'
                  OR c.id IN (SELECT a.customer_id FROM accounts a JOIN meters m ON m.id = a.meter_id
                              WHERE a.state <> 'closed' AND m.meter_no LIKE :contains ESCAPE '\\')
               ORDER BY (c.customer_no = :exact COLLATE NOCASE) DESC, (c.shop_unit = :exact COLLATE NOCASE) DESC,
                        (c.name = :exact) DESC, c.name
               LIMIT :limit`,
          ).all({
            exact: q,
            prefix: `${like(q)}%`,
            lowerPrefix: `${like(q.toLowerCase().replace(/\s+/g, ''))}%`,
            contains: `%${like(q)}%`,
            limit,
          })
    ) as Row[];
    return this.withMeters(rows.map(view));
  }

  private withMeters(customers: CustomerView[]): CustomerMatch[] {
    if (customers.length === 0) return [];
    const meters = prepared<{ id: number; meterNo: string }>(
      this.db,
      `SELECT a.customer_id AS id, m.meter_no AS meterNo FROM accounts a JOIN meters m ON m.id = a.meter_id
         WHERE a.state <> 'closed' AND a.customer_id IN (SELECT value FROM json_each(?)) ORDER BY m.meter_no`,
    ).all(JSON.stringify(customers.map((c) => c.id)));
    return customers.map((c) => ({
      ...c,
      meterNos: meters.filter((m) => m.id === c.id).map((m) => m.meterNo),
    }));
  }
}
