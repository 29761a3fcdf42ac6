// The daily report through the API: the office day in its own time zone, and every total equal
// to the sum of its rows, on screen, in the PDF and in the Excel workbook.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openTestCore, setUpOffice, tempDir, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import type { DailyReport } from '../../shared/api/ledgerTypes';

describe('the daily sales report (日报)', () => {
  let core: TestCore;
  let cards: SimulatedCards;
  let admin: string;

  beforeAll(async () => {
    cards = new SimulatedCards();
    core = await openTestCore({ target: cards });
    admin = (await setUpOffice(core)).sessionId;
    const flat = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    const low = await core.ok(
      'tariffs.create',
      { name: '居民电价', definition: { kind: 'flat', price: 5_600 } },
      admin,
    );
    const open = async (i: number, area: string, tariffId: number) => {
      const customer = await core.ok('customers.create', { name: `商户${i}`, area }, admin);
      const meter = await core.ok(
        'meters.register',
        { meterNo: String(i).padStart(12, '0'), model: 'DDSY1352' },
        admin,
      );
      return (
        await core.ok(
          'accounts.open',
          { customerId: customer.id, meterId: meter.id, tariffId },
          admin,
        )
      ).id;
    };
    const a = await open(1, 'A区', flat.id);
    const b = await open(2, 'B区', flat.id);
    const c = await open(3, 'B区', low.id);
    const d = await open(4, 'A区', low.id);
    const sell = (
      accountId: number,
      amountFen: number,
      paymentMethod: 'cash' | 'wechat' | 'alipay' | 'bank_card',
    ) => core.ok('sales.sell', { accountId, amountFen, paymentMethod }, admin);

    // 2026-11-24 in the office (China Standard Time): 10:00, 10:00, 10:00 and 23:59.
    await sell(a, 10_000, 'cash');
    await sell(b, 5_000, 'wechat');
    const mistake = await sell(c, 2_000, 'cash');
    await core.ok('sales.reverse', { saleId: mistake.id, reason: '输错' }, admin);
    // Moving the clock idles the session out, as it would: sign in again after each jump.
    const signIn = async () =>
      (admin = (await core.ok('auth.login', { username: 'admin', password: 'Admin1234' }))
        .sessionId);
    core.clock.now = new Date('2026-11-24T15:59:00Z');
    await signIn();
    await sell(d, 3_000, 'alipay');
    // 00:01 on the 25th belongs to the next day.
    core.clock.now = new Date('2026-11-24T16:01:00Z');
    await sell(c, 700, 'bank_card');
  });
  afterAll(async () => {
    await core.dispose();
    cards.close();
  });

  const report = () => core.ok('reports.daily', { date: '2026-11-24' }, admin);
  const sum = (
    groups: DailyReport['byTariff'],
    key: 'salesFen' | 'reversalsFen' | 'netFen' | 'count',
  ) => groups.reduce((n, g) => n + g[key], 0);

  it('covers the office day, not the UTC day', async () => {
    const day = await report();
    expect(day.sales.map((s) => s.amountFen)).toEqual([10_000, 5_000, 2_000, 3_000]);
    expect(day.reversals.map((r) => r.amountFen)).toEqual([2_000]);
    expect(day.totals).toEqual({
      salesFen: 20_000,
      reversalsFen: 2_000,
      netFen: 18_000,
      salesCount: 4,
      reversalsCount: 1,
    });
    const next = await core.ok('reports.daily', { date: '2026-11-25' }, admin);
    expect(next.totals).toMatchObject({ salesFen: 700, salesCount: 1 });
  });

  it('has totals that equal the sum of their rows in every grouping', async () => {
    const day = await report();
    expect(day.sales.reduce((n, s) => n + s.amountFen, 0)).toBe(day.totals.salesFen);
    for (const groups of [day.byPaymentMethod, day.byTariff, day.byArea, day.byOperator]) {
      expect(sum(groups, 'salesFen')).toBe(day.totals.salesFen);
      expect(sum(groups, 'reversalsFen')).toBe(day.totals.reversalsFen);
      expect(sum(groups, 'netFen')).toBe(day.totals.netFen);
      expect(sum(groups, 'count')).toBe(day.totals.salesCount);
    }
    expect(day.byPaymentMethod.map((g) => [g.key, g.netFen])).toEqual([
      ['cash', 10_000],
      ['wechat', 5_000],
      ['alipay', 3_000],
      ['bank_card', 0],
    ]);
    expect(day.byArea.map((g) => [g.key, g.netFen])).toEqual([
      ['A区', 13_000],
      ['B区', 5_000],
    ]);
    expect(day.byTariff.map((g) => [g.key, g.salesFen, g.reversalsFen])).toEqual([
      ['商业电价', 15_000, 0],
      ['居民电价', 5_000, 2_000],
    ]);
  });

  it('prints the same totals in the PDF', async () => {
    const file = await core.ok('reports.dailyFile', { date: '2026-11-24', format: 'pdf' }, admin);
    expect(file.fileName).toBe('daily-sales-2026-11-24.pdf');
    const dir = tempDir();
    const pdf = path.join(dir, file.fileName);
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    for (const expected of [
      '售电日报 2026-11-24',
      '净额 ¥180.00',
      '¥200.00',
      '冲正明细',
      '居民电价',
      'A区',
      '00000001',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('writes an Excel workbook whose totals are sums of its own rows', async () => {
    const file = await core.ok('reports.dailyFile', { date: '2026-11-24', format: 'xlsx' }, admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '售电明细', '冲正明细']);
    const sales = book.getWorksheet('售电明细')!;
    const amounts: number[] = [];
    sales.eachRow((row, n) => {
      if (n > 1 && n < sales.rowCount) amounts.push(row.getCell(8).value as number);
    });
    expect(amounts.reduce((a, b) => a + b, 0)).toBeCloseTo(200, 6);
    const totalCell = sales.getRow(sales.rowCount).getCell(8).value as {
      formula: string;
      result: number;
    };
    expect(totalCell).toMatchObject({ formula: `SUM(H2:H${sales.rowCount - 1})`, result: 200 });
  });
});
