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

/** A full-text phrase: the text as typed, matched literally (FTS5 query syntax doubles a quote). */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

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

  /**
   * The customers a cashier's query finds (decision 0031): exact matches of number, shop unit or
   * name first, then the others in the order they were registered. Three characters or more match
   * anywhere in any searched field (the trigram index); one or two match within the name, or the
   * beginning of the number, shop unit, initials or pinyin (the word index).
   */
  search(query: string, limit: number): CustomerMatch[] {
    const q = query.trim();
    if (q === '') {
      const recent = prepared<Row>(
        this.db,
        'SELECT * FROM customers ORDER BY updated_at DESC, id DESC LIMIT ?',
      ).all(limit);
      return this.withMeters(recent.map(view));
    }
    const exact = prepared<Row>(
      this.db,
      // Three lookups by index (one WHERE with ORs is planned as a scan of every customer).
      `SELECT * FROM customers WHERE id IN (
           SELECT id FROM customers WHERE customer_no = :q
           UNION ALL SELECT id FROM customers WHERE shop_unit = :q COLLATE NOCASE
           UNION ALL SELECT id FROM customers WHERE name = :q)
         ORDER BY (customer_no = :q) DESC, (shop_unit = :q COLLATE NOCASE) DESC, id LIMIT :limit`,
    ).all({ q, limit });
    const others = this.matches(q, limit + exact.length).filter(
      (row) => !exact.some((e) => e.id === row.id),
    );
    return this.withMeters([...exact, ...others].slice(0, limit).map(view));
  }

  /** Matches in registration order, read from the search indexes as far as `limit` needs. */
  private matches(q: string, limit: number): Row[] {
    const compact = q.toLowerCase().replace(/\s+/g, '');
    if ([...q].length >= 3) {
      const phrases = [
        q,
        ...(compact !== q.toLowerCase() && [...compact].length >= 3 ? [compact] : []),
      ];
      return prepared<Row>(
        this.db,
        `SELECT c.* FROM customer_search s JOIN customers c ON c.id = s.rowid
           WHERE customer_search MATCH ? ORDER BY s.rowid LIMIT ?`,
      ).all(phrases.map(phrase).join(' OR '), limit);
    }
    const patterns = {
      contains: `%${like(q)}%`,
      prefix: `${like(q)}%`,
      lowerPrefix: `${like(compact)}%`,
      limit,
    };
    if (!/[\p{L}\p{N}]/u.test(q)) {
      // Punctuation alone ("%", "-") is no word of the index: the name, number and shop unit are
      // read as they are, and the initials and pinyin too, which keep the name's punctuation but
      // not its spaces ("- -" has the initials "--"). A rare query: read row by row.
      return prepared<Row>(
        this.db,
        `SELECT c.* FROM customers c WHERE c.id IN (
             SELECT id FROM customers WHERE name LIKE :contains ESCAPE '\\'
             UNION SELECT id FROM customers WHERE customer_no LIKE :prefix ESCAPE '\\'
             UNION SELECT id FROM customers WHERE shop_unit LIKE :prefix ESCAPE '\\'
             UNION SELECT id FROM customers WHERE name_initials LIKE :lowerPrefix ESCAPE '\\'
             UNION SELECT id FROM customers WHERE name_pinyin LIKE :lowerPrefix ESCAPE '\\')
           ORDER BY c.id LIMIT :limit`,
      ).all(patterns);
    }
    // Within the name, or at the start of the number, shop unit, initials or pinyin: the word index
    // narrows, LIKE decides (the index splits words at punctuation, LIKE does not).
    const decides = `(c.name LIKE :contains ESCAPE '\\' OR c.customer_no LIKE :prefix ESCAPE '\\'
        OR c.shop_unit LIKE :prefix ESCAPE '\\' OR c.name_initials LIKE :lowerPrefix ESCAPE '\\'
        OR c.name_pinyin LIKE :lowerPrefix ESCAPE '\\')`;
    return prepared<Row>(
      this.db,
      `SELECT c.* FROM customer_grams g JOIN customers c ON c.id = g.rowid
         WHERE customer_grams MATCH :match AND ${decides} ORDER BY g.rowid LIMIT :limit`,
    ).all({ ...patterns, match: `grams : ${phrase(q)} OR words : ${phrase(q)} *` });
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
