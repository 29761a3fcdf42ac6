// Refunds (退费), suspension (报停), resumption and closing (销户) through the API, with the
// ledger rows, receipts, shift takings and audit asserted, and every refusal.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openTestCore, setUpOffice, signInAs, tempDir, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';
import type { AccountView } from '../../shared/api/ledgerTypes';

const METER = '000000000161';

interface Office {
  core: TestCore;
  cards: SimulatedCards;
  admin: string;
  supervisor: string;
  cashier: string;
  account: AccountView;
}

async function openOffice(): Promise<Office> {
  const cards = new SimulatedCards();
  const core = await openTestCore({ target: cards });
  const admin = (await setUpOffice(core)).sessionId;
  const supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
  const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
  const tariff = await core.ok(
    'tariffs.create',
    { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
    admin,
  );
  const customer = await core.ok('customers.create', { name: '星巴克咖啡' }, cashier);
  const meter = await core.ok('meters.register', { meterNo: METER, model: 'DDSY1352' }, cashier);
  const account = await core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId: tariff.id, installReading: 1_000 },
    cashier,
  );
  return { core, cards, admin, supervisor, cashier, account };
}

describe('refunds and account states', () => {
  let office: Office;
  let core: TestCore;
  beforeEach(async () => {
    office = await openOffice();
    core = office.core;
  });
  afterEach(async () => {
    await core.dispose();
    office.cards.close();
  });

  const ref = () => ({ accountNo: office.account.accountNo, meterNo: METER });
  const accountId = () => office.account.id;
  const rows = (sql: string, ...params: unknown[]) =>
    core.services.db.prepare(sql).all(...params) as Record<string, unknown>[];
  const one = (sql: string, ...params: unknown[]) => rows(sql, ...params)[0]!;

  /** 300 yuan sold and loaded, 120 used: the card's write-back says 180 yuan left. */
  async function usedMeter() {
    await core.ok(
      'sales.sell',
      { accountId: accountId(), amountFen: 30_000, paymentMethod: 'cash' },
      office.cashier,
    );
    office.cards.insertIntoMeter(ref());
    office.cards.consume(METER, 12_000);
    office.cards.insertIntoMeter(ref()); // write-back of what is left
  }

  describe('suspension (报停)', () => {
    it('suspends with a refund of everything left, read off the card, on a voucher', async () => {
      await usedMeter();
      const { account, refund } = await core.ok(
        'accounts.suspend',
        {
          accountId: accountId(),
          reason: '商户装修停业',
          meterReading: 15_000,
          refund: { paymentMethod: 'cash' },
        },
        office.supervisor,
      );
      expect(account).toMatchObject({
        state: 'suspended',
        meterRemainingFen: 18_000,
        meterCreditOwedFen: 18_000,
      });
      expect(refund).toMatchObject({
        kind: 'suspension',
        amountFen: 18_000,
        meterRemainingFen: 18_000,
        remainingSource: 'meter',
        paymentMethod: 'cash',
        reason: '商户装修停业',
        approverName: 'supervisor user',
        receiptNo: 2,
      });
      expect(one('SELECT status FROM receipts WHERE receipt_no = 2')).toEqual({
        status: 'issued',
      });
      expect(
        rows('SELECT kind, meter_reading, meter_remaining_fen, refund_id FROM account_events'),
      ).toEqual([
        {
          kind: 'suspended',
          meter_reading: 15_000,
          meter_remaining_fen: 18_000,
          refund_id: refund!.id,
        },
      ]);
      // A suspended account does not sell.
      await expect(
        core.call(
          'sales.sell',
          { accountId: accountId(), amountFen: 1_000, paymentMethod: 'cash' },
          office.cashier,
        ),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_SUSPENDED' } });
      expect(await core.ok('audit.verify', {}, office.admin)).toMatchObject({ ok: true });
      const audit = JSON.parse(
        (
          one(
            "SELECT detail FROM audit_log WHERE method = 'accounts.suspend' ORDER BY seq DESC LIMIT 1",
          ) as { detail: string }
        ).detail,
      ) as Record<string, unknown>;
      expect(audit).toMatchObject({
        before: { state: 'active', meterCreditOwedFen: 0 },
        after: { state: 'suspended', meterCreditOwedFen: 18_000 },
      });
    });

    it('suspends without a refund and refuses suspending twice', async () => {
      const { account, refund } = await core.ok(
        'accounts.suspend',
        { accountId: accountId(), reason: '暂停营业' },
        office.supervisor,
      );
      expect(account.state).toBe('suspended');
      expect(refund).toBeNull();
      expect(rows('SELECT * FROM refunds')).toEqual([]);
      await expect(
        core.call(
          'accounts.suspend',
          { accountId: accountId(), reason: '再次' },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_NOT_ACTIVE' } });
    });

    it('is a supervisor action: a cashier is refused and nothing changes', async () => {
      await expect(
        core.call(
          'accounts.suspend',
          { accountId: accountId(), reason: '暂停营业' },
          office.cashier,
        ),
      ).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(one('SELECT state FROM accounts')).toEqual({ state: 'active' });
    });

    it('refuses a refund while a purchase is not loaded into the meter', async () => {
      await usedMeter();
      await core.ok(
        'sales.sell',
        { accountId: accountId(), amountFen: 5_000, paymentMethod: 'cash' },
        office.cashier,
      );
      await expect(
        core.call(
          'accounts.suspend',
          { accountId: accountId(), reason: '停业', refund: { paymentMethod: 'cash' } },
          office.supervisor,
        ),
      ).resolves.toMatchObject({
        error: { code: 'REFUND_UNLOADED_PURCHASE', params: { count: 2 } },
      });
      expect(one('SELECT state FROM accounts')).toEqual({ state: 'active' });
      expect(rows('SELECT * FROM refunds')).toEqual([]);
    });

    it('refuses more than the meter holds, and a remaining figure it cannot have', async () => {
      await usedMeter();
      await expect(
        core.call(
          'accounts.suspend',
          {
            accountId: accountId(),
            reason: '停业',
            refund: { paymentMethod: 'cash', amountFen: 18_001 },
          },
          office.supervisor,
        ),
      ).resolves.toMatchObject({
        error: { code: 'REFUND_OVER_REFUNDABLE', params: { max: '180.00' } },
      });
      await expect(
        core.call(
          'accounts.suspend',
          {
            accountId: accountId(),
            reason: '停业',
            refund: { paymentMethod: 'cash', meterRemainingFen: 30_001 },
          },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ error: { code: 'REMAINING_IMPLAUSIBLE' } });
      expect(rows('SELECT * FROM refunds')).toEqual([]);
      expect(rows('SELECT * FROM receipts')).toHaveLength(1);
    });

    it('uses a reading typed off the meter when the card is not at hand, and says so', async () => {
      await usedMeter();
      office.cards.onReader = false;
      office.cards.consume(METER, 3_000); // the meter ran on since the last write-back
      const { refund } = await core.ok(
        'accounts.suspend',
        {
          accountId: accountId(),
          reason: '停业',
          refund: { paymentMethod: 'wechat', meterRemainingFen: 15_000, meterLoadedCount: 1 },
        },
        office.supervisor,
      );
      expect(refund).toMatchObject({ amountFen: 15_000, remainingSource: 'manual' });
    });

    it('says what to do when the credit is unknown or the card is needed', async () => {
      // A new card that no meter has written back to: nothing says what the meter holds.
      await expect(
        core.call(
          'accounts.suspend',
          { accountId: accountId(), reason: '停业', refund: { paymentMethod: 'cash' } },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ error: { code: 'REFUND_REMAINING_UNKNOWN' } });
      await core.ok(
        'sales.sell',
        { accountId: accountId(), amountFen: 10_000, paymentMethod: 'cash' },
        office.cashier,
      );
      office.cards.insertIntoMeter(ref());
      office.cards.onReader = false;
      await expect(
        core.call(
          'accounts.suspend',
          { accountId: accountId(), reason: '停业', refund: { paymentMethod: 'cash' } },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ error: { code: 'REFUND_UNLOADED_PURCHASE' } });
      office.cards.onReader = true;
      // Back on the reader the card shows the write-back, and the refund can be worked out.
      await expect(
        core.call(
          'accounts.suspend',
          { accountId: accountId(), reason: '停业', refund: { paymentMethod: 'cash' } },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ ok: true, value: { refund: { amountFen: 10_000 } } });
    });
  });

  describe('refunds on their own (退费)', () => {
    beforeEach(async () => {
      await usedMeter();
      await core.ok(
        'accounts.suspend',
        { accountId: accountId(), reason: '停业' },
        office.supervisor,
      );
    });

    const refund = (session: string, extra: Record<string, unknown> = {}) =>
      core.call(
        'refunds.create',
        {
          accountId: accountId(),
          amountFen: 10_000,
          paymentMethod: 'cash',
          reason: '商户退租',
          ...extra,
        } as never,
        session,
      );

    it('lets a cashier refund with a supervisor signing at the till', async () => {
      const result = await refund(office.cashier, {
        approval: { username: 'supervisor', password: 'Working123' },
      });
      expect(result).toMatchObject({
        ok: true,
        value: {
          kind: 'refund',
          amountFen: 10_000,
          operatorName: 'cashier user',
          approverName: 'supervisor user',
        },
      });
      const audit = one(
        "SELECT detail FROM audit_log WHERE method = 'refunds.create' ORDER BY seq DESC LIMIT 1",
      ) as { detail: string };
      expect(audit.detail).not.toContain('Working123');
      // The rest of the credit can still be refunded, and no more.
      await expect(refund(office.supervisor, { amountFen: 8_001 })).resolves.toMatchObject({
        error: { code: 'REFUND_OVER_REFUNDABLE', params: { max: '80.00' } },
      });
      await expect(refund(office.supervisor, { amountFen: 8_000 })).resolves.toMatchObject({
        ok: true,
      });
      await expect(refund(office.supervisor, { amountFen: 100 })).resolves.toMatchObject({
        error: { code: 'REFUND_OVER_REFUNDABLE', params: { max: '0.00' } },
      });
      expect(one('SELECT meter_credit_owed_fen AS owed FROM accounts')).toEqual({ owed: 18_000 });
      const listed = await core.ok('refunds.list', { accountId: accountId() }, office.cashier);
      expect(listed.map((r) => r.amountFen)).toEqual([8_000, 10_000]);
    });

    it('refuses a cashier without approval, with a wrong password, or approved by a cashier', async () => {
      await expect(refund(office.cashier)).resolves.toMatchObject({
        error: { code: 'APPROVAL_REQUIRED' },
      });
      await expect(
        refund(office.cashier, { approval: { username: 'supervisor', password: 'wrong-one' } }),
      ).resolves.toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
      await expect(
        refund(office.cashier, { approval: { username: 'cashier', password: 'Working123' } }),
      ).resolves.toMatchObject({ error: { code: 'APPROVER_NOT_SUPERVISOR' } });
      expect(rows('SELECT * FROM refunds')).toEqual([]);
      // The failed approval counts against the supervisor's sign-in like a failed sign-in.
      expect(one("SELECT failed_attempts FROM operators WHERE username = 'supervisor'")).toEqual({
        failed_attempts: 1,
      });
    });

    it('locks the approver out after five wrong passwords', async () => {
      for (let i = 0; i < 4; i += 1)
        await refund(office.cashier, { approval: { username: 'supervisor', password: 'x' } });
      await expect(
        refund(office.cashier, { approval: { username: 'supervisor', password: 'x' } }),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
      await expect(
        refund(office.cashier, { approval: { username: 'supervisor', password: 'Working123' } }),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    });

    it('locks the approver after five of 40 parallel wrong passwords, checking no more', async () => {
      const replies = await Promise.all(
        Array.from({ length: 40 }, () =>
          refund(office.cashier, { approval: { username: 'supervisor', password: 'guess123' } }),
        ),
      );
      const codes = replies.map((r) => (r as { error?: { code: string } }).error?.code);
      // Four wrong answers, then the fifth locks; the other 35 are refused unchecked.
      expect(codes.filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(4);
      expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(36);
      await expect(
        refund(office.cashier, { approval: { username: 'supervisor', password: 'Working123' } }),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
      expect(rows('SELECT * FROM refunds')).toEqual([]);
    });

    it('refuses an active account: suspend first', async () => {
      core.services.db.prepare("UPDATE accounts SET state = 'active'").run();
      await expect(refund(office.supervisor)).resolves.toMatchObject({
        error: { code: 'REFUND_ACCOUNT_ACTIVE' },
      });
    });

    it('refuses malformed calls with field errors', async () => {
      await expect(refund(office.supervisor, { amountFen: -5 })).resolves.toMatchObject({
        error: { code: 'VALIDATION_FAILED' },
      });
      await expect(refund(office.supervisor, { reason: '' })).resolves.toMatchObject({
        error: { code: 'VALIDATION_FAILED' },
      });
    });

    it('prints a refund voucher (退费凭证) with the basis and the approver', async () => {
      const done = await refund(office.cashier, {
        approval: { username: 'supervisor', password: 'Working123' },
      });
      if (!done.ok) throw new Error(JSON.stringify(done.error));
      const file = await core.ok(
        'receipts.print',
        { receiptNo: done.value.receiptNo, layout: 'thermal80' },
        office.cashier,
      );
      const dir = tempDir();
      const pdf = path.join(dir, file.fileName);
      fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
      expect(text).toContain('退费凭证');
      expect(text).toContain('商户退租');
      expect(text).toContain('¥100.00');
      expect(text).toContain('卡内回写');
      expect(text).toContain('supervisor user');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('takes the refund off the shift takings by its payment method', async () => {
      await refund(office.supervisor, { paymentMethod: 'wechat', amountFen: 5_000 });
      const shift = await core.ok('shifts.current', {}, office.supervisor);
      expect(shift.expected!.wechat).toBe(-5_000);
      expect(shift.refundsCount).toBe(1);
      // A cashier counts blind; the supervisor's list shows the cashier's books.
      const cashierShift = await core.ok('shifts.current', {}, office.cashier);
      expect(cashierShift.expected).toBeNull();
      const listed = (await core.ok('shifts.list', {}, office.supervisor)).find(
        (s) => s.id === cashierShift.id,
      );
      expect(listed!.expected!.cash).toBe(30_000);
    });
  });

  describe('resuming (恢复用电)', () => {
    it('needs the refunded credit cleared off the meter first', async () => {
      await usedMeter();
      await core.ok(
        'accounts.suspend',
        { accountId: accountId(), reason: '停业', refund: { paymentMethod: 'cash' } },
        office.supervisor,
      );
      await expect(
        core.call('accounts.resume', { accountId: accountId(), reason: '复业' }, office.supervisor),
      ).resolves.toMatchObject({
        error: { code: 'METER_CREDIT_NOT_CLEARED', params: { owed: '180.00' } },
      });
      const { account } = await core.ok(
        'accounts.resume',
        { accountId: accountId(), reason: '复业', meterCleared: true },
        office.supervisor,
      );
      expect(account).toMatchObject({
        state: 'active',
        meterCreditOwedFen: 0,
        meterRemainingFen: 0,
      });
      const events = await core.ok('accounts.events', { accountId: accountId() }, office.cashier);
      expect(events.map((e) => e.kind)).toEqual(['suspended', 'resumed']);
      await expect(
        core.call('accounts.resume', { accountId: accountId(), reason: '复业' }, office.supervisor),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_NOT_SUSPENDED' } });
    });
  });

  describe('closing (销户)', () => {
    it('closes with the final reading and refunds everything left', async () => {
      await usedMeter();
      const { account, refund } = await core.ok(
        'accounts.close',
        {
          accountId: accountId(),
          reason: '退租',
          finalReading: 152_000,
          paymentMethod: 'bank_card',
        },
        office.supervisor,
      );
      expect(account.state).toBe('closed');
      expect(refund).toMatchObject({
        kind: 'closing',
        amountFen: 18_000,
        paymentMethod: 'bank_card',
      });
      expect(rows('SELECT kind, meter_reading FROM account_events')).toEqual([
        { kind: 'closed', meter_reading: 152_000 },
      ]);
      // Closed is final: no sale, no refund, no second closing; the meter can take a new tenant.
      await expect(
        core.call(
          'sales.sell',
          { accountId: accountId(), amountFen: 1_000, paymentMethod: 'cash' },
          office.cashier,
        ),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_CLOSED' } });
      await expect(
        core.call(
          'refunds.create',
          { accountId: accountId(), amountFen: 100, paymentMethod: 'cash', reason: '再退' },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_ALREADY_CLOSED' } });
      await expect(
        core.call(
          'accounts.close',
          { accountId: accountId(), reason: '退租', finalReading: 152_000 },
          office.supervisor,
        ),
      ).resolves.toMatchObject({ error: { code: 'ACCOUNT_ALREADY_CLOSED' } });
      const next = await core.ok('customers.create', { name: '喜茶' }, office.cashier);
      await expect(
        core.call(
          'accounts.open',
          {
            customerId: next.id,
            meterId: office.account.meter.id,
            tariffId: office.account.tariffId,
          },
          office.cashier,
        ),
      ).resolves.toMatchObject({ ok: true });
    });

    it('refuses a final reading below the install reading and an unloaded purchase', async () => {
      await usedMeter();
      await expect(
        core.call(
          'accounts.close',
          { accountId: accountId(), reason: '退租', finalReading: 999 },
          office.supervisor,
        ),
      ).resolves.toMatchObject({
        error: { code: 'READING_BELOW_INSTALL', params: { install: '10.00' } },
      });
      await core.ok(
        'sales.sell',
        { accountId: accountId(), amountFen: 2_000, paymentMethod: 'cash' },
        office.cashier,
      );
      await expect(
        core.call(
          'accounts.close',
          { accountId: accountId(), reason: '退租', finalReading: 2_000 },
          office.supervisor,
        ),
      ).resolves.toMatchObject({
        error: { code: 'ACCOUNT_UNLOADED_PURCHASE', params: { count: 2 } },
      });
      expect(one('SELECT state FROM accounts')).toEqual({ state: 'active' });
    });

    it('closes an account that never bought anything without a refund', async () => {
      const { account, refund } = await core.ok(
        'accounts.close',
        { accountId: accountId(), reason: '开错户', finalReading: 1_000, meterRemainingFen: 0 },
        office.supervisor,
      );
      expect(account.state).toBe('closed');
      expect(refund).toBeNull();
    });
  });

  describe('meter replacement (换表)', () => {
    const replace = (extra: Record<string, unknown> = {}) =>
      core.call(
        'accounts.replaceMeter',
        {
          accountId: accountId(),
          reason: '电表损坏',
          newMeterNo: '000000000999',
          oldFinalReading: 152_000,
          newInstallReading: 0,
          ...extra,
        } as never,
        office.supervisor,
      );

    it('moves the account to the new meter and carries the credit over', async () => {
      await usedMeter();
      const result = await replace();
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      expect(result.value.account).toMatchObject({
        meter: { meterNo: '000000000999', state: 'in_service', model: 'DDSY1352' },
        meterRemainingFen: 18_000,
        state: 'active',
      });
      expect(result.value.replacement).toMatchObject({
        oldMeterNo: METER,
        newMeterNo: '000000000999',
        oldFinalReading: 152_000,
        carriedFen: 18_000,
        carriedSource: 'meter',
        purchaseCount: 1,
      });
      expect(core.services.meters.byNumber(METER, 0)).toMatchObject({ state: 'replaced' });
      const history = await core.ok(
        'accounts.meterHistory',
        { accountId: accountId() },
        office.cashier,
      );
      expect(history.map((h) => [h.oldMeterNo, h.newMeterNo])).toEqual([[METER, '000000000999']]);
      // The old meter cannot take an account again; the account goes on selling.
      const other = await core.ok('customers.create', { name: '喜茶' }, office.cashier);
      await expect(
        core.call(
          'accounts.open',
          {
            customerId: other.id,
            meterId: office.account.meter.id,
            tariffId: office.account.tariffId,
          },
          office.cashier,
        ),
      ).resolves.toMatchObject({ error: { code: 'METER_NOT_AVAILABLE' } });
      await expect(
        core.call(
          'sales.sell',
          { accountId: accountId(), amountFen: 1_000, paymentMethod: 'cash' },
          office.cashier,
        ),
      ).resolves.toMatchObject({ ok: true });
    });

    it('leaves refunded credit behind on the old meter', async () => {
      await usedMeter();
      await core.ok(
        'accounts.suspend',
        {
          accountId: accountId(),
          reason: '停业',
          refund: { paymentMethod: 'cash', amountFen: 5_000 },
        },
        office.supervisor,
      );
      const result = await replace();
      expect(result).toMatchObject({
        ok: true,
        value: {
          account: { meterCreditOwedFen: 0, meterRemainingFen: 13_000 },
          replacement: { carriedFen: 13_000 },
        },
      });
    });

    it('refuses what would carry a wrong balance or break the books', async () => {
      await usedMeter();
      await expect(replace({ oldFinalReading: 500 })).resolves.toMatchObject({
        error: { code: 'READING_BELOW_INSTALL' },
      });
      await expect(replace({ model: 'DDSY1352-NK' })).resolves.toMatchObject({
        error: { code: 'METER_KIND_CHANGE' },
      });
      await expect(replace({ newMeterNo: METER })).resolves.toMatchObject({
        error: { code: 'METER_IN_USE' },
      });
      const other = await core.ok('customers.create', { name: '喜茶' }, office.cashier);
      const busy = await core.ok(
        'meters.register',
        { meterNo: '000000000777', model: 'DDSY1352' },
        office.cashier,
      );
      await core.ok(
        'accounts.open',
        { customerId: other.id, meterId: busy.id, tariffId: office.account.tariffId },
        office.cashier,
      );
      await expect(replace({ newMeterNo: '000000000777' })).resolves.toMatchObject({
        error: { code: 'METER_IN_USE', params: { accountNo: '00000002' } },
      });
      await core.ok(
        'sales.sell',
        { accountId: accountId(), amountFen: 1_000, paymentMethod: 'cash' },
        office.cashier,
      );
      await expect(replace()).resolves.toMatchObject({
        error: { code: 'REPLACE_UNLOADED_PURCHASE', params: { count: 2 } },
      });
      await expect(
        core.call(
          'accounts.replaceMeter',
          {
            accountId: accountId(),
            reason: '坏表',
            newMeterNo: '000000000999',
            oldFinalReading: 2_000,
          },
          office.cashier,
        ),
      ).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(rows('SELECT * FROM meter_replacements')).toEqual([]);
      expect(core.services.meters.byNumber(METER, 0)).toMatchObject({ state: 'in_service' });
    });
  });
});
