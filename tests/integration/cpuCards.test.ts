// CPU cards (FM1208 class, ISO 7816-4) on the real PC/SC stack: a virtual CPU card on vpcd with the
// PT01 application (DF PT01, EF 0001 holding the card image, a 3-byte PIN with three tries). The
// same workflows as the SLE4442 — issue, sell, the meter loads and writes back, read back — and the
// same refusals: a card without PT01, a wrong PIN counted down with the last try kept, a card pulled
// in the middle of a write.
import { decodeCard } from '../../card/layout/cardImage';
import { cardKeys } from '../../card/keys';
import type { TestCore } from '../../core/testing';
import { openCardOffice, type CardOffice } from './cardOffice';
import { SimulatedCardMeter } from '../../sim/cardMeter';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
  waitForCard,
} from './pcscd';
import { cardHands } from './virtualCards';

const READER = VIRTUAL_READERS[0];
const METER = '000000000601';

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `CPU cards on the PC/SC stack${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    const hands = cardHands(virtual, READER, 'cpu');
    let unlock = () => {};
    let core: TestCore;
    let cashier: string;
    let accountId: number;
    let meter: SimulatedCardMeter;

    const siteKey = () => core.services.secret.read()!.secret;
    const errorOf = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const result = await p;
      return result.ok ? 'ok' : result.error!.code;
    };
    const sell = (amountFen = 5_000) =>
      core.call('sales.sell', { accountId, amountFen, paymentMethod: 'cash' }, cashier);

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      let openAccount: CardOffice['openAccount'];
      ({ core, cashier, openAccount } = await openCardOffice({ reader: READER }));
      accountId = await openAccount('海底捞', METER, 'DTSY1352');
      meter = new SimulatedCardMeter(siteKey(), { meterNo: METER, model: 'DTSY1352' });
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await core?.dispose();
      unlock();
    });

    it('names a CPU card without the PT01 application and writes nothing', async () => {
      await virtual.remove();
      await waitForCard(READER, false);
      await virtual.load({ kind: 'cpu', ef: null });
      await virtual.insert();
      await waitForCard(READER, true);
      expect(await errorOf(core.call('cards.read', {}, cashier))).toBe('CARD_MEDIA_UNKNOWN');
      expect(await errorOf(core.call('cards.issue', { accountId }, cashier))).toBe(
        'CARD_MEDIA_UNKNOWN',
      );
    });

    it('issues a blank CPU card, which gets its own PIN', async () => {
      await hands.putBlank();
      expect(await core.ok('cards.read', {}, cashier)).toMatchObject({
        media: 'cpu',
        status: 'blank',
      });
      const card = await core.ok('cards.issue', { accountId }, cashier);
      expect(card.status).toBe('active');
      const { psc } = await hands.onReader();
      expect(psc).toBe(cardKeys(siteKey(), card.cardNo).psc.toString('hex'));
      expect(await core.ok('cards.read', {}, cashier)).toMatchObject({
        media: 'cpu',
        status: 'valid',
        kind: 'user',
        ledger: { accountId, meterNo: METER },
      });
    });

    it('sells onto it; the meter loads and writes back; the write-back comes into the books', async () => {
      expect((await sell()).ok).toBe(true);
      const image = (await hands.onReader()).memory;
      expect(decodeCard(image, siteKey()).blocks.purchase).toMatchObject({
        purchaseCount: 1,
        lastPurchaseFen: 5_000,
      });
      expect(await hands.carryTo(meter)).toEqual({
        kind: 'loaded',
        purchaseCount: 1,
        amountFen: 5_000,
      });
      meter.run(3_600, 2_000); // 2 kWh at 0.85
      expect(await hands.carryTo(meter)).toEqual({ kind: 'written-back' });
      expect((await core.ok('cards.read', {}, cashier)).observed).toBe(true);
      expect(core.services.accounts.byId(accountId)).toMatchObject({
        loadedCount: 1,
        meterRemainingFen: 5_000 - 170,
      });
    });

    it('counts a wrong PIN down and will not spend the last try at the till', async () => {
      const { memory, psc } = await hands.onReader();
      await hands.reinsert(memory, '123456');
      expect(await errorOf(sell())).toBe('CARD_PSC_WRONG');
      expect((await virtual.state()).triesLeft).toBe(2);
      expect(await errorOf(sell())).toBe('CARD_PSC_WRONG');
      expect(await errorOf(sell())).toBe('CARD_LAST_TRY');
      expect((await virtual.state()).triesLeft).toBe(1);
      // Nothing sold, nothing pending; with its own PIN the card sells again.
      expect(core.services.sales.pendingPurchase(accountId)).toBeUndefined();
      expect(core.services.accounts.byId(accountId)!.purchaseCount).toBe(1);
      await hands.reinsert(memory, psc);
      expect((await sell(3_000)).ok).toBe(true);
      expect(await hands.carryTo(meter)).toMatchObject({ kind: 'loaded', purchaseCount: 2 });
      await core.ok('cards.read', {}, cashier);
    });

    it('a CPU card pulled mid-write: pending, then finished once when put back and read', async () => {
      await virtual.pullOnWrite(40);
      expect(await errorOf(sell(4_000))).toBe('DELIVERY_UNCONFIRMED');
      expect(core.services.sales.pendingPurchase(accountId)).toBeDefined();
      await waitForCard(READER, false);
      await virtual.insert();
      await waitForCard(READER, true);
      const read = await core.ok('cards.read', {}, cashier);
      expect(read).toMatchObject({ status: 'valid', blocks: { purchase: { purchaseCount: 3 } } });
      expect(core.services.sales.pendingPurchase(accountId)).toBeUndefined();
      expect(core.services.accounts.byId(accountId)).toMatchObject({
        purchaseCount: 3,
        totalPurchasedFen: 12_000,
      });
    });
  },
);
