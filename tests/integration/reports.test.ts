// The sales reports through the API: the office day in its own time zone, months and years, the
// customer / meter / operator queries, and every total equal to the sum of its rows, on screen,
// in the PDF and in the Excel workbook; and the low-balance list.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  ADMIN,
  makeClock,
  openTestCore,
  setUpOffice,
  tempDir,
  type TestCore,
} from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import type {
  ReportGroup,
  ReportLineKind,
  ReportLineOf,
  ReportLinesCursor,
  SalesReport,
} from '../../shared/api/ledgerTypes';

describe('the sales reports (日报 / 月报 / 年报)', () => {
  let core: TestCore;
  let cards: SimulatedCards;
  let admin: string;

  beforeAll(async () => {
    cards = new SimulatedCards();
    // The office opens in October; most of the story happens on 2026-11-24.
    core = await openTestCore({
      target: cards,
      clock: makeClock(new Date('2026-10-15T02:00:00Z')),
    });
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

    // Moving the clock idles the session out, as it would: sign in again after each jump.
    const signIn = async () =>
      (admin = (await core.ok('auth.login', { username: 'admin', password: 'Admin1234' }))
        .sessionId);
    await sell(b, 1_500, 'cash'); // 2026-10-15
    cards.insertIntoMeter({ accountNo: '00000002', meterNo: '000000000002' });
    core.clock.now = new Date('2026-11-24T02:00:00Z');
    await signIn();
    // 2026-11-24 in the office (China Standard Time): 10:00, 10:00, 10:00 and 23:59.
    await sell(a, 10_000, 'cash');
    await sell(b, 5_000, 'wechat');
    const mistake = await sell(c, 2_000, 'cash');
    await core.ok('sales.reverse', { saleId: mistake.id, reason: '输错' }, admin);
    // Shop 1 loads its purchase, stops trading and has 40 yuan back.
    cards.insertIntoMeter({ accountNo: '00000001', meterNo: '000000000001' });
    await core.ok(
      'accounts.suspend',
      { accountId: a, reason: '停业', refund: { amountFen: 4_000, paymentMethod: 'wechat' } },
      admin,
    );
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

  const report = () => core.ok('reports.sales', { from: '2026-11-24', to: '2026-11-24' }, admin);
  const sum = (
    groups: ReportGroup[],
    key: 'salesFen' | 'reversalsFen' | 'refundsFen' | 'netFen' | 'cardFeesFen' | 'count',
  ) => groups.reduce((n, g) => n + g[key], 0);
  /** The report's lines of one kind as the screen reads them: pages of two, cursor to cursor. */
  async function pagesOf<K extends ReportLineKind>(r: SalesReport, kind: K) {
    const all: ReportLineOf<K>[] = [];
    let after: ReportLinesCursor | undefined;
    for (;;) {
      const page = await core.ok(
        'reports.lines',
        { from: r.from, to: r.to, ...r.filter, kind, limit: 2, ...(after && { after }) },
        admin,
      );
      all.push(...(page.lines as ReportLineOf<K>[]));
      if (!page.next) return all;
      after = page.next;
    }
  }
  const lines = async (r: SalesReport) => ({
    sales: await pagesOf(r, 'sales'),
    reversals: await pagesOf(r, 'reversals'),
    refunds: await pagesOf(r, 'refunds'),
    cardFees: await pagesOf(r, 'cardFees'),
  });

  /** Every grouping and every line list adds up to the totals. */
  async function expectReconciled(r: SalesReport) {
    const all = await lines(r);
    expect(all.sales.reduce((n, s) => n + s.amountFen, 0)).toBe(r.totals.salesFen);
    expect(all.reversals.reduce((n, s) => n + s.amountFen, 0)).toBe(r.totals.reversalsFen);
    expect(all.refunds.reduce((n, s) => n + s.amountFen, 0)).toBe(r.totals.refundsFen);
    expect(all.cardFees.reduce((n, s) => n + s.amountFen, 0)).toBe(r.totals.cardFeesFen);
    expect(all.sales.length).toBe(r.totals.salesCount);
    expect(all.reversals.length).toBe(r.totals.reversalsCount);
    expect(all.refunds.length).toBe(r.totals.refundsCount);
    expect(all.cardFees.length).toBe(r.totals.cardFeesCount);
    // Oldest first, none twice.
    const receipts = all.sales.map((x) => x.receiptNo);
    expect(new Set(receipts).size).toBe(receipts.length);
    const times = all.sales.map((x) => x.createdAt);
    expect(times).toEqual([...times].sort());
    const { byPaymentMethod, byTariff, byArea, byOperator, byCustomer, series } = r;
    // On screen the meters are left to the files, and a small office's customers all fit.
    expect(r.byMeter).toEqual([]);
    expect(r.customerCount).toBe(byCustomer.length);
    for (const groups of [
      byPaymentMethod,
      byTariff,
      byArea,
      byOperator,
      byCustomer,
      series.points,
    ]) {
      expect(sum(groups, 'salesFen')).toBe(r.totals.salesFen);
      expect(sum(groups, 'reversalsFen')).toBe(r.totals.reversalsFen);
      expect(sum(groups, 'refundsFen')).toBe(r.totals.refundsFen);
      expect(sum(groups, 'netFen')).toBe(r.totals.netFen);
      expect(sum(groups, 'cardFeesFen')).toBe(r.totals.cardFeesFen);
      expect(sum(groups, 'count')).toBe(r.totals.salesCount);
    }
    expect(r.totals.netFen).toBe(r.totals.salesFen - r.totals.reversalsFen - r.totals.refundsFen);
    expect(r.totals.collectedFen).toBe(r.totals.netFen + r.totals.cardFeesFen - r.totals.grantsFen);
  }

  it('covers the office day, not the UTC day', async () => {
    const day = await report();
    expect(day.period).toBe('day');
    const dayLines = await lines(day);
    expect(dayLines.sales.map((s) => s.amountFen)).toEqual([10_000, 5_000, 2_000, 3_000]);
    expect(dayLines.reversals.map((r) => r.amountFen)).toEqual([2_000]);
    expect(dayLines.refunds.map((r) => [r.kind, r.amountFen])).toEqual([['suspension', 4_000]]);
    expect(day.totals).toEqual({
      salesFen: 20_000,
      reversalsFen: 2_000,
      refundsFen: 4_000,
      netFen: 14_000,
      cardFeesFen: 0,
      collectedFen: 14_000,
      salesCount: 4,
      reversalsCount: 1,
      refundsCount: 1,
      cardFeesCount: 0,
      grantsFen: 0,
      grantsCount: 0,
    });
    const next = await core.ok('reports.sales', { from: '2026-11-25', to: '2026-11-25' }, admin);
    expect(next.totals).toMatchObject({ salesFen: 700, salesCount: 1 });
  });

  it('has totals that equal the sum of their rows in every grouping', async () => {
    const day = await report();
    await expectReconciled(day);
    expect(day.byPaymentMethod.map((g) => [g.key, g.netFen])).toEqual([
      ['cash', 10_000],
      ['wechat', 1_000],
      ['alipay', 3_000],
      ['bank_card', 0],
    ]);
    expect(day.byArea.map((g) => [g.key, g.netFen])).toEqual([
      ['A区', 9_000],
      ['B区', 5_000],
    ]);
    expect(day.byTariff.map((g) => [g.key, g.salesFen, g.reversalsFen])).toEqual([
      ['商业电价', 15_000, 0],
      ['居民电价', 5_000, 2_000],
    ]);
  });

  it('prints the same totals in the PDF', async () => {
    const file = await core.ok(
      'reports.salesFile',
      { from: '2026-11-24', to: '2026-11-24', format: 'pdf' },
      admin,
    );
    expect(file.fileName).toBe('daily-sales-2026-11-24.pdf');
    const dir = tempDir();
    const pdf = path.join(dir, file.fileName);
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    for (const expected of [
      '售电日报 2026-11-24',
      '净额 ¥140.00',
      '¥200.00',
      '冲正明细',
      '退费明细',
      '报停退费',
      '居民电价',
      'A区',
      '00000001',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('writes an Excel workbook whose totals are sums of its own rows', async () => {
    const file = await core.ok(
      'reports.salesFile',
      { from: '2026-11-24', to: '2026-11-24', format: 'xlsx' },
      admin,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '售电明细',
      '冲正明细',
      '退费明细',
      '工本费明细',
    ]);
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

  it('prints the PDF and the workbook in the operator’s own language', async () => {
    await core.ok('auth.setLanguage', { language: 'en' }, admin);
    try {
      const file = await core.ok(
        'reports.salesFile',
        { from: '2026-11-24', to: '2026-11-24', format: 'pdf' },
        admin,
      );
      const dir = tempDir();
      const pdf = path.join(dir, file.fileName);
      fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
      // Narrow columns wrap English words over two lines: read the words, not the layout.
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      fs.rmSync(dir, { recursive: true, force: true });
      for (const expected of [
        'Daily sales report 2026-11-24',
        'net ¥140.00',
        'Payment method',
        'Reversals',
        'Suspension refund',
        'Total',
        'Page 1 of',
        'Audit chain entry',
      ])
        expect(text).toContain(expected);
      // The tenants' and tariffs' own names stay as the office typed them; the page's words do not.
      for (const chinese of [
        '售电日报',
        '净额',
        '冲正明细',
        '退费明细',
        '合计',
        '付款方式',
        '报停退费',
        '页',
        '审计链',
      ])
        expect(text).not.toContain(chinese);

      const sheet = await core.ok(
        'reports.salesFile',
        { from: '2026-11-24', to: '2026-11-24', format: 'xlsx' },
        admin,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(sheet.base64, 'base64') as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual([
        'Summary',
        'Sales',
        'Reversals',
        'Refunds',
        'Card fees',
      ]);
      expect(book.getWorksheet('Sales')!.getRow(1).values).toEqual([
        undefined,
        'Receipt',
        'Time',
        'Customer no.',
        'Customer',
        'Area',
        'Meter no.',
        'Tariff',
        'Amount (yuan)',
        'Payment method',
        'Operator',
        'Status',
      ]);
    } finally {
      await core.ok('auth.setLanguage', { language: 'zh-CN' }, admin);
    }
  });

  it('makes a month report with a bar per day, and a year report with a bar per month', async () => {
    const month = await core.ok('reports.sales', { from: '2026-11-01', to: '2026-11-30' }, admin);
    expect(month.period).toBe('month');
    expect(month.series.unit).toBe('day');
    expect(month.series.points).toHaveLength(30);
    expect(month.series.points.find((p) => p.key === '2026-11-24')).toMatchObject({
      salesFen: 20_000,
      netFen: 14_000,
    });
    expect(month.totals.salesFen).toBe(20_700);
    await expectReconciled(month);

    const year = await core.ok('reports.sales', { from: '2026-01-01', to: '2026-12-31' }, admin);
    expect(year.period).toBe('year');
    expect(year.series.unit).toBe('month');
    expect(year.series.points.map((p) => [p.key, p.salesFen]).filter(([, f]) => f)).toEqual([
      ['2026-10', 1_500],
      ['2026-11', 20_700],
    ]);
    await expectReconciled(year);
    const file = await core.ok(
      'reports.salesFile',
      { from: '2026-01-01', to: '2026-12-31', format: 'pdf' },
      admin,
    );
    expect(file.fileName).toBe('yearly-sales-2026.pdf');
    const monthly = await core.ok(
      'reports.salesFile',
      { from: '2026-11-01', to: '2026-11-30', format: 'xlsx' },
      admin,
    );
    expect(monthly.fileName).toBe('monthly-sales-2026-11.xlsx');
  });

  it('answers by customer, by meter and by operator over a date range', async () => {
    const range = { from: '2026-10-01', to: '2026-11-30' };
    const shop2 = await core.ok('reports.sales', { ...range, customer: '商户2' }, admin);
    expect((await lines(shop2)).sales.map((s) => [s.customerName, s.amountFen])).toEqual([
      ['商户2', 1_500],
      ['商户2', 5_000],
    ]);
    expect(shop2.period).toBe('range');
    await expectReconciled(shop2);
    const byNo = await core.ok('reports.sales', { ...range, customer: 'C000003' }, admin);
    expect(byNo.totals).toMatchObject({ salesFen: 2_700, reversalsFen: 2_000, netFen: 700 });
    const byMeter = await core.ok('reports.sales', { ...range, meterNo: '000000000001' }, admin);
    expect(byMeter.totals).toMatchObject({ salesFen: 10_000, refundsFen: 4_000, netFen: 6_000 });
    const everyone = await core.ok('reports.sales', range, admin);
    expect(everyone.byCustomer.slice(0, 2).map((g) => [g.key, g.netFen])).toEqual([
      ['C000002 商户2', 6_500],
      ['C000001 商户1', 6_000],
    ]);
    // By meter: left to the files; the workbook's summary has every meter.
    expect(everyone.byMeter).toEqual([]);
    const file = await core.ok('reports.salesFile', { ...range, format: 'xlsx' }, admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.getWorksheet('汇总')!.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells.filter((c) => typeof c === 'string' && /^0{11}\d$/.test(c)).sort()).toEqual([
      '000000000001',
      '000000000002',
      '000000000003',
      '000000000004',
    ]);
    await expectReconciled(everyone);
    const nobody = await core.ok('reports.sales', { ...range, operatorId: 999 }, admin);
    expect(nobody.totals.salesCount).toBe(0);
    // The operator filter's choices: whoever can have sold, by id.
    const operators = await core.ok('reports.operators', {}, admin);
    expect(operators).toEqual([expect.objectContaining({ displayName: '王主任', active: true })]);
    const mine = await core.ok('reports.sales', { ...range, operatorId: operators[0]!.id }, admin);
    expect(mine.totals).toEqual(everyone.totals);
  });

  it('refuses a range that ends before it starts or is too long', async () => {
    await expect(
      core.call('reports.sales', { from: '2026-11-24', to: '2026-11-01' }, admin),
    ).resolves.toMatchObject({ error: { code: 'REPORT_RANGE_INVALID' } });
    await expect(
      core.call('reports.sales', { from: '2020-01-01', to: '2026-11-01' }, admin),
    ).resolves.toMatchObject({ error: { code: 'REPORT_RANGE_INVALID' } });
    // Eight thousand years: counted, not walked day by day (how long it takes is the bench's).
    await expect(
      core.call('reports.sales', { from: '0001-01-01', to: '9999-12-31' }, admin),
    ).resolves.toMatchObject({ error: { code: 'REPORT_RANGE_INVALID' } });
    await expect(
      core.call('reports.sales', { from: '2026-13-01', to: '2026-11-01' } as never, admin),
    ).resolves.toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    // The lines' pages: the same range rule, a page of at most 500, a known kind of line.
    await expect(
      core.call('reports.lines', { from: '0001-01-01', to: '9999-12-31', kind: 'sales' }, admin),
    ).resolves.toMatchObject({ error: { code: 'REPORT_RANGE_INVALID' } });
    for (const bad of [{ limit: 501 }, { limit: 0 }, { kind: 'receipts' }, { after: { at: 'x' } }])
      await expect(
        core.call(
          'reports.lines',
          { from: '2026-11-01', to: '2026-11-30', kind: 'sales', ...bad } as never,
          admin,
        ),
      ).resolves.toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('lists active accounts whose meter was last seen low, lowest first', async () => {
    // Shop 2's card came back from its meter with 15 yuan left in October; shop 1 is suspended.
    const low = await core.ok('reports.lowBalance', { thresholdFen: 2_000 }, admin);
    expect(low.map((r) => [r.customerName, r.meterRemainingFen])).toEqual([['商户2', 1_500]]);
    expect(await core.ok('reports.lowBalance', { thresholdFen: 1_000 }, admin)).toEqual([]);
  });
});

describe('the tariff history (电价历史)', () => {
  it('exports the tariff history, scheduled and superseded versions included, as PDF and Excel', async () => {
    const core = await openTestCore();
    const admin = (await setUpOffice(core)).sessionId;
    const flat = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    await core.ok(
      'tariffs.create',
      { name: '居民电价', definition: { kind: 'flat', price: 5_600 } },
      admin,
    );
    await core.ok(
      'tariffs.schedule',
      {
        tariffId: flat.id,
        effectiveFrom: new Date(core.clock.now.getTime() + 86_400_000).toISOString(),
        definition: { kind: 'flat', price: 9_000 },
      },
      admin,
    );
    const pdf = await core.ok('reports.tariffHistoryFile', { format: 'pdf' }, admin);
    expect(pdf.fileName).toMatch(/^tariff-history-\d{4}-\d{2}-\d{2}\.pdf$/);
    const dir = tempDir();
    const file = path.join(dir, 'history.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain('电价历史');
    expect(text).toContain('共 3 个版本');
    expect(text).toMatch(/商业电价.*待生效.*0\.9000/);
    expect(text).toMatch(/商业电价.*现行.*0\.8500/);
    expect(text).toMatch(/居民电价.*现行.*0\.5600/);

    const xlsx = await core.ok('reports.tariffHistoryFile', { format: 'xlsx' }, admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('电价历史')!;
    const rows = sheet.getSheetValues().slice(2) as (string | undefined)[][];
    expect(rows.map((r) => [r[1], r[3], r[5]])).toEqual([
      ['商业电价', '待生效', '0.9000'],
      ['商业电价', '现行', '0.8500'],
      ['居民电价', '现行', '0.5600'],
    ]);

    // Two days on, the change is in force and the old price is history.
    core.clock.advance(2 * 86_400_000);
    const signedIn = (await core.ok('auth.login', { username: 'admin', password: ADMIN.password }))
      .sessionId;
    const later = await core.ok('reports.tariffHistoryFile', { format: 'xlsx' }, signedIn);
    const laterBook = new ExcelJS.Workbook();
    await laterBook.xlsx.load(Buffer.from(later.base64, 'base64') as unknown as ArrayBuffer);
    const again = laterBook.getWorksheet('电价历史')!.getSheetValues().slice(2) as (
      string | undefined
    )[][];
    expect(again.slice(0, 2).map((r) => [r[3], r[5]])).toEqual([
      ['现行', '0.9000'],
      ['已调整', '0.8500'],
    ]);
    await core.dispose();
  });
});
