// Training on the real card stack (`--demo --virtual-cards`): the trainee's card is a virtual
// SLE4442 on vpcd, sold to through the real card path, and the meter room is simulated card
// meters. The whole cycle through the API: a blank card, issue, sell, into the meter, a trading
// day, the write-back read at the till, the next sale; the meters remembered across a restart.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, type TestCore } from '../../core/testing';
import { openCardOffice, type CardOffice } from './cardOffice';
import { TrainingCardRoom } from '../../sim/trainingCardRoom';
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
const METER = '000000000701';

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `training with virtual cards${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const dir = tempDir('powertill-training-');
    const file = path.join(dir, 'training-meters.json');
    let core: TestCore;
    let room: TrainingCardRoom;
    let unlock = () => {};
    let cashier: string;
    let accountId: number;

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      room = new TrainingCardRoom(
        new VirtualCardHost(),
        file,
        () => core?.services.secret.read()?.secret ?? null,
      );
      let openAccount: CardOffice['openAccount'];
      ({ core, cashier, openAccount } = await openCardOffice({ training: room }));
      accountId = await openAccount('瑞幸咖啡', METER);
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await room?.close();
      await core?.dispose();
      unlock();
    });

    it('says what it is', async () => {
      expect(await core.ok('system.info', {})).toMatchObject({ trainingCards: 'virtual' });
    });

    it('the whole cycle: blank card, issue, sell, meter, a trading day, write-back, next sale', async () => {
      await core.ok('training.putBlankCard', {}, cashier);
      await waitForCard(READER, true);
      await core.ok('cards.issue', { accountId }, cashier);
      await core.ok('sales.sell', { accountId, amountFen: 10_000, paymentMethod: 'cash' }, cashier);

      expect(await core.ok('training.insertCard', { accountId }, cashier)).toEqual({
        outcome: 'loaded',
        meterRemainingFen: 10_000,
        meterLoadedCount: 1,
      });
      // 20 kWh at 0.85 yuan.
      expect(await core.ok('training.runDay', { accountId }, cashier)).toMatchObject({
        meterRemainingFen: 10_000 - 1_700,
      });
      expect((await core.ok('training.insertCard', { accountId }, cashier)).outcome).toBe(
        'write-back-only',
      );
      await waitForCard(READER, true);
      expect((await core.ok('cards.read', {}, cashier)).observed).toBe(true);
      expect(await core.ok('accounts.get', { id: accountId }, cashier)).toMatchObject({
        loadedCount: 1,
        meterRemainingFen: 8_300,
      });
      const next = await core.ok(
        'sales.sell',
        { accountId, amountFen: 5_000, paymentMethod: 'wechat' },
        cashier,
      );
      expect(next.purchaseCount).toBe(2);
      expect((await core.ok('training.insertCard', { accountId }, cashier)).outcome).toBe('loaded');
    });

    it('remembers the meters across a restart', () => {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
        string,
        { remainingFen: number }
      >;
      expect(saved[METER]?.remainingFen).toBe(8_300 + 5_000);
      const again = new TrainingCardRoom(
        new VirtualCardHost(),
        file,
        () => core.services.secret.read()!.secret,
      );
      expect(again.meterState(METER)).toMatchObject({ loadedCount: 2, remainingFen: 13_300 });
      return again.close();
    });
  },
);
