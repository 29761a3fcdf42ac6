// 工本费 through the API on the real PC/SC stack (pcscd + vpcd, a virtual SLE4442): the office's fee
// is charged with the card it pays for, refused when it is missing, stale or short, voided with a
// card that could not be written, printed on its own receipt, counted in the cashier's shift and
// in the sales report apart from the electricity.
import { PcscReaderService } from '../../card/reader/pcsc';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { officeDay } from '../../shared/officeTime';
import type { ReportCardFeeRow } from '../../shared/api/ledgerTypes';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
} from './pcscd';
import { readPdf } from './pdf';
import { blankCard, cardHands } from './virtualCards';

const READER = VIRTUAL_READERS[0];

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `card fees (工本费)${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    let unlock = () => {};
    let core: TestCore;
    let admin: string;
    let cashier: string;
    let supervisor: string;
    let accountId: number;
    const hands = cardHands(virtual, READER);

    const pdfText = async (receiptNo: number) =>
      readPdf((await core.ok('receipts.print', { receiptNo }, cashier)).base64).text;
    const feeRows = () =>
      core.services.db.prepare('SELECT status, receipt_no FROM card_fees ORDER BY id').all();

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      core = await openTestCore({ readers: new PcscReaderService() });
      admin = (await setUpOffice(core)).sessionId;
      cashier = (await signInAs(core, admin, 'cashier')).sessionId;
      supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
      await core.ok('cards.chooseReader', { reader: READER }, supervisor);
      await core.ok('settings.update', { cardIssueFeeFen: 1_000, cardReissueFeeFen: 2_000 }, admin);
      const tariff = await core.ok(
        'tariffs.create',
        { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
        admin,
      );
      const customer = await core.ok('customers.create', { name: '星巴克' }, cashier);
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
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await core?.dispose();
      unlock();
    });

    it('refuses a card without the fee, with a stale fee or too little cash, writing nothing', async () => {
      await hands.reinsert(blankCard());
      const none = await core.call('cards.issue', { accountId }, cashier);
      expect(!none.ok && none.error).toEqual({ code: 'CARD_FEE_DUE', params: { fee: '10.00' } });
      const stale = await core.call(
        'cards.issue',
        { accountId, fee: { amountFen: 500, paymentMethod: 'cash' } },
        cashier,
      );
      expect(!stale.ok && stale.error).toEqual({
        code: 'CARD_FEE_CHANGED',
        params: { fee: '10.00', charged: '5.00' },
      });
      const short = await core.call(
        'cards.issue',
        { accountId, fee: { amountFen: 1_000, paymentMethod: 'cash', tenderedFen: 500 } },
        cashier,
      );
      expect(!short.ok && short.error.code).toBe('TENDERED_TOO_LITTLE');
      expect(core.services.cards.forAccount(accountId)).toEqual([]);
      expect(feeRows()).toEqual([]);
      expect((await core.ok('cards.read', {}, cashier)).status).toBe('blank');
    });

    it('voids the fee and its receipt number with a card that refuses to be written', async () => {
      // A blank whose security code is not the factory's: the write is refused before a byte.
      await hands.reinsert(blankCard(), '123456');
      const refused = await core.call(
        'cards.issue',
        { accountId, fee: { amountFen: 1_000, paymentMethod: 'cash' } },
        cashier,
      );
      expect(!refused.ok && refused.error.code).toMatch(/CARD_PSC_WRONG|CARD_LOCKED/);
      expect(feeRows()).toEqual([{ status: 'void', receipt_no: 1 }]);
      const text = await pdfText(1);
      expect(text).toContain('作废');
      expect(text).toContain('工本费收据');
    });

    it('issues the card with the fee, and prints the fee on its own receipt with the change', async () => {
      await hands.reinsert(blankCard());
      const card = await core.ok(
        'cards.issue',
        { accountId, fee: { amountFen: 1_000, paymentMethod: 'cash', tenderedFen: 5_000 } },
        cashier,
      );
      expect(card).toMatchObject({
        cardNo: '000000000002',
        status: 'active',
        fee: { kind: 'issue', amountFen: 1_000, status: 'committed', receiptNo: 2 },
      });
      const text = await pdfText(2);
      for (const words of [
        '工本费收据',
        '开卡工本费',
        '000000000002',
        '星巴克',
        '¥10.00',
        '¥50.00',
        '¥40.00',
      ])
        expect(text).toContain(words);
      expect(text).not.toContain('补打');
      expect(await pdfText(2)).toContain('补打（第 1 次）');
    });

    it('charges the reissue fee for a lost card, and counts both fees in the shift and the report', async () => {
      await core.ok('cards.reportLost', { accountId }, cashier);
      await hands.reinsert(blankCard());
      const wrongFee = await core.call(
        'cards.reissue',
        { accountId, fee: { amountFen: 1_000, paymentMethod: 'wechat' } },
        cashier,
      );
      expect(!wrongFee.ok && wrongFee.error.code).toBe('CARD_FEE_CHANGED');
      const card = await core.ok(
        'cards.reissue',
        { accountId, fee: { amountFen: 2_000, paymentMethod: 'wechat' } },
        cashier,
      );
      expect(card.fee).toMatchObject({
        kind: 'reissue',
        paymentMethod: 'wechat',
        tenderedFen: null,
      });
      expect(await pdfText(card.fee!.receiptNo)).toContain('补卡工本费');

      const shift = (await core.ok('shifts.list', {}, supervisor)).find(
        (s) => s.operatorName === 'cashier user',
      )!;
      expect(shift.expected).toMatchObject({ cash: 1_000, wechat: 2_000 });
      expect(shift.cardFeesCount).toBe(2);

      const today = officeDay(core.services.clock().toISOString());
      const report = await core.ok('reports.sales', { from: today, to: today }, supervisor);
      expect(report.totals).toMatchObject({
        salesFen: 0,
        netFen: 0,
        cardFeesFen: 3_000,
        cardFeesCount: 2,
        collectedFen: 3_000,
      });
      const fees = await core.ok(
        'reports.lines',
        { from: today, to: today, kind: 'cardFees' },
        supervisor,
      );
      expect(fees.next).toBeNull();
      expect(fees.lines.map((f) => [(f as ReportCardFeeRow).kind, f.amountFen])).toEqual([
        ['issue', 1_000],
        ['reissue', 2_000],
      ]);
    });
  },
);
