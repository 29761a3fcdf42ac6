// A card pulled off the reader after every APDU of a sale, on the real PC/SC stack: for each k the
// virtual card carries out k APDUs and leaves the reader without answering the k-th. The cashier
// puts it back and reads it; the books and the card must then agree: the sale is committed if and
// only if the card's purchase count advanced, exactly once, and nothing is left pending. Between
// rounds the simulated meter loads whatever was sold, so every round is a real next purchase.
import { decodeCard } from '../../card/layout/cardImage';
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
const METER = '000000000201';
const AMOUNT = 1_000;

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `a card pulled after each APDU of a sale${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    const hands = cardHands(virtual, READER);
    let unlock = () => {};
    let core: TestCore;
    let cashier: string;
    let accountId: number;
    let meter: SimulatedCardMeter;

    const siteKey = () => core.services.secret.read()!.secret;
    const cardCount = async () =>
      decodeCard((await hands.onReader()).memory, siteKey()).blocks.purchase!
        .purchaseCount as number;
    const sell = () =>
      core.call('sales.sell', { accountId, amountFen: AMOUNT, paymentMethod: 'cash' }, cashier);
    /** The meter loads the purchase on the card, and the card's write-back goes into the books. */
    const loadAndReport = async () => {
      expect(await hands.carryTo(meter)).toMatchObject({ kind: 'loaded' });
      expect((await core.ok('cards.read', {}, cashier)).observed).toBe(true);
    };

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      let openAccount: CardOffice['openAccount'];
      ({ core, cashier, openAccount } = await openCardOffice({ reader: READER }));
      accountId = await openAccount('优衣库', METER, 'DTSY1352');
      meter = new SimulatedCardMeter(siteKey(), { meterNo: METER, model: 'DTSY1352' });
      await hands.putBlank();
      await core.ok('cards.issue', { accountId }, cashier);
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await core?.dispose();
      unlock();
    });

    it('books and card agree whichever APDU the card was pulled after', async () => {
      // One whole sale first, to count the APDUs a sale takes.
      await virtual.clearLog();
      expect((await sell()).ok).toBe(true);
      const apdus = (await virtual.state()).apdus.length;
      expect(apdus).toBeGreaterThan(2);
      await loadAndReport();

      const outcomes: string[] = [];
      for (let k = 1; k <= apdus; k += 1) {
        const countBefore = await cardCount();
        const books = core.services.accounts.byId(accountId)!;
        expect(books.purchaseCount).toBe(countBefore);

        await virtual.pullAfter(k);
        const sold = await sell();
        if (sold.ok) {
          // This sale took fewer APDUs than the first (nothing left to mend): the pull never came.
          await virtual.cancelPull();
          outcomes.push(`${k}:whole`);
        } else {
          expect(sold.error.code).toMatch(
            /^(TARGET_UNREACHABLE|DELIVERY_UNCONFIRMED|CARD_REMOVED|CARD_NOT_PRESENT)$/,
          );
          await waitForCard(READER, false);
          await virtual.insert();
          await waitForCard(READER, true);
          // Put back and read: the journal settles the sale against what the card shows.
          await core.ok('cards.read', {}, cashier);
          outcomes.push(`${k}:${sold.error.code}`);
        }

        const countAfter = await cardCount();
        const after = core.services.accounts.byId(accountId)!;
        expect(core.services.sales.pendingPurchase(accountId)).toBeUndefined();
        expect(after.purchaseCount).toBe(countAfter);
        const sales = await core.ok('sales.list', { accountId, limit: 500 }, cashier);
        const committed = sales.filter((s) => s.status === 'committed');
        expect(committed.filter((s) => s.purchaseCount === countBefore + 1)).toHaveLength(
          countAfter === countBefore + 1 ? 1 : 0,
        );
        expect(after.totalPurchasedFen).toBe(committed.reduce((sum, s) => sum + s.amountFen, 0));
        expect([countBefore, countBefore + 1]).toContain(countAfter);
        if (countAfter > countBefore) await loadAndReport();
      }
      expect(outcomes).toHaveLength(apdus);
      expect(meter.state.loadedCount).toBe(await cardCount());
      expect(core.services.audit.verify().ok).toBe(true);
    }, 300_000);
  },
);
