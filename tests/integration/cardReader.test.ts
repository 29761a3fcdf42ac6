// IC cards on the real PC/SC stack: pcscd + vpcd with a virtual SLE4442 written in TypeScript.
// Issue a blank card, write purchases with the card's own code and read them back, and every way
// it goes wrong at the till: another office's card, a wrong code and the last try, a locked card,
// a card pulled in the middle of a write, an unknown card type, a pulled card on read.
import { randomBytes } from 'node:crypto';
import { encodeCard, type CardFields } from '../../card/layout/cardImage';
import { readCard, refusalOf, writeCard } from '../../card/cardService';
import { cardKeys } from '../../card/keys';
import { PcscReaderService } from '../../card/reader/pcsc';
import { readerHardware } from '../../core/cards/readerStatus';
import type { ReaderEvent } from '../../card/reader/types';
import type { ChipSpec } from '../../sim/vpcd/cardWorkerProtocol';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import {
  ensurePcscd,
  lockReader,
  pcscUnavailable,
  READER_LOCK_HOOK_MS,
  VIRTUAL_READERS,
  waitForCard,
} from './pcscd';

const READER = VIRTUAL_READERS[0];
const site = randomBytes(32);

const fields = (purchaseCount: number, cumulative: number): CardFields => ({
  cardNo: '000000000042',
  generation: 0,
  tariff: { kind: 'flat', price: 8_500, freeAllowance: 0 },
  blocks: {
    purchase: {
      meterNo: '000000000161',
      customerNo: 'C000042',
      purchaseCount,
      lastPurchaseFen: 10_000,
      cumulativePurchasedFen: cumulative,
      alarm1Fen: 2_000,
      alarm2Fen: 1_000,
      overdraftFen: 0,
      hoardingFen: 500_000,
    },
  },
});

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `cards on the PC/SC stack${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const service = new PcscReaderService();
    const card = new VirtualCardHost();
    const memory = async () => Buffer.from((await card.state()).memory!, 'hex');

    let unlock = () => {};
    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await card.close();
      unlock();
    });

    /** A fresh chip on the reader (the previous card taken off first). */
    async function insert(chip: ChipSpec = { kind: 'sle4442' }) {
      await card.remove();
      await waitForCard(READER, false);
      await card.load(chip);
      await card.insert();
      await waitForCard(READER, true);
    }

    async function onReader<T>(
      use: (c: Awaited<ReturnType<PcscReaderService['connect']>>) => Promise<T>,
    ) {
      const connection = await service.connect(READER);
      try {
        return await use(connection);
      } finally {
        await connection.close();
      }
    }

    it('lists the readers and follows a card in and out', async () => {
      const events: ReaderEvent[] = [];
      const stop = service.watch((e) => events.push(e));
      try {
        await insert();
        expect(await service.list()).toEqual(
          expect.arrayContaining([{ name: READER, atr: '3b04a2131091' }]),
        );
        await card.remove();
        await waitForCard(READER, false);
        for (let i = 0; i < 40 && !events.some((e) => e.type === 'card-removed'); i += 1)
          await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        stop();
      }
      expect(events).toEqual(
        expect.arrayContaining([
          { type: 'card-inserted', reader: READER, atr: '3b04a2131091' },
          { type: 'card-removed', reader: READER },
        ]),
      );
      await expect(service.connect(READER)).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
      await expect(service.connect('No Such Reader 00')).rejects.toMatchObject({
        code: 'CARD_NO_READER',
      });
    });

    it('shows the readers in the status bar, and follows the card on and off the reader', async () => {
      const status = readerHardware(service);
      const pushed: boolean[] = [];
      const withCard = () => {
        const reader = status.current().reader;
        return reader.state === 'ready' && reader.withCard.includes(READER);
      };
      const until = async (done: () => boolean) => {
        for (let i = 0; i < 60 && !done(); i += 1)
          await new Promise((resolve) => setTimeout(resolve, 50));
      };
      const listening = status.onChange((s) =>
        pushed.push(s.reader.state === 'ready' && s.reader.withCard.includes(READER)),
      );
      try {
        await until(() => status.current().reader.state === 'ready');
        expect(status.current().reader).toEqual({
          state: 'ready',
          readers: expect.arrayContaining([READER]),
          withCard: expect.any(Array),
        });
        await insert();
        await until(withCard);
        expect(withCard()).toBe(true);
        await card.remove();
        await waitForCard(READER, false);
        await until(() => !withCard());
        expect(withCard()).toBe(false);
        // Each change was pushed to listeners (the renderer's panels), not just polled.
        expect(pushed).toEqual(expect.arrayContaining([true, false]));
      } finally {
        listening.dispose();
        status.stop();
      }
    });

    it('issues a blank card: writes the image and gives it its own code', async () => {
      await insert();
      const blank = await onReader((c) => readCard(c, site));
      expect(blank.card.status).toBe('blank');
      expect(refusalOf(blank.card)?.code).toBe('CARD_NOT_ISSUED');
      const image = encodeCard('user', fields(1, 10_000), site);
      await onReader((c) =>
        writeCard(c, {
          current: blank.image,
          next: image,
          cardNo: '000000000042',
          siteKey: site,
          blank: true,
        }),
      );
      const written = await card.state();
      expect(written.psc).toBe(cardKeys(site, '000000000042').psc.toString('hex'));
      // The maker's area is untouched.
      expect(written.memory!.slice(0, 14)).toBe('a2131091ff8115');
      const issued = await onReader((c) => readCard(c, site));
      expect(issued.card).toMatchObject({ status: 'valid', kind: 'user', mac: 'valid' });
      expect(issued.card.blocks.purchase).toMatchObject({
        purchaseCount: 1,
        cumulativePurchasedFen: 10_000,
      });
    });

    it('writes a purchase with the card code, only the bytes that change', async () => {
      const before = await onReader((c) => readCard(c, site));
      await card.clearLog();
      const next = encodeCard('user', fields(2, 20_000), site);
      await onReader((c) =>
        writeCard(c, { current: before.image, next, cardNo: '000000000042', siteKey: site }),
      );
      const writes = (await card.state()).apdus.filter((apdu) => apdu.startsWith('ffd0'));
      expect(writes.length).toBeGreaterThan(0);
      // The header (32–55) did not change, so no write starts below 56.
      expect(writes.every((apdu) => parseInt(apdu.slice(6, 8), 16) >= 56)).toBe(true);
      const after = await onReader((c) => readCard(c, site));
      expect(after.card.blocks.purchase).toMatchObject({
        purchaseCount: 2,
        cumulativePurchasedFen: 20_000,
      });
      expect((await card.state()).triesLeft).toBe(3);
    });

    it("refuses another office's card by name and spends no try on it", async () => {
      const other = await onReader((c) => readCard(c, randomBytes(32)));
      expect(other.card.status).toBe('other-office');
      expect(refusalOf(other.card)?.code).toBe('CARD_OTHER_OFFICE');
      expect((await card.state()).triesLeft).toBe(3);
    });

    it('counts wrong codes down and will not spend the last try unless a supervisor says so', async () => {
      const current = await memory();
      const next = encodeCard('user', fields(3, 30_000), site);
      const wrongKey = randomBytes(32);
      const attempt = (siteKey: Buffer, allowLastTry?: boolean) =>
        onReader((c) =>
          writeCard(c, {
            current,
            next,
            cardNo: '000000000042',
            siteKey,
            ...(allowLastTry && { allowLastTry }),
          }),
        );
      await expect(attempt(wrongKey)).rejects.toMatchObject({
        code: 'CARD_PSC_WRONG',
        params: { triesLeft: 2 },
      });
      await expect(attempt(wrongKey)).rejects.toMatchObject({
        code: 'CARD_PSC_WRONG',
        params: { triesLeft: 1 },
      });
      await expect(attempt(site)).rejects.toMatchObject({ code: 'CARD_LAST_TRY' });
      expect((await card.state()).triesLeft).toBe(1);
      // With the supervisor's word and the right code, it works and the counter is whole again.
      await attempt(site, true);
      expect((await card.state()).triesLeft).toBe(3);
      const after = await onReader((c) => readCard(c, site));
      expect(after.card.blocks.purchase).toMatchObject({ purchaseCount: 3 });
    });

    it('says a locked card is locked and writes nothing', async () => {
      await insert({ kind: 'sle4442', triesLeft: 0 });
      const before = await memory();
      await expect(
        onReader((c) =>
          writeCard(c, {
            current: before,
            next: encodeCard('user', fields(1, 1), site),
            cardNo: '000000000042',
            siteKey: site,
            blank: true,
          }),
        ),
      ).rejects.toMatchObject({ code: 'CARD_LOCKED' });
      expect(await memory()).toEqual(before);
    });

    it('a card pulled mid-write fails as removed, reads back torn, and is mended by writing again', async () => {
      await insert();
      const blank = await onReader((c) => readCard(c, site));
      const first = encodeCard('user', fields(1, 10_000), site);
      await onReader((c) =>
        writeCard(c, {
          current: blank.image,
          next: first,
          cardNo: '000000000042',
          siteKey: site,
          blank: true,
        }),
      );
      const next = encodeCard('user', fields(2, 20_000), site);
      // Only 3 bytes of the first write land, then the card leaves the reader.
      await card.pullOnWrite(3);
      await expect(
        onReader((c) =>
          writeCard(c, { current: first, next, cardNo: '000000000042', siteKey: site }),
        ),
      ).rejects.toMatchObject({ code: 'CARD_REMOVED' });
      await waitForCard(READER, false);

      await card.insert();
      await waitForCard(READER, true);
      const torn = await onReader((c) => readCard(c, site));
      expect(torn.card.status).toBe('corrupt');
      expect(refusalOf(torn.card)?.code).toBe('CARD_CORRUPT');
      await onReader((c) =>
        writeCard(c, { current: torn.image, next, cardNo: '000000000042', siteKey: site }),
      );
      const mended = await onReader((c) => readCard(c, site));
      expect(mended.card.status).toBe('valid');
      expect(mended.card.blocks.purchase).toMatchObject({ purchaseCount: 2 });
    });

    it('names a card type it does not handle', async () => {
      await insert({ kind: 'other', atr: '3b9f95801fc78031e073fe211b63e208ad0f9000a0' });
      await expect(onReader((c) => readCard(c, site))).rejects.toMatchObject({
        code: 'CARD_MEDIA_UNKNOWN',
      });
    });
  },
);
