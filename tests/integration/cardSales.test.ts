// Selling onto tenants' IC cards through the API, on the real PC/SC stack (pcscd + vpcd, a virtual
// SLE4442 on its own thread): issue a card (开户发卡), sell to it, the meter's write-back read
// into the ledger, and the refusals at the till: no card, a blank card, another office's card,
// another tenant's card, a card pulled in the middle of a sale and put back.
import { randomBytes } from 'node:crypto';
import { decodeCard, encodeCard, writeMeterBlock } from '../../card/layout/cardImage';
import { cardKeys } from '../../card/keys';
import { PcscReaderService } from '../../card/reader/pcsc';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
  waitForCard,
} from './pcscd';
import { blankCard, cardHands } from './virtualCards';

const READER = VIRTUAL_READERS[0];

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `sales on IC cards${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    let unlock = () => {};
    let core: TestCore;
    let cashier: string;
    let supervisor: string;
    let accountId: number;
    let otherAccountId: number;

    const siteKey = () => core.services.secret.read()!.secret;
    const hands = cardHands(virtual, READER);
    const cardOnReader = hands.onReader;
    const reinsert = hands.reinsert;
    const tenantPsc = () => cardKeys(siteKey(), '000000000001').psc.toString('hex');

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      core = await openTestCore({ readers: new PcscReaderService() });
      const admin = (await setUpOffice(core)).sessionId;
      cashier = (await signInAs(core, admin, 'cashier')).sessionId;
      supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
      const tariff = await core.ok(
        'tariffs.create',
        { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
        admin,
      );
      const open = async (name: string, meterNo: string) => {
        const customer = await core.ok('customers.create', { name }, cashier);
        const meter = await core.ok('meters.register', { meterNo, model: 'DDSY1352' }, cashier);
        return (
          await core.ok(
            'accounts.open',
            { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
            cashier,
          )
        ).id;
      };
      accountId = await open('星巴克', '000000000161');
      otherAccountId = await open('肯德基', '000000000162');
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await core?.dispose();
      unlock();
    });

    it('chooses the reader (a supervisor) and says when there is no card on it', async () => {
      const readers = await core.ok('cards.readers', {}, cashier);
      expect(readers.available).toBe(true);
      expect(readers.readers.map((r) => r.name)).toEqual(expect.arrayContaining([READER]));
      const refused = await core.call('cards.chooseReader', { reader: READER }, cashier);
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
      const missing = await core.call('cards.chooseReader', { reader: 'Nope 00' }, supervisor);
      expect(!missing.ok && missing.error.code).toBe('CARD_NO_READER');
      expect((await core.ok('cards.chooseReader', { reader: READER }, supervisor)).chosen).toBe(
        READER,
      );

      await virtual.remove();
      await waitForCard(READER, false);
      for (const call of [
        core.call('cards.read', {}, cashier),
        core.call('cards.issue', { accountId }, cashier),
        core.call('sales.sell', { accountId, amountFen: 10_000, paymentMethod: 'cash' }, cashier),
      ]) {
        const result = await call;
        expect(!result.ok && result.error.code).toMatch(/CARD_NOT_PRESENT|TARGET_UNREACHABLE/);
      }
      expect(core.services.cards.forAccount(accountId)).toEqual([]);
    });

    it('issues a blank card as the account card, readable as such', async () => {
      await reinsert(blankCard());
      const blank = await core.ok('cards.read', {}, cashier);
      expect(blank).toMatchObject({ status: 'blank', ledger: null });

      const card = await core.ok('cards.issue', { accountId }, cashier);
      expect(card).toMatchObject({ cardNo: '000000000001', status: 'active', generation: 0 });
      const again = await core.call('cards.issue', { accountId }, cashier);
      expect(!again.ok && again.error).toMatchObject({
        code: 'CARD_ALREADY_ISSUED',
        params: { cardNo: '000000000001' },
      });
      // The same card cannot become another tenant's.
      const inUse = await core.call('cards.issue', { accountId: otherAccountId }, cashier);
      expect(!inUse.ok && inUse.error.code).toBe('CARD_IN_USE');

      const read = await core.ok('cards.read', {}, cashier);
      expect(read).toMatchObject({
        status: 'valid',
        kind: 'user',
        mac: 'valid',
        cardNo: '000000000001',
        ledger: { accountId, customerName: '星巴克', meterNo: '000000000161' },
        blocks: { purchase: { meterNo: '000000000161', purchaseCount: 0 } },
      });
    });

    it('sells onto the card: count 1, the amount to load, and the sale committed', async () => {
      const sale = await core.ok(
        'sales.sell',
        { accountId, amountFen: 10_000, paymentMethod: 'cash' },
        cashier,
      );
      expect(sale).toMatchObject({ status: 'committed', purchaseCount: 1 });
      const { memory } = await cardOnReader();
      const card = decodeCard(memory, siteKey());
      expect(card.blocks.purchase).toMatchObject({
        purchaseCount: 1,
        lastPurchaseFen: 10_000,
        cumulativePurchasedFen: 10_000,
      });
      expect(card.blocks.writeBack).toMatchObject({ present: false });
      // Not loaded yet: a second sale is refused, adding to the same purchase is not.
      const refused = await core.call(
        'sales.sell',
        { accountId, amountFen: 5_000, paymentMethod: 'cash' },
        cashier,
      );
      expect(!refused.ok && refused.error.code).toBe('PURCHASE_NOT_LOADED');
      await core.ok(
        'sales.sell',
        { accountId, amountFen: 5_000, paymentMethod: 'cash', addToUnloaded: true },
        cashier,
      );
      const topped = decodeCard((await cardOnReader()).memory, siteKey());
      expect(topped.blocks.purchase).toMatchObject({
        purchaseCount: 1,
        lastPurchaseFen: 15_000,
        cumulativePurchasedFen: 15_000,
      });
    });

    it("takes the meter's write-back into the ledger when the card is read", async () => {
      const { memory, psc } = await cardOnReader();
      const loaded = writeMeterBlock(memory, 'user', 'writeBack', {
        present: true,
        loadedCount: 1,
        remainingFen: 14_230,
        cumulativeEnergy: 9_12,
        overdraftUsedFen: 0,
        illegalInsertCount: 0,
        tamperFlags: 0,
        writtenAt: '2026-11-24 12:00:00',
        meterNo: '000000000161',
      });
      await reinsert(loaded, psc);
      const read = await core.ok('cards.read', {}, cashier);
      expect(read.observed).toBe(true);
      expect(core.services.accounts.byId(accountId)).toMatchObject({
        loadedCount: 1,
        meterRemainingFen: 14_230,
      });
      // Loaded: the next sale is purchase 2, and it clears the write-back for the meter.
      await core.ok(
        'sales.sell',
        { accountId, amountFen: 20_000, paymentMethod: 'wechat' },
        cashier,
      );
      const card = decodeCard((await cardOnReader()).memory, siteKey());
      expect(card.blocks.purchase).toMatchObject({ purchaseCount: 2, lastPurchaseFen: 20_000 });
      expect(card.blocks.writeBack).toMatchObject({ present: false });
    });

    it("refuses another tenant's sale on this card, and another office's card, writing nothing", async () => {
      const before = (await cardOnReader()).memory;
      const wrongTenant = await core.call(
        'sales.sell',
        { accountId: otherAccountId, amountFen: 10_000, paymentMethod: 'cash' },
        cashier,
      );
      expect(!wrongTenant.ok && wrongTenant.error).toMatchObject({ code: 'CARD_OTHER_ACCOUNT' });

      const foreignKey = randomBytes(32);
      const foreign = encodeCard(
        'user',
        {
          cardNo: '000000000001',
          generation: 0,
          tariff: { kind: 'flat', price: 1, freeAllowance: 0 },
          blocks: {
            purchase: {
              meterNo: '000000000161',
              customerNo: 'X',
              purchaseCount: 2,
              lastPurchaseFen: 0,
              cumulativePurchasedFen: 35_000,
              alarm1Fen: 0,
              alarm2Fen: 0,
              overdraftFen: 0,
              hoardingFen: 0,
            },
          },
        },
        foreignKey,
      );
      blankCard().copy(foreign, 0, 0, 7); // the chip maker's area, as on any real card
      await reinsert(foreign);
      const refused = await core.call(
        'sales.sell',
        { accountId, amountFen: 1_000, paymentMethod: 'cash' },
        cashier,
      );
      expect(!refused.ok && refused.error.code).toBe('CARD_OTHER_OFFICE');
      expect(core.services.sales.pendingPurchase(accountId)).toBeUndefined();
      expect((await cardOnReader()).memory).toEqual(foreign);
      await reinsert(before, tenantPsc());
    });

    it('a card pulled mid-sale leaves the sale pending; put back and read, it is finished', async () => {
      // The tenant's card again, as the last sale left it, with its own code.
      const issued = core.services.cards.byCardNo('000000000001')!;
      expect(issued.status).toBe('active');
      // The meter loads purchase 2 first, so a third can be sold.
      const loaded = writeMeterBlock((await cardOnReader()).memory, 'user', 'writeBack', {
        present: true,
        loadedCount: 2,
        remainingFen: 30_000,
        cumulativeEnergy: 5_000_00,
        overdraftUsedFen: 0,
        illegalInsertCount: 0,
        tamperFlags: 0,
        writtenAt: '2026-11-24 13:00:00',
        meterNo: '000000000161',
      });
      await reinsert(loaded, tenantPsc());

      await virtual.pullOnWrite(3);
      const pulled = await core.call(
        'sales.sell',
        { accountId, amountFen: 8_000, paymentMethod: 'cash' },
        cashier,
      );
      expect(!pulled.ok && pulled.error.code).toBe('DELIVERY_UNCONFIRMED');
      expect(core.services.sales.pendingPurchase(accountId)).toBeDefined();
      await waitForCard(READER, false);

      // Put back: the torn card is written again and the sale commits, once.
      await virtual.insert();
      await waitForCard(READER, true);
      const read = await core.ok('cards.read', {}, cashier);
      expect(read).toMatchObject({ status: 'valid', blocks: { purchase: { purchaseCount: 3 } } });
      expect(core.services.sales.pendingPurchase(accountId)).toBeUndefined();
      const sales = await core.ok('sales.list', { accountId }, cashier);
      expect(sales.filter((s) => s.purchaseCount === 3).map((s) => s.status)).toEqual([
        'committed',
      ]);
      expect(core.services.accounts.byId(accountId)).toMatchObject({
        purchaseCount: 3,
        totalPurchasedFen: 43_000,
      });
      expect(core.services.audit.verify().ok).toBe(true);
    });

    it('reverses the unloaded sale by writing the card back (冲正)', async () => {
      const [last] = await core.ok('sales.list', { accountId, limit: 1 }, cashier);
      expect(last).toMatchObject({ purchaseCount: 3, status: 'committed' });
      const reversal = await core.ok(
        'sales.reverse',
        { saleId: last!.id, reason: '收错金额' },
        cashier,
      );
      expect(reversal).toMatchObject({ status: 'committed' });
      const card = decodeCard((await cardOnReader()).memory, siteKey());
      expect(card.blocks.purchase).toMatchObject({
        purchaseCount: 2,
        cumulativePurchasedFen: 35_000,
        lastPurchaseFen: 0,
      });
      expect(core.services.accounts.byId(accountId)).toMatchObject({
        purchaseCount: 2,
        totalPurchasedFen: 35_000,
      });
    });

    it('reports a card lost and reissues it with the same count and the unloaded purchase (挂失补卡)', async () => {
      // Purchase 3 is sold and not loaded when the tenant loses the card.
      await core.ok('sales.sell', { accountId, amountFen: 6_000, paymentMethod: 'cash' }, cashier);
      const oldCard = (await cardOnReader()).memory;
      const wrongWay = await core.call('cards.issue', { accountId }, cashier);
      expect(!wrongWay.ok && wrongWay.error.code).toBe('CARD_ALREADY_ISSUED');
      expect(await core.ok('cards.reportLost', { accountId }, cashier)).toMatchObject({
        cardNo: '000000000001',
        status: 'lost',
      });
      // The lost card sells nothing more.
      const refused = await core.call(
        'sales.sell',
        { accountId, amountFen: 1_000, paymentMethod: 'cash', addToUnloaded: true },
        cashier,
      );
      expect(!refused.ok && refused.error).toMatchObject({ code: 'CARD_NOT_LIVE' });
      const plainIssue = await core.call('cards.issue', { accountId }, cashier);
      expect(!plainIssue.ok && plainIssue.error.code).toBe('CARD_USE_REISSUE');

      await reinsert(blankCard());
      const card = await core.ok('cards.reissue', { accountId }, cashier);
      expect(card).toMatchObject({ cardNo: '000000000002', generation: 1, status: 'active' });
      const image = decodeCard((await cardOnReader()).memory, siteKey());
      expect(image).toMatchObject({ status: 'valid', cardNo: '000000000002', generation: 1 });
      expect(image.blocks.purchase).toMatchObject({
        purchaseCount: 3,
        lastPurchaseFen: 6_000,
        cumulativePurchasedFen: 41_000,
      });
      const account = await core.ok('accounts.get', { id: accountId }, cashier);
      expect(account.card).toEqual({ cardNo: '000000000002', status: 'active' });

      // The old card turns up: it is recognised, flagged, and sells nothing.
      await reinsert(oldCard, tenantPsc());
      const seen = await core.ok('cards.read', {}, cashier);
      expect(seen.ledger?.card).toMatchObject({
        cardNo: '000000000001',
        status: 'lost',
        flaggedCount: 1,
      });
      expect(seen.observed).toBe(false);
      const old = await core.call(
        'sales.sell',
        { accountId, amountFen: 1_000, paymentMethod: 'cash', addToUnloaded: true },
        cashier,
      );
      expect(!old.ok && old.error.code).toBe('CARD_NOT_LIVE');
      expect(core.services.audit.verify().ok).toBe(true);
    });
  },
);
