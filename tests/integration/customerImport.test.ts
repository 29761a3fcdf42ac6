// 批量开户 through the API: .xlsx and .csv (UTF-8 and the GB18030 a Chinese Excel writes), every
// row checked against the books and the other rows, all imported or none with row-by-row errors.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';

describe('bulk import of customers and accounts (批量开户)', () => {
  let core: TestCore;
  let cards: SimulatedCards;
  let admin: string;

  beforeEach(async () => {
    cards = new SimulatedCards();
    core = await openTestCore({ target: cards });
    admin = (await setUpOffice(core)).sessionId;
    await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
  });
  afterEach(async () => {
    await core.dispose();
    cards.close();
  });

  const count = (table: string) =>
    (core.services.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  async function xlsx(rows: (string | number | null)[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
  }

  const HEADER = ['户号', '名称', '铺位', '区域', '电话', '表号', '表型', '电价', '装表底数'];

  it('imports customers, meters and accounts from .xlsx in one go', async () => {
    const base64 = await xlsx([
      HEADER,
      [
        '',
        '星巴克咖啡',
        'B1-023',
        'A区',
        '13800138000',
        '000000000161',
        'DDSY1352',
        '商业电价',
        '12.5',
      ],
      // A meter number typed as a number in Excel loses its zeros; they are restored.
      ['S-2', '喜茶', 'F1-001', 'A区', '', 162, 'dtsy1352', '商业电价', null],
      [null, null, null, null, null, null, null, null, null],
      ['', '物业办公室', '', '', '', '', '', '', ''],
    ]);
    const result = await core.ok('customers.import', { fileName: 'tenants.xlsx', base64 }, admin);
    expect(result).toEqual({
      dryRun: false,
      rows: 3,
      imported: true,
      counts: { customers: 3, accounts: 2 },
      errors: [],
    });
    const found = await core.ok('customers.search', { query: 'xc', limit: 5 }, admin);
    expect(found.map((c) => [c.customerNo, c.name, c.meterNos])).toEqual([
      ['S-2', '喜茶', ['000000000162']],
    ]);
    const meter = core.services.meters.byNumber('000000000161', 0)!;
    expect(meter).toMatchObject({ state: 'in_service', installReading: 1_250, model: 'DDSY1352' });
    expect(core.services.meters.byNumber('000000000162', 0)).toMatchObject({
      model: 'DTSY1352',
      phases: 3,
    });
    // One audit record for the whole import.
    expect(
      core.services.db
        .prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'customers.import'")
        .get(),
    ).toEqual({ n: 1 });
  });

  it('imports nothing when any row is wrong, and says what to fix row by row', async () => {
    await core.ok('customers.create', { customerNo: 'TAKEN', name: '已有用户' }, admin);
    const base64 = await xlsx([
      HEADER,
      ['', '正确的一行', '', '', '', '000000000201', '', '商业电价', ''],
      ['', '', '', '', '', '', '', '', ''].map((v, i) => (i === 2 ? 'B1-9' : v)),
      ['TAKEN', '重复户号', '', '', '', '', '', '', ''],
      ['', '表号太短', '', '', '', '12345678901a', '', '商业电价', ''],
      ['', '表号重复', '', '', '', '000000000201', '', '商业电价', ''],
      ['', '电价不存在', '', '', '', '000000000202', 'XYZ', '居民电价', '-1'],
      ['', '计量箱', '', '', '', '000000000203', 'ADF300', '商业电价', ''],
    ]);
    const result = await core.ok('customers.import', { fileName: 'bad.xlsx', base64 }, admin);
    expect(result.imported).toBe(false);
    expect(result.errors.map((e) => [e.row, e.field, e.error.code])).toEqual([
      [3, 'name', 'IMPORT_FIELD_REQUIRED'],
      [4, 'customerNo', 'CUSTOMER_NO_TAKEN'],
      [5, 'meterNo', 'IMPORT_FIELD_INVALID'],
      [6, 'meterNo', 'IMPORT_DUPLICATE'],
      [7, 'model', 'IMPORT_FIELD_INVALID'],
      [7, 'tariff', 'IMPORT_TARIFF_UNKNOWN'],
      [7, 'installReading', 'IMPORT_FIELD_INVALID'],
      // A multi-user box's circuits are opened one by one, with their circuit numbers.
      [8, 'model', 'METER_CIRCUIT'],
    ]);
    expect(result.errors.find((e) => e.row === 6)!.error.params).toEqual({
      value: '000000000201',
      other: 2,
    });
    expect(count('customers')).toBe(1);
    expect(count('meters')).toBe(0);
    expect(count('accounts')).toBe(0);
  });

  it('refuses a meter that already has an open account', async () => {
    const first = await xlsx([HEADER, ['', '甲', '', '', '', '000000000301', '', '商业电价', '']]);
    await core.ok('customers.import', { fileName: 'a.xlsx', base64: first }, admin);
    const again = await core.ok(
      'customers.import',
      {
        fileName: 'b.xlsx',
        base64: await xlsx([HEADER, ['', '乙', '', '', '', '000000000301', '', '商业电价', '']]),
      },
      admin,
    );
    expect(again.errors).toEqual([
      {
        row: 2,
        field: 'meterNo',
        error: { code: 'METER_IN_USE', params: { meterNo: '000000000301', accountNo: '00000001' } },
      },
    ]);
  });

  it('checks without writing on a dry run', async () => {
    const base64 = await xlsx([HEADER, ['', '甲', '', '', '', '000000000401', '', '商业电价', '']]);
    const result = await core.ok(
      'customers.import',
      { fileName: 'a.xlsx', base64, dryRun: true },
      admin,
    );
    expect(result).toMatchObject({
      dryRun: true,
      imported: false,
      counts: { customers: 1, accounts: 1 },
    });
    expect(count('customers')).toBe(0);
  });

  it('reads CSV in UTF-8 with a BOM and in GB18030, keeping leading zeros', async () => {
    const csv = '名称,表号,电价,电话\r\n"星巴克, 一楼",000000000501,商业电价,010-12345678\r\n';
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]);
    const one = await core.ok(
      'customers.import',
      { fileName: 'tenants.csv', base64: utf8.toString('base64') },
      admin,
    );
    expect(one).toMatchObject({ imported: true, counts: { customers: 1, accounts: 1 } });
    const gbk = iconv.encode(
      csv.replace('000000000501', '000000000502').replace('星巴克', '喜茶'),
      'gb18030',
    );
    const two = await core.ok(
      'customers.import',
      { fileName: 'TENANTS.CSV', base64: gbk.toString('base64') },
      admin,
    );
    expect(two).toMatchObject({ imported: true });
    const names = core.services.db.prepare('SELECT name, phone FROM customers ORDER BY id').all();
    expect(names).toEqual([
      { name: '星巴克, 一楼', phone: '010-12345678' },
      { name: '喜茶, 一楼', phone: '010-12345678' },
    ]);
  });

  it('refuses files it cannot use, with what to do', async () => {
    await expect(
      core.call('customers.import', { fileName: 'a.pdf', base64: 'AAAA' }, admin),
    ).resolves.toMatchObject({ error: { code: 'IMPORT_FILE_TYPE' } });
    await expect(
      core.call(
        'customers.import',
        { fileName: 'a.xlsx', base64: Buffer.from('not a zip').toString('base64') },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'IMPORT_FILE_UNREADABLE' } });
    await expect(
      core.call(
        'customers.import',
        { fileName: 'a.csv', base64: Buffer.from('电话,备注\r\n1,2\r\n').toString('base64') },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'IMPORT_NO_NAME_COLUMN' } });
    await expect(
      core.call(
        'customers.import',
        { fileName: 'a.csv', base64: Buffer.from('名称\r\n').toString('base64') },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'IMPORT_EMPTY' } });
  });

  it('refuses a workbook that inflates past the limit (a zip bomb) before reading it', async () => {
    // 40 MB of sheet XML (over the 32 MB limit) in well under a megabyte.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const sheet = `<worksheet><sheetData>${row.repeat(Math.ceil(40e6 / row.length))}</sheetData></worksheet>`;
    const bomb = Buffer.from(
      zipSync({ 'xl/worksheets/sheet1.xml': [Buffer.from(sheet), { level: 9 }] }),
    );
    expect(bomb.length).toBeLessThan(1_000_000);
    await expect(
      core.call(
        'customers.import',
        { fileName: 'bomb.xlsx', base64: bomb.toString('base64') },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'IMPORT_FILE_TOO_LARGE', params: { maxMb: 32 } } });
    expect(core.services.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('is a supervisor action', async () => {
    const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
    const base64 = await xlsx([HEADER, ['', '甲', '', '', '', '', '', '', '']]);
    await expect(
      core.call('customers.import', { fileName: 'a.xlsx', base64 }, cashier),
    ).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(count('customers')).toBe(0);
  });

  it('hands out a template that imports as it is', async () => {
    const template = await core.ok('customers.importTemplate', {}, admin);
    expect(template.fileName).toBe('powertill-import-template.xlsx');
    const result = await core.ok(
      'customers.import',
      { fileName: template.fileName, base64: template.base64 },
      admin,
    );
    expect(result).toMatchObject({ imported: true, counts: { customers: 1, accounts: 1 } });
  });
});
