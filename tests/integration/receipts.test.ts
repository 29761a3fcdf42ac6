// Receipts through the API, read back as a person would: the PDF's text and page size.
import { execFileSync } from 'node:child_process';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { readPdf } from './pdf';
import { SimulatedCards } from '../../sim/simulatedCards';

function pdfText(base64: string): { text: string; info: string } {
  return readPdf(base64);
}

describe('receipts', () => {
  let core: TestCore;
  let cards: SimulatedCards;
  let cashier: string;
  let admin: string;
  let accountId: number;

  beforeAll(async () => {
    // poppler-utils is installed by `npm test` (scripts/lib/system.mjs); without it this fails loudly.
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    cards = new SimulatedCards();
    core = await openTestCore({ target: cards });
    admin = (await setUpOffice(core)).sessionId;
    cashier = (await signInAs(core, admin, 'cashier')).sessionId;
    const tariff = await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    );
    const customer = await core.ok(
      'customers.create',
      { name: '星巴克咖啡', shopUnit: 'B1-023' },
      cashier,
    );
    const meter = await core.ok(
      'meters.register',
      { meterNo: '000000000161', model: 'DDSY1352' },
      cashier,
    );
    accountId = (
      await core.ok(
        'accounts.open',
        { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
        cashier,
      )
    ).id;
    await core.ok('sales.sell', { accountId, amountFen: 10_000, paymentMethod: 'wechat' }, cashier);
  });
  afterAll(async () => {
    await core.dispose();
    cards.close();
  });

  it('prints the original on an 80 mm roll with the amount in figures and capitals', async () => {
    const receipt = await core.ok('receipts.print', { receiptNo: 1, layout: 'thermal80' }, cashier);
    expect(receipt).toMatchObject({ fileName: 'receipt-00000001.pdf', reprint: 0 });
    const { text, info } = pdfText(receipt.base64);
    for (const expected of [
      '万达广场 预付费电费收据',
      '00000001',
      '星巴克咖啡',
      'B1-023',
      '000000000161',
      '¥100.00',
      '人民币 壹佰元整',
      '117.64 kWh',
      '微信',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('补打');
    // A card meter adds the credit only when the card goes in: the office does not know it yet.
    expect(text).not.toContain('表内余额');
    expect(info).toMatch(/Page size:\s+226\.77\d* x/);
  });

  it('says 补打 on every later print and keeps the number', async () => {
    const again = await core.ok('receipts.print', { receiptNo: 1, layout: 'a4' }, cashier);
    expect(again).toMatchObject({ fileName: 'receipt-00000001-reprint1.pdf', reprint: 1 });
    const { text, info } = pdfText(again.base64);
    expect(text).toContain('补打（第 1 次）');
    expect(text).toContain('00000001');
    expect(info).toContain('(A4)');
    const row = core.services.db
      .prepare('SELECT print_count FROM receipts WHERE receipt_no = 1')
      .get();
    expect(row).toEqual({ print_count: 2 });
  });

  it('prints a voided number as void', async () => {
    cards.insertIntoMeter({ accountNo: '00000001', meterNo: '000000000161' });
    cards.faults.nextWrite = 'lost';
    await core.call('sales.sell', { accountId, amountFen: 1_000, paymentMethod: 'cash' }, cashier);
    const receipt = await core.ok('receipts.print', { receiptNo: 2 }, cashier);
    expect(pdfText(receipt.base64).text).toContain('作废');
  });

  it('prints the voucher of a reversal (冲正凭证) naming the receipt it takes back', async () => {
    const sale = await core.ok(
      'sales.sell',
      { accountId, amountFen: 2_000, paymentMethod: 'cash' },
      cashier,
    );
    const reversal = await core.ok(
      'sales.reverse',
      { saleId: sale.id, reason: '金额输错' },
      cashier,
    );
    const voucher = await core.ok('receipts.print', { receiptNo: reversal.receiptNo }, cashier);
    const { text } = pdfText(voucher.base64);
    for (const expected of [
      '冲正凭证',
      '原票据号',
      String(sale.receiptNo).padStart(8, '0'),
      '金额输错',
      '冲正金额 ¥20.00',
      '人民币 贰拾元整',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints a reversed sale’s receipt, original and reprint, as reversed, naming the voucher', async () => {
    const sale = await core.ok(
      'sales.sell',
      { accountId, amountFen: 3_000, paymentMethod: 'cash' },
      cashier,
    );
    const before = pdfText(
      (await core.ok('receipts.print', { receiptNo: sale.receiptNo }, cashier)).base64,
    ).text;
    expect(before).not.toContain('已冲正');
    const reversal = await core.ok(
      'sales.reverse',
      { saleId: sale.id, reason: '重复收费' },
      cashier,
    );
    const voucherNo = String(reversal.receiptNo).padStart(8, '0');
    for (const layout of ['thermal80', 'a4', 'form'] as const) {
      const again = await core.ok('receipts.print', { receiptNo: sale.receiptNo, layout }, cashier);
      // The form's mark field is narrow, so its words may wrap.
      const text = pdfText(again.base64).text.replace(/\s+/g, '');
      expect([layout, text]).toEqual([
        layout,
        expect.stringContaining(`已冲正（冲正凭证${voucherNo}）`),
      ]);
      expect(text).toContain('补打（第');
    }
  });

  it('prints a sale’s receipt after the account’s credit was refunded as refunded afterwards', async () => {
    const customer = await core.ok(
      'customers.create',
      { name: '喜茶', shopUnit: 'B1-030' },
      cashier,
    );
    const meter = await core.ok(
      'meters.register',
      { meterNo: '000000000162', model: 'DDSY1352' },
      cashier,
    );
    const tariff = (await core.ok('tariffs.list', {}, cashier))[0]!;
    const account = await core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
      cashier,
    );
    const sale = await core.ok(
      'sales.sell',
      { accountId: account.id, amountFen: 5_000, paymentMethod: 'cash' },
      cashier,
    );
    const clean = pdfText(
      (await core.ok('receipts.print', { receiptNo: sale.receiptNo }, cashier)).base64,
    );
    expect(clean.text).not.toContain('退费');
    cards.onReader = true;
    cards.insertIntoMeter({ accountNo: account.accountNo, meterNo: '000000000162' });
    const suspended = await core.ok(
      'accounts.suspend',
      { accountId: account.id, reason: '停业', refund: { paymentMethod: 'cash' } },
      admin,
    );
    const voucherNo = String(suspended.refund!.receiptNo).padStart(8, '0');
    const { text } = pdfText(
      (await core.ok('receipts.print', { receiptNo: sale.receiptNo, layout: 'a4' }, cashier))
        .base64,
    );
    expect(text).toContain(`其后已退费（退费凭证 ${voucherNo}）`);
    expect(text).toContain('补打（第 1 次）');
  });

  it('prints 实收 and 找零 for a cash sale, and refuses too little cash or cash for another method', async () => {
    cards.onReader = true;
    cards.insertIntoMeter({ accountNo: '00000001', meterNo: '000000000161' });
    await expect(
      core.call(
        'sales.sell',
        { accountId, amountFen: 8_850, paymentMethod: 'cash', tenderedFen: 5_000 },
        cashier,
      ),
    ).resolves.toMatchObject({
      error: { code: 'TENDERED_TOO_LITTLE', params: { tendered: '50.00', amount: '88.50' } },
    });
    await expect(
      core.call(
        'sales.sell',
        { accountId, amountFen: 8_850, paymentMethod: 'wechat', tenderedFen: 10_000 },
        cashier,
      ),
    ).resolves.toMatchObject({ error: { code: 'TENDERED_NOT_CASH' } });
    const sale = await core.ok(
      'sales.sell',
      { accountId, amountFen: 8_850, paymentMethod: 'cash', tenderedFen: 10_000 },
      cashier,
    );
    expect(sale.tenderedFen).toBe(10_000);
    const { text } = pdfText(
      (await core.ok('receipts.print', { receiptNo: sale.receiptNo }, cashier)).base64,
    );
    expect(text).toMatch(/实收\s+¥100\.00/);
    expect(text).toMatch(/找零\s+¥11\.50/);
    // The meter loads it, so the next test starts from a loaded card.
    cards.insertIntoMeter({ accountNo: '00000001', meterNo: '000000000161' });
  });

  it('prints receipts in the office’s receipt language, whoever prints them', async () => {
    await core.ok('printing.updateSettings', { receiptLanguage: 'en' }, admin);
    try {
      const sale = await core.ok('receipts.print', { receiptNo: 1, layout: 'thermal80' }, cashier);
      const text = pdfText(sale.base64).text.replace(/\s+/g, ' ');
      for (const expected of [
        'Receipt no. 00000001',
        'Customer 星巴克咖啡',
        'Paid by WeChat',
        '117.64 kWh',
        '0.8500 yuan/kWh',
        'In words: One hundred and 00/100 yuan',
        'Reprint (no. ',
        'The meter takes this purchase when the card is inserted.',
      ])
        expect(text).toContain(expected);
      // What the office typed (its header, the tenant's name) stays; none of the receipt's words.
      const own = ['万达广场 预付费电费收据', '万达广场物业服务中心', '星巴克咖啡'].reduce(
        (rest, typed) => rest.replaceAll(typed, ''),
        text,
      );
      expect(own).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);

      const reversal = core.services.db
        .prepare("SELECT receipt_no AS receiptNo FROM reversals WHERE status = 'committed' LIMIT 1")
        .get() as { receiptNo: number };
      const voucher = pdfText(
        (await core.ok('receipts.print', { receiptNo: reversal.receiptNo, layout: 'a4' }, cashier))
          .base64,
      ).text.replace(/\s+/g, ' ');
      expect(voucher).toContain('Reversal voucher');
      expect(voucher).toContain('Original receipt');
    } finally {
      await core.ok('printing.updateSettings', { receiptLanguage: 'zh-CN' }, admin);
    }
    const back = await core.ok('receipts.print', { receiptNo: 1 }, cashier);
    expect(pdfText(back.base64).text).toContain('人民币 壹佰元整');
  });

  it('refuses an unknown receipt and one whose card write is unconfirmed', async () => {
    await expect(core.call('receipts.print', { receiptNo: 99 }, cashier)).resolves.toMatchObject({
      error: { code: 'RECEIPT_NOT_FOUND', params: { receiptNo: '00000099' } },
    });
    cards.faults.nextWrite = 'pulled';
    const pending = await core.call(
      'sales.sell',
      { accountId, amountFen: 1_000, paymentMethod: 'cash' },
      cashier,
    );
    expect(pending).toMatchObject({ error: { code: 'DELIVERY_UNCONFIRMED' } });
    if (pending.ok) throw new Error('the sale should have stayed unconfirmed');
    const receiptNo = Number(pending.error.params?.receiptNo);
    await expect(core.call('receipts.print', { receiptNo }, cashier)).resolves.toMatchObject({
      error: { code: 'RECEIPT_NOT_SETTLED' },
    });
    cards.onReader = true;
  });
});
