// The streamed workbook read back by exceljs, an independent reader of the format: values, styles,
// widths, formulas with their results, escaping, the sheets' order; column names as the standard
// numbers them; a file that fails (full disk) heard; the file never more than a step behind.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { columnName, XlsxStream } from './xlsxStream';

/** A file in memory whose writes complete later, as a slow disk's do. */
class SlowFile extends Writable {
  readonly chunks: Buffer[] = [];
  constructor(private readonly failWith?: NodeJS.ErrnoException) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _: BufferEncoding, done: (error?: Error | null) => void) {
    this.chunks.push(chunk);
    setImmediate(() => done(this.failWith ?? null));
  }
}

async function readBack(file: SlowFile) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(file.chunks) as unknown as ArrayBuffer);
  return book;
}

describe('a workbook written as a stream', () => {
  it('names columns as the standard does', () => {
    expect([1, 8, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual([
      'A',
      'H',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });

  it('reads back with its values, styles, widths, formulas and sheets', async () => {
    const file = new SlowFile();
    const book = new XlsxStream(file, {
      creator: 'PowerTill & Co',
      created: new Date('2026-12-07T01:02:03.456Z'),
    });
    const summary = book.sheet('汇总', { widths: { 1: 24 }, moneyColumns: [3] });
    expect(summary.row(['万达广场 售电日报 2026-12-07'], 'title')).toBe(1);
    summary.row([]);
    summary.row(['付款方式', '笔数', '售电（元）'], 'bold');
    summary.row(['现金', 3, 1234.5]);
    summary.row([' A&B <"商户"> ', -2, -0.01]);
    summary.row(
      ['合计', { formula: 'SUM(B4:B5)', result: 1 }, { formula: 'SUM(C4:C5)', result: 1234.49 }],
      'bold',
    );
    summary.end();
    const lines = book.sheet('Sales', { moneyColumns: [2] });
    lines.row(['No.', 'Amount'], 'bold');
    lines.row(['bell\u0007 and tab\tkept', 50]);
    lines.row([null, 7, 'after a gap']);
    lines.end();
    await book.close();

    // The package's parts, each with one XML declaration at its start.
    const parts = unzipSync(Buffer.concat(file.chunks));
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    for (const [name, bytes] of Object.entries(parts))
      expect({ name, declarations: strFromU8(bytes).split('<?xml').length - 1 }).toEqual({
        name,
        declarations: 1,
      });
    const read = await readBack(file);
    expect(read.creator).toBe('PowerTill & Co');
    expect(read.worksheets.map((s) => s.name)).toEqual(['汇总', 'Sales']);
    const s = read.getWorksheet('汇总')!;
    expect(s.getColumn(1).width).toBe(24);
    expect(s.getCell('A1').value).toBe('万达广场 售电日报 2026-12-07');
    expect(s.getCell('A1').font).toMatchObject({ bold: true, size: 13 });
    expect(s.getRow(2).cellCount).toBe(0);
    expect(s.getRow(3).values).toEqual([undefined, '付款方式', '笔数', '售电（元）']);
    expect(s.getCell('A3').font).toMatchObject({ bold: true });
    expect(s.getRow(4).values).toEqual([undefined, '现金', 3, 1234.5]);
    expect(s.getCell('C4').numFmt).toBe('#,##0.00');
    expect(s.getCell('B4').numFmt).toBeUndefined();
    expect(s.getCell('A4').font?.bold).toBeFalsy();
    expect(s.getRow(5).values).toEqual([undefined, ' A&B <"商户"> ', -2, -0.01]);
    expect(s.getCell('C6').value).toEqual({ formula: 'SUM(C4:C5)', result: 1234.49 });
    expect(s.getCell('C6').font).toMatchObject({ bold: true });
    expect(s.getCell('C6').numFmt).toBe('#,##0.00');
    const l = read.getWorksheet('Sales')!;
    expect(l.getCell('A2').value).toBe('bell and tab\tkept');
    expect(l.getCell('B2').numFmt).toBe('#,##0.00');
    expect(l.getRow(3).values).toEqual([undefined, undefined, 7, 'after a gap']);
  });

  it('refuses a number a cell cannot hold', () => {
    const book = new XlsxStream(new SlowFile(), { creator: 'x', created: new Date() });
    const sheet = book.sheet('a');
    expect(() => sheet.row([Number.NaN])).toThrow('a cell cannot hold NaN');
  });

  it('never runs more than a step ahead of the file', async () => {
    const file = new SlowFile();
    const book = new XlsxStream(file, { creator: 'x', created: new Date(), level: 0 });
    const sheet = book.sheet('lines');
    for (let i = 0; i < 20_000; i += 1) {
      sheet.row([`line ${i}`, i, 'a fairly long text that makes the row bigger than a few bytes']);
      if (i % 500 === 499) {
        await book.step();
        expect(file.writableNeedDrain).toBe(false);
      }
    }
    sheet.end();
    await book.close();
    expect((await readBack(file)).getWorksheet('lines')!.rowCount).toBe(20_000);
  });

  it('tells a file that cannot be written (a full disk) at the next step', async () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const file = new SlowFile(full);
    const book = new XlsxStream(file, { creator: 'x', created: new Date(), level: 0 });
    const sheet = book.sheet('lines');
    const writing = (async () => {
      for (let i = 0; ; i += 1) {
        sheet.row([`line ${i}`, 'x'.repeat(200)]);
        if (i % 100 === 99) await book.step();
      }
    })();
    await expect(writing).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});
