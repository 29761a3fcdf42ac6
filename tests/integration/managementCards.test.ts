// Management cards (管理卡) and inspection, end to end on the real PC/SC stack (pcscd + vpcd) with
// the simulated card meter standing in the meter room: a supervisor makes each kind of card, it is
// carried to the meter, and what the meter wrote on it comes back into the books. Along the way the
// tenant's card lives a whole life: issue, sell, load, consume, lose, reissue, meter replacement,
// suspension with a clear card, closing, erasing, and the next tenant on the same meter.
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
} from './pcscd';
import { readPdf } from './pdf';
import { cardHands } from './virtualCards';

const READER = VIRTUAL_READERS[0];
const METER_A = '000000000171';
const METER_B = '000000000172';
const HOUR = 3_600;

const noPcsc = pcscUnavailable();
(noPcsc ? describe.skip : describe)(
  `management cards and inspection${noPcsc ? ` (skipped: ${noPcsc})` : ''}`,
  () => {
    const virtual = new VirtualCardHost();
    const hands = cardHands(virtual, READER);
    let unlock = () => {};
    let core: TestCore;
    let cashier: string;
    let supervisor: string;
    let tariffId: number;
    let accountId: number;
    let meterA: SimulatedCardMeter;
    let meterB: SimulatedCardMeter;
    let tenantCard: { memory: Buffer; psc: string };

    const siteKey = () => core.services.secret.read()!.secret;
    const account = () => core.ok('accounts.get', { id: accountId }, cashier);
    const errorOf = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const result = await p;
      return result.ok ? 'ok' : result.error!.code;
    };

    jest.setTimeout(60_000);

    beforeAll(async () => {
      unlock = await lockReader(READER);
      await ensurePcscd();
      let openAccount: CardOffice['openAccount'];
      ({ core, cashier, supervisor, tariffId, openAccount } = await openCardOffice({
        reader: READER,
      }));
      accountId = await openAccount('星巴克', METER_A);
      meterA = new SimulatedCardMeter(siteKey(), {
        meterNo: METER_A,
        clock: '2026-11-01 08:00:00',
      });
    }, READER_LOCK_HOOK_MS);
    afterAll(async () => {
      await virtual.close();
      await core?.dispose();
      unlock();
    });

    it('a tenant card loads in the meter, and its write-back comes into the books', async () => {
      await hands.putBlank();
      await core.ok('cards.issue', { accountId }, cashier);
      await core.ok('sales.sell', { accountId, amountFen: 10_000, paymentMethod: 'cash' }, cashier);
      expect(await hands.carryTo(meterA)).toEqual({
        kind: 'loaded',
        purchaseCount: 1,
        amountFen: 10_000,
      });
      // A day's trading at 1 kW for 10 hours: 10 kWh at 0.85 = 8.50 yuan.
      meterA.run(10 * HOUR, 1_000);
      expect(await hands.carryTo(meterA)).toEqual({ kind: 'written-back' });
      const read = await core.ok('cards.read', {}, cashier);
      expect(read).toMatchObject({ observed: true, findings: [] });
      expect(await account()).toMatchObject({ loadedCount: 1, meterRemainingFen: 9_150 });
      // The tenant takes the card away; the management cards below are made on other cards.
      tenantCard = await hands.onReader();
    });

    it('makes a parameter card for one meter; the meter takes it and the result is read back', async () => {
      const order = {
        kind: 'parameter',
        meterId: (await account()).meter.id,
        tariffId,
        alarm1Fen: 3_000,
        alarm2Fen: 1_000,
        overdraftFen: 500,
        hoardingFen: 50_000,
      } as const;
      // Not at the cashier's till; not over a tenant's card; not with the alarms the wrong way round.
      expect(await errorOf(core.call('cards.makeManagement', order, cashier))).toBe('FORBIDDEN');
      expect(await errorOf(core.call('cards.makeManagement', order, supervisor))).toBe(
        'CARD_IN_USE',
      );
      await hands.putBlank();
      expect(
        await errorOf(
          core.call('cards.makeManagement', { ...order, alarm2Fen: 5_000 }, supervisor),
        ),
      ).toBe('CARD_ALARMS_ORDER');

      const made = await core.ok('cards.makeManagement', order, supervisor);
      expect(made).toMatchObject({
        kind: 'parameter',
        status: 'made',
        cardNo: '900000000001',
        contents: { targetMeterNo: METER_A, alarm1Fen: 3_000, hoardingFen: 50_000 },
        results: [],
      });
      const card = decodeCard((await hands.onReader()).memory, siteKey());
      expect(card).toMatchObject({ status: 'valid', kind: 'parameter' });
      // One journal row for the making, committed with the card; the refusals above left none.
      expect(
        core.services.db
          .prepare(
            `SELECT json_extract(payload, '$.cardNo') AS cardNo, json_extract(payload, '$.cardKind') AS cardKind, state
             FROM device_operations WHERE kind = 'managementCard'`,
          )
          .all(),
      ).toEqual([{ cardNo: '900000000001', cardKind: 'parameter', state: 'committed' }]);

      // Another meter refuses it; the named one takes it.
      const other = new SimulatedCardMeter(siteKey(), { meterNo: METER_B });
      expect(other.insert((await hands.onReader()).memory).outcome).toEqual({
        kind: 'refused',
        reason: 'not-for-this-meter',
      });
      expect(await hands.carryTo(meterA)).toEqual({ kind: 'parameters-applied' });
      expect(meterA.state.limits).toEqual({
        alarm1Fen: 3_000,
        alarm2Fen: 1_000,
        overdraftFen: 500,
        hoardingFen: 50_000,
      });
      const read = await core.ok('cards.read', {}, supervisor);
      expect(read.management).toMatchObject({
        cardNo: '900000000001',
        status: 'made',
        results: [{ present: true, meterNo: METER_A, appliedCount: 1 }],
      });
      const list = await core.ok('cards.managementList', { kind: 'parameter' }, supervisor);
      expect(list.map((m) => [m.cardNo, m.status, m.results.length])).toEqual([
        ['900000000001', 'made', 1],
      ]);
    });

    it('a check card brings back a tampered meter: inspection names it, a supervisor acknowledges it', async () => {
      // The same card made again as a check card: same number, the parameter making superseded.
      const check = await core.ok('cards.makeManagement', { kind: 'check' }, supervisor);
      expect(check).toMatchObject({ cardNo: '900000000001', kind: 'check', status: 'made' });
      const history = await core.ok('cards.managementList', {}, supervisor);
      expect(history.map((m) => [m.kind, m.status]).sort()).toEqual([
        ['check', 'made'],
        ['parameter', 'superseded'],
      ]);

      meterA.run(24 * HOUR, 500);
      meterA.tamper('coverOpened');
      expect(await hands.carryTo(meterA)).toEqual({ kind: 'checked', slot: 0 });
      const read = await core.ok('cards.read', {}, supervisor);
      expect(read.management?.results).toEqual([
        expect.objectContaining({ meterNo: METER_A, tamperFlags: 1, loadedCount: 1 }),
      ]);
      // Read twice, reported once.
      await core.ok('cards.read', {}, supervisor);

      expect(await errorOf(core.call('inspection.list', {}, cashier))).toBe('FORBIDDEN');
      const open = await core.ok('inspection.list', {}, supervisor);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        rule: 'tamper',
        severity: 'critical',
        details: { flags: 'cover-opened' },
        meterNo: METER_A,
        customerName: '星巴克',
        source: 'check-card',
        cardNo: '900000000001',
        acknowledgedAt: null,
      });

      const pdf = readPdf((await core.ok('inspection.reportFile', {}, supervisor)).base64);
      expect(pdf.text).toContain('用电检查报告');
      expect(pdf.text).toContain(METER_A);
      expect(pdf.text).toContain('开盖');

      const id = open[0]!.id;
      expect(await errorOf(core.call('inspection.acknowledge', { id, note: '' }, supervisor))).toBe(
        'VALIDATION_FAILED',
      );
      const done = await core.ok(
        'inspection.acknowledge',
        { id, note: '现场查看：表盖被撬，已重新加封' },
        supervisor,
      );
      expect(done.acknowledgedAt).not.toBeNull();
      expect(
        await errorOf(core.call('inspection.acknowledge', { id, note: '再次处理' }, supervisor)),
      ).toBe('FINDING_ALREADY_ACKNOWLEDGED');
      expect(
        await errorOf(
          core.call('inspection.acknowledge', { id: 999, note: '核对记录' }, supervisor),
        ),
      ).toBe('FINDING_NOT_FOUND');
      expect(await core.ok('inspection.list', {}, supervisor)).toEqual([]);
      expect(await core.ok('inspection.list', { open: false }, supervisor)).toHaveLength(1);
    });

    it('a time-set card sets the meter clock', async () => {
      const made = await core.ok(
        'cards.makeManagement',
        { kind: 'timeSet', setTo: '2026-11-05 09:30:00' },
        supervisor,
      );
      expect(made.contents).toEqual({ setTo: '2026-11-05 09:30:00' });
      const before = meterA.state.clock;
      expect(await hands.carryTo(meterA)).toEqual({ kind: 'time-set', previous: before });
      expect(meterA.state.clock).toBe('2026-11-05 09:30:00');
      const read = await core.ok('cards.read', {}, supervisor);
      expect(read.management?.results[0]).toMatchObject({ previousTime: before });
    });

    it('a lost card is refused after the reissue, and the reissued card carries on', async () => {
      // The tenant's card as it stands (the meter wrote back on it) is lost.
      const lost = tenantCard;
      await hands.putBlank();
      await core.ok('cards.reportLost', { accountId }, cashier);
      await core.ok('cards.reissue', { accountId }, cashier);
      const reissued = await hands.onReader();
      // Found again and put on the reader: refused at the till, flagged in the books.
      await hands.reinsert(lost.memory, lost.psc);
      expect(
        await errorOf(
          core.call('sales.sell', { accountId, amountFen: 1_000, paymentMethod: 'cash' }, cashier),
        ),
      ).toBe('CARD_NOT_LIVE');
      expect((await core.ok('cards.read', {}, cashier)).ledger?.card).toMatchObject({
        status: 'lost',
      });
      await hands.reinsert(reissued.memory, reissued.psc);
      const sale = await core.ok(
        'sales.sell',
        { accountId, amountFen: 5_000, paymentMethod: 'wechat' },
        cashier,
      );
      expect(sale.purchaseCount).toBe(2);
      expect(await hands.carryTo(meterA)).toMatchObject({ kind: 'loaded', purchaseCount: 2 });
      expect(await hands.carryTo(meterA)).toEqual({ kind: 'written-back' });
      expect((await core.ok('cards.read', {}, cashier)).observed).toBe(true);
    });

    it('meter replacement: the meter-change card carries credit and count, the rewritten tenant card works on the new meter', async () => {
      const remaining = meterA.state.remainingFen;
      expect((await account()).meterRemainingFen).toBe(remaining);
      const replaced = await core.ok(
        'accounts.replaceMeter',
        {
          accountId,
          reason: '电表故障',
          newMeterNo: METER_B,
          oldFinalReading: meterA.state.cumulativeEnergy,
        },
        supervisor,
      );
      expect(replaced.replacement).toMatchObject({ carriedFen: remaining, purchaseCount: 2 });

      // The tenant's card still names the old meter: the new one refuses it until it is rewritten.
      meterB = new SimulatedCardMeter(siteKey(), { meterNo: METER_B, clock: meterA.state.clock });
      const tenantCard = await hands.onReader();
      expect(meterB.insert(tenantCard.memory).outcome).toEqual({
        kind: 'refused',
        reason: 'other-meter',
      });

      await hands.putBlank();
      const change = await core.ok(
        'cards.makeManagement',
        { kind: 'meterChange', replacementId: replaced.replacement.id },
        supervisor,
      );
      expect(change.contents).toMatchObject({
        oldMeterNo: METER_A,
        newMeterNo: METER_B,
        carriedFen: remaining,
        purchaseCount: 2,
      });
      expect(await hands.carryTo(meterB)).toEqual({ kind: 'meter-changed', loadedFen: remaining });
      // Once only: a second insertion (or into a used meter) is refused.
      expect(meterB.insert((await hands.onReader()).memory).outcome).toMatchObject({
        kind: 'refused',
      });
      expect((await core.ok('cards.read', {}, supervisor)).management?.results).toEqual([
        expect.objectContaining({ meterNo: METER_B, loadedFen: remaining }),
      ]);

      // The tenant's card, rewritten from the books for the new meter.
      await hands.reinsert(tenantCard.memory, tenantCard.psc);
      const rewritten = await core.ok('cards.rewrite', { accountId }, cashier);
      expect(rewritten.status).toBe('active');
      await core.ok('sales.sell', { accountId, amountFen: 2_000, paymentMethod: 'cash' }, cashier);
      expect(await hands.carryTo(meterB)).toEqual({
        kind: 'loaded',
        purchaseCount: 3,
        amountFen: 2_000,
      });
      expect(meterB.state.remainingFen).toBe(remaining + 2_000);
      // The old card tried in the new meter above counted as an illegal insertion, and says so.
      const read = await core.ok('cards.read', {}, cashier);
      expect(read).toMatchObject({
        observed: true,
        findings: [{ rule: 'illegal-inserts', severity: 'warning' }],
      });
      // Read again, it says so again (stored once), until a supervisor has dealt with it.
      expect((await core.ok('cards.read', {}, cashier)).findings).toEqual([
        { rule: 'illegal-inserts', severity: 'warning' },
      ]);
      expect(await core.ok('inspection.list', {}, supervisor)).toHaveLength(1);
      const [finding] = await core.ok('inspection.list', {}, supervisor);
      await core.ok(
        'inspection.acknowledge',
        { id: finding!.id, note: '换表时误插旧卡，已向商户说明' },
        supervisor,
      );
      expect((await core.ok('cards.read', {}, cashier)).findings).toEqual([]);
    });

    it('suspension with refund, then a clear card empties the meter and the account may resume', async () => {
      const onMeter = meterB.state.remainingFen;
      expect(
        await errorOf(core.call('cards.makeManagement', { kind: 'clear', accountId }, supervisor)),
      ).toBe('CLEAR_ACCOUNT_ACTIVE');
      await core.ok(
        'accounts.suspend',
        { accountId, reason: '商户装修停业', refund: { paymentMethod: 'cash' } },
        supervisor,
      );
      expect(await account()).toMatchObject({ state: 'suspended', meterCreditOwedFen: onMeter });
      const tenantCard = await hands.onReader();

      await hands.putBlank();
      const clear = await core.ok('cards.makeManagement', { kind: 'clear', accountId }, supervisor);
      expect(clear.contents).toMatchObject({ targetMeterNo: METER_B, purchaseCount: 3 });
      expect(await hands.carryTo(meterB)).toEqual({ kind: 'cleared', clearedFen: onMeter });
      expect(meterB.state).toMatchObject({ remainingFen: 0, loadedCount: 3, relay: 'open' });
      await core.ok('cards.read', {}, supervisor);
      expect((await account()).meterCreditOwedFen).toBe(0);

      // Nothing owed on the meter any more: resuming needs no "meter cleared" confirmation.
      await core.ok('accounts.resume', { accountId, reason: '恢复营业' }, supervisor);
      await hands.reinsert(tenantCard.memory, tenantCard.psc);
      await core.ok('sales.sell', { accountId, amountFen: 3_000, paymentMethod: 'cash' }, cashier);
      expect(await hands.carryTo(meterB)).toMatchObject({ kind: 'loaded', purchaseCount: 4 });
      expect(meterB.state).toMatchObject({ remainingFen: 3_000, relay: 'closed' });
    });

    it('closing cancels the card; it can then be erased, and the next tenant goes on from the meter count', async () => {
      const card = await core.ok('cards.read', {}, cashier);
      expect(card.observed).toBe(true);
      expect(await errorOf(core.call('cards.erase', {}, supervisor))).toBe('CARD_ERASE_LIVE');
      await core.ok(
        'accounts.close',
        { accountId, reason: '租约到期', finalReading: meterB.state.cumulativeEnergy },
        supervisor,
      );
      expect((await account()).card).toMatchObject({ status: 'cancelled' });
      expect(await errorOf(core.call('cards.erase', {}, cashier))).toBe('FORBIDDEN');
      expect(await core.ok('cards.erase', {}, supervisor)).toMatchObject({ kind: 'user' });
      expect(await core.ok('cards.read', {}, supervisor)).toMatchObject({ status: 'blank' });

      // The clear card for the closed account, then the next tenant on the same meter.
      await core.ok('cards.makeManagement', { kind: 'clear', accountId }, supervisor);
      expect(await hands.carryTo(meterB)).toMatchObject({ kind: 'cleared' });
      await core.ok('cards.read', {}, supervisor);
      await hands.putBlank();
      const customer = await core.ok('customers.create', { name: '喜茶' }, cashier);
      const next = await core.ok(
        'accounts.open',
        { customerId: customer.id, meterId: (await account()).meter.id, tariffId },
        cashier,
      );
      expect(next).toMatchObject({ purchaseCount: 4, loadedCount: 4 });
      await core.ok('cards.issue', { accountId: next.id }, cashier);
      await core.ok(
        'sales.sell',
        { accountId: next.id, amountFen: 8_000, paymentMethod: 'alipay' },
        cashier,
      );
      expect(await hands.carryTo(meterB)).toEqual({
        kind: 'loaded',
        purchaseCount: 5,
        amountFen: 8_000,
      });
      expect((await core.ok('cards.read', {}, cashier)).findings).toEqual([]);
    });
  },
);
