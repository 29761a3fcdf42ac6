// The card service going away in the middle of a sale — a USB reader unplugged, pcscd restarted
// by the system — on the real stack: the virtual card carries out an APDU and holds its answer,
// pcscd is killed while PowerTill waits, then started again and the card put back. The sale must
// end pending (never committed on a guess), and once the card is read after the service is back,
// books and card agree. Both virtual readers are locked: no other test may use pcscd meanwhile.
import { spawnSync } from 'node:child_process';
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
const METER = '000000000501';

const pcscdRunning = () => spawnSync('pgrep', ['-x', 'pcscd']).status === 0;

async function killPcscd() {
  spawnSync('pkill', ['-KILL', '-x', 'pcscd']);
  for (let i = 0; i < 100 && pcscdRunning(); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `the card service lost mid-sale${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    const hands = cardHands(virtual, READER);
    const unlocks: (() => void)[] = [];
    let core: TestCore;
    let cashier: string;
    let accountId: number;
    let meter: SimulatedCardMeter;

    const siteKey = () => core.services.secret.read()!.secret;
    const cardCount = async () =>
      decodeCard((await hands.onReader()).memory, siteKey()).blocks.purchase!
        .purchaseCount as number;
    const sell = () =>
      core.call('sales.sell', { accountId, amountFen: 2_000, paymentMethod: 'cash' }, cashier);

    beforeAll(async () => {
      for (const reader of VIRTUAL_READERS) unlocks.push(await lockReader(reader));
      await ensurePcscd();
      let openAccount: CardOffice['openAccount'];
      ({ core, cashier, openAccount } = await openCardOffice({ reader: READER }));
      accountId = await openAccount('名创优品', METER);
      meter = new SimulatedCardMeter(siteKey(), { meterNo: METER });
      await hands.putBlank();
      await core.ok('cards.issue', { accountId }, cashier);
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await ensurePcscd();
      await virtual.close();
      await core?.dispose();
      for (const unlock of unlocks) unlock();
    });

    it('before the write and after it: pending, then settled once the service and card are back', async () => {
      // A whole sale first, to know the APDUs: … present code, write, read back.
      await virtual.clearLog();
      expect((await sell()).ok).toBe(true);
      const apdus = (await virtual.state()).apdus.length;
      const write = apdus - 1;
      expect(await hands.carryTo(meter)).toMatchObject({ kind: 'loaded' });
      await core.ok('cards.read', {}, cashier);

      for (const k of [write - 1, write]) {
        const before = await cardCount();
        await virtual.clearLog();
        await virtual.holdAfter(k);
        const selling = sell();
        for (let i = 0; i < 200 && (await virtual.state()).apdus.length < k; i += 1)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect((await virtual.state()).apdus.length).toBe(k);
        await killPcscd();
        const sold = await selling;
        expect(sold.ok).toBe(false);
        expect(!sold.ok && sold.error.code).toMatch(
          /^(DELIVERY_UNCONFIRMED|TARGET_UNREACHABLE|CARD_READER_UNAVAILABLE|CARD_READER_FAILED)$/,
        );
        // Nothing is committed on a guess.
        expect(core.services.accounts.byId(accountId)!.purchaseCount).toBe(before);

        // The reader is back (pcscd started again) and the card is put on it once more.
        await ensurePcscd();
        await virtual.insert();
        await waitForCard(READER, true);
        const read = await core.call('cards.read', {}, cashier);
        expect(read.ok).toBe(true);

        const after = await cardCount();
        const account = core.services.accounts.byId(accountId)!;
        expect(core.services.sales.pendingPurchase(accountId)).toBeUndefined();
        expect(account.purchaseCount).toBe(after);
        const sales = await core.ok('sales.list', { accountId, limit: 50 }, cashier);
        const committed = sales.filter((s) => s.status === 'committed');
        expect(account.totalPurchasedFen).toBe(committed.reduce((sum, s) => sum + s.amountFen, 0));
        // Held at the write, the write had landed: committed. Held before it: voided.
        expect(after).toBe(k === write ? before + 1 : before);
        if (after > before) {
          expect(await hands.carryTo(meter)).toMatchObject({ kind: 'loaded' });
          await core.ok('cards.read', {}, cashier);
        }
      }
      // And selling goes on as normal.
      expect((await sell()).ok).toBe(true);
      expect(core.services.audit.verify().ok).toBe(true);
    }, 120_000);
  },
);
