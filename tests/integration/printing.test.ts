// Printing through the API: the pre-printed form (套打) puts each value where the supervisor set
// it (measured in the PDF), the settings refuse what cannot print, and receipts reach a real CUPS
// queue, counted as printed only once the printer has taken them.
import { execFileSync } from 'node:child_process';
import { DEFAULT_FORM_LAYOUT, type ReceiptFormLayout } from '../../shared/receiptForm';
import { CupsPrintSystem } from '../../core/printing/printSystem';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import { cupsUnavailable, startTestCups, type TestCups } from './cups';
import { readPdf, wordAt } from './pdf';

const MM = 72 / 25.4;

async function openOffice(core: TestCore) {
  const admin = (await setUpOffice(core)).sessionId;
  const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
  const supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
  const tariff = await core.ok(
    'tariffs.create',
    { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
    admin,
  );
  const customer = await core.ok(
    'customers.create',
    { name: '星巴克', shopUnit: 'B1-023' },
    cashier,
  );
  const meter = await core.ok(
    'meters.register',
    { meterNo: '000000000161', model: 'DDSY1352' },
    cashier,
  );
  const account = await core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
    cashier,
  );
  const sale = await core.ok(
    'sales.sell',
    { accountId: account.id, amountFen: 10_000, paymentMethod: 'cash' },
    cashier,
  );
  return { admin, cashier, supervisor, accountId: account.id, sale };
}

function moved(form: ReceiptFormLayout, changes: Partial<ReceiptFormLayout>): ReceiptFormLayout {
  return structuredClone({ ...form, ...changes });
}

describe('the pre-printed receipt form (套打)', () => {
  let core: TestCore;
  let cards: SimulatedCards;
  let office: Awaited<ReturnType<typeof openOffice>>;

  beforeAll(async () => {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    cards = new SimulatedCards();
    core = await openTestCore({ target: cards });
    office = await openOffice(core);
  });
  afterAll(async () => {
    await core.dispose();
    cards.close();
  });

  it('prints only the values, each at its position, on a page the size of the form', async () => {
    const receipt = await core.ok(
      'receipts.print',
      { receiptNo: 1, layout: 'form' },
      office.cashier,
    );
    expect(receipt.printer).toBeNull();
    const pdf = readPdf(receipt.base64);
    expect(pdf.pageSize[0]).toBeCloseTo(241 * MM, 1);
    expect(pdf.pageSize[1]).toBeCloseTo(93 * MM, 1);
    // The form carries its own labels: none of the thermal receipt's are printed.
    expect(pdf.text).not.toContain('户名');
    expect(pdf.text).not.toContain('收费员');
    const name = wordAt(pdf, '星巴克');
    expect(name.xMin).toBeCloseTo(DEFAULT_FORM_LAYOUT.fields.customerName.xMm * MM, 0);
    expect(name.yMin).toBeGreaterThanOrEqual(DEFAULT_FORM_LAYOUT.fields.customerName.yMm * MM - 1);
    expect(name.yMin).toBeLessThan((DEFAULT_FORM_LAYOUT.fields.customerName.yMm + 2) * MM);
    expect(pdf.text).toContain('壹佰元整');
    expect(pdf.text).toContain('¥100.00');
  });

  it('moves a value by exactly what the supervisor sets, plus the whole-form offset', async () => {
    const before = readPdf(
      (await core.ok('receipts.print', { receiptNo: 1, layout: 'form' }, office.cashier)).base64,
    );
    const form = moved(DEFAULT_FORM_LAYOUT, { offsetXMm: 2, offsetYMm: -1.5 });
    form.fields.customerName = { xMm: 140, yMm: 33, show: true };
    form.fields.shopUnit.show = false;
    const saved = await core.ok(
      'printing.updateSettings',
      { form, receiptLayout: 'form' },
      office.supervisor,
    );
    expect(saved.form.fields.customerName).toEqual({ xMm: 140, yMm: 33, show: true });

    const after = readPdf(
      (await core.ok('receipts.print', { receiptNo: 1 }, office.cashier)).base64,
    );
    const [was, now] = [wordAt(before, '星巴克'), wordAt(after, '星巴克')];
    expect(now.xMin - was.xMin).toBeCloseTo(
      (140 + 2 - DEFAULT_FORM_LAYOUT.fields.customerName.xMm) * MM,
      0,
    );
    expect(now.yMin - was.yMin).toBeCloseTo(
      (33 - 1.5 - DEFAULT_FORM_LAYOUT.fields.customerName.yMm) * MM,
      0,
    );
    // A hidden field is not printed; a reprint says so in the mark field.
    expect(after.text).not.toContain('B1-023');
    expect(after.text).toMatch(/补打（第 \d+ 次）/);
  });

  it('prints vouchers on A4 when the office prints sales on the form', async () => {
    await core.ok('printing.updateSettings', { receiptLayout: 'form' }, office.supervisor);
    const reversal = await core.ok(
      'sales.reverse',
      { saleId: office.sale.id, reason: '收错金额' },
      office.cashier,
    );
    const voucher = readPdf(
      (await core.ok('receipts.print', { receiptNo: reversal.receiptNo }, office.cashier)).base64,
    );
    expect(voucher.info).toContain('A4');
    expect(voucher.text).toContain('冲正凭证');
  });

  it('refuses a form with a value off the paper, and a cashier changing the settings', async () => {
    const form = moved(DEFAULT_FORM_LAYOUT, {});
    form.fields.amount = { xMm: 250, yMm: 10, show: true };
    const off = await core.call('printing.updateSettings', { form }, office.supervisor);
    expect(!off.ok && off.error).toMatchObject({
      code: 'FORM_FIELD_OFF_PAGE',
      params: { fields: '金额' },
    });
    const shrunk = await core.call(
      'printing.updateSettings',
      { form: moved(DEFAULT_FORM_LAYOUT, { pageHeightMm: 60 }) },
      office.supervisor,
    );
    expect(!shrunk.ok && shrunk.error.code).toBe('FORM_FIELD_OFF_PAGE');
    const cashier = await core.call(
      'printing.updateSettings',
      { receiptLayout: 'a4' },
      office.cashier,
    );
    expect(!cashier.ok && cashier.error.code).toBe('FORBIDDEN');
    const garbled = await core.call(
      'printing.updateSettings',
      { form: { ...DEFAULT_FORM_LAYOUT, fontSizePt: 99 } },
      office.supervisor,
    );
    expect(!garbled.ok && garbled.error.code).toBe('VALIDATION_FAILED');
    const settings = await core.ok('printing.settings', {}, office.cashier);
    expect(settings.form.fields.amount.xMm).toBe(DEFAULT_FORM_LAYOUT.fields.amount.xMm);
  });

  it('makes a calibration sheet of an unsaved layout with a millimetre scale and every field', async () => {
    const form = moved(DEFAULT_FORM_LAYOUT, { pageWidthMm: 210, pageHeightMm: 99 });
    const sheet = await core.ok('printing.formCalibration', { form }, office.supervisor);
    const pdf = readPdf(sheet.base64);
    expect(pdf.pageSize[0]).toBeCloseTo(210 * MM, 1);
    expect(pdf.pageSize[1]).toBeCloseTo(99 * MM, 1);
    for (const label of ['户名', '大写金额', '样例商户', '000000000161', '200'])
      expect(pdf.text).toContain(label);
    // The scale's "100" sits 100 mm from the left edge.
    const hundred = pdf.words.find((w) => w.text === '100' && w.yMin < 10 * MM);
    expect(hundred?.xMin).toBeCloseTo(100 * MM + 1, 0);
    const noPrinter = await core.call(
      'printing.formCalibration',
      { toPrinter: true },
      office.supervisor,
    );
    expect(!noPrinter.ok && noPrinter.error.code).toBe('PRINTER_NOT_SET');
  });
});

describe('a PC without a print system', () => {
  it('lists no printers and says so when asked to print', async () => {
    const none = new CupsPrintSystem({ PATH: '/nonexistent' });
    await expect(none.list()).resolves.toEqual({ available: false, printers: [] });
    await expect(none.print(Buffer.from('%PDF'), 'Receipt', 'x')).rejects.toMatchObject({
      code: 'PRINTING_UNAVAILABLE',
    });
  });
});

const noCups = cupsUnavailable();
(noCups ? describe.skip : describe)(
  `receipts on a real CUPS queue${noCups ? ` (skipped: ${noCups})` : ''}`,
  () => {
    let cups: TestCups;
    let core: TestCore;
    let cards: SimulatedCards;
    let office: Awaited<ReturnType<typeof openOffice>>;

    beforeAll(async () => {
      cups = await startTestCups();
      cups.addPrinter('Receipt80', { isDefault: true });
      cups.addPrinter('Office_A4');
      cards = new SimulatedCards();
      core = await openTestCore({ target: cards, printSystem: new CupsPrintSystem(cups.env) });
      office = await openOffice(core);
    }, 30_000);
    afterAll(async () => {
      await core?.dispose();
      cards?.close();
      await cups?.stop();
    });

    it('lists the queues with the default marked and refuses a printer that is not there', async () => {
      const list = await core.ok('printing.printers', {}, office.cashier);
      expect(list.available).toBe(true);
      expect(list.printers).toEqual(
        expect.arrayContaining([
          { name: 'Receipt80', isDefault: true },
          { name: 'Office_A4', isDefault: false },
        ]),
      );
      const missing = await core.call(
        'printing.updateSettings',
        { receiptPrinter: 'Nope' },
        office.supervisor,
      );
      expect(!missing.ok && missing.error).toMatchObject({
        code: 'PRINTER_NOT_FOUND',
        params: { printer: 'Nope' },
      });
    });

    it('sends the receipt to the chosen printer and counts it once it is there', async () => {
      await core.ok('printing.updateSettings', { receiptPrinter: 'Receipt80' }, office.supervisor);
      const receipt = await core.ok('receipts.print', { receiptNo: 1 }, office.cashier);
      expect(receipt).toMatchObject({ printer: 'Receipt80', reprint: 0 });
      const job = await cups.waitForJob(1);
      expect(job.subarray(0, 5).toString()).toBe('%PDF-');
      const printed = readPdf(job);
      expect(printed.text).toContain('00000001');
      expect(printed.text).toContain('星巴克');
      expect(core.services.receipts.printCount(1)).toBe(1);
    });

    it('does not count a print the printer refused, and says which printer and why', async () => {
      cups.run('cupsreject', ['Receipt80']);
      try {
        const refused = await core.call('receipts.print', { receiptNo: 1 }, office.cashier);
        expect(!refused.ok && refused.error).toMatchObject({
          code: 'PRINT_FAILED',
          params: { printer: 'Receipt80' },
        });
        expect(!refused.ok && String(refused.error.params?.detail)).toMatch(/not accepting jobs/);
        expect(core.services.receipts.printCount(1)).toBe(1);
      } finally {
        cups.run('cupsaccept', ['Receipt80']);
      }
      const reprint = await core.ok('receipts.print', { receiptNo: 1 }, office.cashier);
      expect(reprint.reprint).toBe(1);
      expect(readPdf(await cups.waitForJob(2)).text).toContain('补打');
    });

    it('says the printer is gone when it was removed after being chosen', async () => {
      cups.run('lpadmin', ['-x', 'Receipt80']);
      const gone = await core.call('receipts.print', { receiptNo: 1 }, office.cashier);
      expect(!gone.ok && gone.error).toMatchObject({ code: 'PRINTER_NOT_FOUND' });
      expect(core.services.receipts.printCount(1)).toBe(2);
    });
  },
);
