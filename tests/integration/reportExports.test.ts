// The report's Excel file written in the background (reports.export*): started, followed, fetched
// in pieces and opened in a spreadsheet reader; only by its owner; cancelled with nothing left on
// disk; gone after its last piece; and the folder emptied when the host starts again.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openTestCore, setUpOffice, signInAs, tempDir, type TestCore } from '../../core/testing';
import { seedOffice, YEARS_MS } from '../seedOffice';
import { SimulatedCards } from '../../sim/simulatedCards';
import type { ReportExportStatus } from '../../shared/api/ledgerTypes';

const SALES = 9_000;

describe('the report exported in the background', () => {
  jest.setTimeout(120_000);
  let core: TestCore;
  let admin: string;
  let dataDir: string;
  let range: { from: string; to: string };
  const exportsDir = () => path.join(dataDir, 'exports');

  beforeAll(async () => {
    dataDir = tempDir('powertill-exports-');
    core = await openTestCore({ dataDir, target: new SimulatedCards() });
    admin = (await setUpOffice(core)).sessionId;
    const tariff = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    const end = core.clock.now.getTime();
    seedOffice(core.services.db, { customers: 300, sales: SALES, tariffId: tariff.id, end });
    const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    range = { from: day(end - YEARS_MS), to: day(end) };
  });
  afterAll(() => core.dispose());

  const waitReady = async (id: string, session = admin) => {
    const seen: ReportExportStatus[] = [];
    for (;;) {
      const now = await core.ok('reports.exportStatus', { exportId: id }, session);
      seen.push(now);
      if (now.state !== 'writing') return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('writes every line, tells its progress, and hands the file over in pieces', async () => {
    const started = await core.ok('reports.exportStart', range, admin);
    expect(started).toMatchObject({ state: 'writing', written: 0 });
    // Not to be fetched before it is written.
    await expect(
      core.call('reports.exportPiece', { exportId: started.id, offset: 0 }, admin),
    ).resolves.toMatchObject({ ok: false, error: { code: 'REPORT_EXPORT_NOT_READY' } });
    const seen = await waitReady(started.id);
    const done = seen[seen.length - 1]!;
    expect(done).toMatchObject({ state: 'ready', written: SALES, total: SALES });
    expect(done.fileName).toMatch(/^sales-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const written = seen.map((s) => s.written);
    expect([...written].sort((a, b) => a - b)).toEqual(written);

    const pieces: Buffer[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const piece: { base64: string; next: number | null } = await core.ok(
        'reports.exportPiece',
        { exportId: started.id, offset },
        admin,
      );
      pieces.push(Buffer.from(piece.base64, 'base64'));
      offset = piece.next;
    }
    const file = Buffer.concat(pieces);
    expect(file.length).toBe(done.size);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const report = await core.ok('reports.sales', range, admin);
    const sales = book.getWorksheet('售电明细')!;
    // Header, every sale, the total row.
    expect(sales.rowCount).toBe(SALES + 2);
    let fen = 0;
    sales.eachRow((row, n) => {
      if (n > 1 && n < SALES + 2) fen += Math.round(Number(row.getCell(8).value) * 100);
    });
    expect(fen).toBe(report.totals.salesFen);
    const total = sales.getRow(SALES + 2).getCell(8).value as { formula: string; result: number };
    expect(total).toEqual({
      formula: `SUM(H2:H${SALES + 1})`,
      result: report.totals.salesFen / 100,
    });

    // Handed over: the file is gone, and so is the export.
    expect(fs.readdirSync(exportsDir())).toEqual([]);
    await expect(
      core.call('reports.exportStatus', { exportId: started.id }, admin),
    ).resolves.toMatchObject({ ok: false, error: { code: 'REPORT_EXPORT_GONE' } });
  });

  it('is its owner’s alone: another supervisor hears of no such export', async () => {
    const other = (await signInAs(core, admin, 'supervisor', 'zhao')).sessionId;
    const started = await core.ok('reports.exportStart', range, admin);
    for (const method of ['reports.exportStatus', 'reports.exportCancel'] as const)
      await expect(core.call(method, { exportId: started.id }, other)).resolves.toMatchObject({
        ok: false,
        error: { code: 'REPORT_EXPORT_GONE' },
      });
    await expect(
      core.call('reports.exportPiece', { exportId: started.id, offset: 0 }, other),
    ).resolves.toMatchObject({ ok: false, error: { code: 'REPORT_EXPORT_GONE' } });
    await waitReady(started.id);
    await core.ok('reports.exportCancel', { exportId: started.id }, admin);
    expect(fs.readdirSync(exportsDir())).toEqual([]);
  });

  it('stops when cancelled and leaves nothing on disk; a second export replaces the first', async () => {
    const first = await core.ok('reports.exportStart', range, admin);
    const second = await core.ok('reports.exportStart', range, admin);
    // Cancelled at once; gone once its writing has stopped at the next step.
    const firstNow = await core.call('reports.exportStatus', { exportId: first.id }, admin);
    expect(firstNow.ok ? firstNow.value.state : firstNow.error.code).toMatch(
      /^(cancelled|REPORT_EXPORT_GONE)$/,
    );
    await core.ok('reports.exportCancel', { exportId: second.id }, admin);
    // Each stops at its next step (or before it starts) and is forgotten, its file removed.
    for (const id of [first.id, second.id]) {
      let now = await core.call('reports.exportStatus', { exportId: id }, admin);
      for (let i = 0; i < 250 && now.ok; i += 1) {
        expect(now.value.state).toBe('cancelled');
        await new Promise((resolve) => setTimeout(resolve, 20));
        now = await core.call('reports.exportStatus', { exportId: id }, admin);
      }
      expect(now).toMatchObject({ ok: false, error: { code: 'REPORT_EXPORT_GONE' } });
    }
    expect(fs.readdirSync(exportsDir())).toEqual([]);
  });

  it('refuses a malformed export id in words', async () => {
    const result = await core.call('reports.exportStatus', { exportId: '../../etc/passwd' }, admin);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('starts with an empty exports folder: files left by a stopped host are removed', async () => {
    fs.mkdirSync(exportsDir(), { recursive: true });
    fs.writeFileSync(path.join(exportsDir(), 'left-over.xlsx'), 'x');
    const again = await openTestCore({ dataDir, target: new SimulatedCards() });
    try {
      expect(fs.existsSync(path.join(exportsDir(), 'left-over.xlsx'))).toBe(false);
    } finally {
      await again.dispose();
    }
  });
});
