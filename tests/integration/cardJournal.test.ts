// Card writes in the one device journal, on the real PC/SC stack (pcscd + vpcd): an issue, a
// reissue, a rewrite and an erase each leave one row, committed once the card reads back as
// written; an issue whose card was pulled before it was touched is voided when the blank card is
// seen again, one pulled after its last APDU is committed when the card is next read; a refused
// write leaves nothing; a management card whose plastic never came back is voided by a
// supervisor from 待确认; a rewrite cut off by a stop is voided at the next start, saying so.
import type { TestCore } from '../../core/testing';
import { openTestCore } from '../../core/testing';
import { openCardOffice } from './cardOffice';
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

interface JournalRow {
  kind: string;
  target: string;
  state: string;
  cardNo: string;
  outcome: string | null;
}

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `card writes in the device journal${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    const hands = cardHands(virtual, READER);
    let unlock = () => {};
    let core: TestCore;
    let cashier: string;
    let supervisor: string;
    let first: number;
    let second: number;

    const journal = (): JournalRow[] =>
      core.services.db
        .prepare(
          `SELECT kind, target, state, json_extract(payload, '$.cardNo') AS cardNo, outcome
           FROM device_operations WHERE target = 'card' ORDER BY id`,
        )
        .all() as JournalRow[];
    /** A rewrite of the account's live card begun in the journal, as if cut off before the card. */
    const beginRewrite = (accountId: number) => {
      const live = core.services.cards.liveFor(accountId)!;
      const { db, journal: deviceJournal } = core.services;
      return db.transaction(() =>
        deviceJournal.begin(
          {
            kind: 'cardRewrite',
            target: 'card',
            meterId: null,
            accountId,
            payload: { cardNo: live.cardNo, cardId: live.id, torn: false },
            operatorId: 1,
          },
          core.clock.now.toISOString(),
        ),
      )();
    };
    /** The card comes off the reader and goes back, as a cashier does after a pulled write. */
    const putBack = async () => {
      await waitForCard(READER, false);
      await virtual.insert();
      await waitForCard(READER, true);
    };

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      let openAccount: (name: string, meterNo: string) => Promise<number>;
      ({ core, cashier, supervisor, openAccount } = await openCardOffice({ reader: READER }));
      first = await openAccount('优衣库', '000000000301');
      second = await openAccount('无印良品', '000000000302');
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await core?.dispose();
      unlock();
    });

    it('an issue is one row, committed with the card; a refused issue adds none', async () => {
      await hands.putBlank();
      await virtual.clearLog();
      await core.ok('cards.issue', { accountId: first }, cashier);
      expect(journal()).toEqual([
        {
          kind: 'cardIssue',
          target: 'card',
          state: 'committed',
          cardNo: '000000000001',
          outcome: '{"cardStatus":"active"}',
        },
      ]);
      // The same card cannot become the other tenant's: refused before the journal.
      const inUse = await core.call('cards.issue', { accountId: second }, cashier);
      expect(!inUse.ok && inUse.error.code).toBe('CARD_IN_USE');
      expect(journal()).toHaveLength(1);
    });

    it('an issue pulled before the card was written is voided when the blank card is seen again', async () => {
      await hands.putBlank();
      // The APDUs a read takes; the issue reads the card the same way before it begins its row.
      await virtual.clearLog();
      await core.ok('cards.read', {}, cashier);
      const reading = (await virtual.state()).apdus.length;
      // Pulled on the first APDU after the read (the code is presented before any byte is
      // written): the row is begun, the card is untouched.
      await virtual.pullAfter(reading + 1);
      const pulled = await core.call('cards.issue', { accountId: second }, cashier);
      expect(pulled.ok).toBe(false);
      const begun = journal().at(-1)!;
      expect(begun).toMatchObject({ kind: 'cardIssue', state: 'pending' });
      await putBack();
      await core.ok('cards.issue', { accountId: second }, cashier);
      const rows = journal().slice(1);
      expect(rows).toEqual([
        { ...begun, state: 'voided', outcome: '{"cardStatus":"void"}' },
        expect.objectContaining({ kind: 'cardIssue', state: 'committed' }),
      ]);
      const account = await core.ok('accounts.get', { id: second }, cashier);
      expect(account.card).toEqual({ cardNo: rows[1]!.cardNo, status: 'active' });
    });

    it('a reissue pulled after its last APDU stays pending, and is committed when the card is read', async () => {
      // Count a whole reissue's APDUs first, on a fresh blank card.
      await core.ok('cards.reportLost', { accountId: first }, cashier);
      await hands.putBlank();
      await virtual.clearLog();
      await core.ok('cards.reissue', { accountId: first }, cashier);
      const apdus = (await virtual.state()).apdus.length;

      await core.ok('cards.reportLost', { accountId: first }, cashier);
      await hands.putBlank();
      await virtual.pullAfter(apdus);
      const pulled = await core.call('cards.reissue', { accountId: first }, cashier);
      expect(pulled.ok).toBe(false);
      const pending = journal().at(-1)!;
      expect(pending).toMatchObject({ kind: 'cardReissue', state: 'pending' });
      expect((await core.ok('accounts.get', { id: first }, cashier)).card).toEqual({
        cardNo: pending.cardNo,
        status: 'issuing',
      });

      await putBack();
      const read = await core.ok('cards.read', {}, cashier);
      expect(read.ledger?.card).toMatchObject({ cardNo: pending.cardNo, status: 'active' });
      // Settled by the read, not by its writer: its code change may not have happened.
      expect(journal().at(-1)).toEqual({
        ...pending,
        state: 'committed',
        outcome: '{"cardStatus":"active","settledByRead":true}',
      });
      expect(journal().filter((r) => r.state === 'pending')).toEqual([]);
    });

    it('a card whose reissue was settled by reading it, its code change cut off, is sold to and given its own code', async () => {
      // The reissued card above still answering to the factory code: the writer was cut off
      // between the data and the code change.
      const { memory } = await hands.onReader();
      await hands.reinsert(memory, 'ffffff');
      const sale = await core.ok(
        'sales.sell',
        { accountId: first, amountFen: 1_000, paymentMethod: 'cash' },
        cashier,
      );
      const after = await virtual.state();
      expect(after.psc).not.toBe('ffffff');
      expect(after.triesLeft).toBe(3);
      // Mended: the next write (taking the sale back) answers to its own code at the first try.
      await virtual.clearLog();
      await core.ok('sales.reverse', { saleId: sale.id, reason: '试写' }, supervisor);
      const presented = (await virtual.state()).apdus.filter((a) => a.startsWith('ff20'));
      expect(presented).toHaveLength(1);
    });

    it('a sale is one card session: selected once, read once, written, read back', async () => {
      await virtual.clearLog();
      await core.ok(
        'sales.sell',
        { accountId: first, amountFen: 5_000, paymentMethod: 'cash' },
        cashier,
      );
      const apdus = (await virtual.state()).apdus;
      // ACS pseudo-APDUs: FF A4 selects the SLE4442, FF B0 reads main memory (the image before
      // the write, then the read-back), FF D0 writes. One connection selects once.
      const ins = (code: string) => apdus.filter((a) => a.startsWith(`ff${code}`)).length;
      expect(ins('a4')).toBe(1);
      expect(ins('b0')).toBe(2);
      expect(ins('d0')).toBeGreaterThan(0);
      const sale = journal().at(-1)!;
      expect(sale).toMatchObject({ kind: 'cardSale', state: 'committed' });
    });

    it('a rewrite is one committed row; a rewrite refused for another tenant’s card adds none', async () => {
      const before = journal().length;
      const live = (await core.ok('accounts.get', { id: first }, cashier)).card!;
      await core.ok('cards.rewrite', { accountId: first }, cashier);
      expect(journal().slice(before)).toEqual([
        {
          kind: 'cardRewrite',
          target: 'card',
          state: 'committed',
          cardNo: live.cardNo,
          outcome: '{"readBack":true}',
        },
      ]);
      const other = await core.call('cards.rewrite', { accountId: second }, cashier);
      expect(!other.ok && other.error.code).toBe('CARD_OTHER_ACCOUNT');
      expect(journal()).toHaveLength(before + 1);
    });

    it('an erase is one committed row', async () => {
      // A card no longer live (reported lost) may be wiped for the plastic to be used again.
      await core.ok('cards.reportLost', { accountId: first }, cashier);
      const cardNo = (await core.ok('cards.read', {}, cashier)).cardNo!;
      const before = journal().length;
      await core.ok('cards.erase', {}, supervisor);
      expect(journal().slice(before)).toEqual([
        {
          kind: 'cardErase',
          target: 'card',
          state: 'committed',
          cardNo,
          outcome: '{"readBack":true}',
        },
      ]);
      expect((await core.ok('cards.read', {}, cashier)).status).toBe('blank');
    });

    it('a management card whose plastic never came back is voided from 待确认 by a supervisor, saying why', async () => {
      // The blank card on the reader is pulled before a byte of the management card is written.
      await virtual.clearLog();
      await core.ok('cards.read', {}, cashier);
      const reading = (await virtual.state()).apdus.length;
      await virtual.pullAfter(reading + 1);
      const pulled = await core.call('cards.makeManagement', { kind: 'check' }, supervisor);
      expect(pulled.ok).toBe(false);
      const [waiting] = await core.ok('journal.pending', {}, cashier);
      expect(waiting).toMatchObject({ kind: 'managementCard', cardNo: expect.any(String) });

      // The cashier may not; the supervisor must say why.
      const byCashier = await core.call(
        'journal.abandon',
        { id: waiting!.id, reason: '卡已遗失' },
        cashier,
      );
      expect(!byCashier.ok && byCashier.error.code).toBe('FORBIDDEN');
      const noReason = await core.call(
        'journal.abandon',
        { id: waiting!.id, reason: ' ' },
        supervisor,
      );
      expect(!noReason.ok && noReason.error.code).toBe('VALIDATION_FAILED');
      await expect(
        core.ok('journal.abandon', { id: waiting!.id, reason: '卡已遗失' }, supervisor),
      ).resolves.toEqual({ id: waiting!.id, kind: 'managementCard', cardNo: waiting!.cardNo });
      expect(journal().at(-1)).toMatchObject({ kind: 'managementCard', state: 'voided' });
      expect(JSON.parse(journal().at(-1)!.outcome!)).toEqual({
        cardStatus: 'void',
        abandoned: true,
        reason: '卡已遗失',
      });
      const made = await core.ok('cards.managementList', {}, supervisor);
      expect(made.find((m) => m.cardNo === waiting!.cardNo)).toMatchObject({ status: 'void' });
      await expect(core.ok('journal.pending', {}, cashier)).resolves.toEqual([]);
      const again = await core.call(
        'journal.abandon',
        { id: waiting!.id, reason: '卡已遗失' },
        supervisor,
      );
      expect(!again.ok && again.error.code).toBe('OPERATION_NOT_PENDING');
      await putBack();

      // Money or a meter riding on it: never by hand.
      const rewrite = beginRewrite(second);
      const { db, journal: deviceJournal } = core.services;
      const refused = await core.call(
        'journal.abandon',
        { id: rewrite.id, reason: '误操作' },
        supervisor,
      );
      expect(!refused.ok && refused.error.code).toBe('OPERATION_NOT_ABANDONABLE');
      db.transaction(() =>
        deviceJournal.resolve(rewrite.id, 'voided', {}, core.clock.now.toISOString()),
      )();
    });

    it('a rewrite cut off by a stop is voided at the next start, saying so', async () => {
      const live = core.services.cards.liveFor(second)!;
      beginRewrite(second);
      const { dataDir, clock } = core;
      await core.close();
      core = await openTestCore({ dataDir, clock });
      const last = journal().at(-1)!;
      expect(last).toMatchObject({ kind: 'cardRewrite', state: 'voided', cardNo: live.cardNo });
      expect(JSON.parse(last.outcome!)).toEqual({
        error: expect.stringContaining('interrupted'),
      });
    });
  },
);
