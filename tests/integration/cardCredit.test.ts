// Low credit on card meters, estimated from the books (issue 19, core/messages/cardCredit.ts): a
// tenant who bought ¥100 over 30 days uses about ¥3.33 a day; their card came back with ¥30.00
// on the meter and a ¥100.00 purchase not yet loaded. Twenty days on the books expect ¥63.33:
// nothing is said. Thirty-five days on, ¥13.33, under the office's ¥20.00 line: the tenant is told
// once, and a second look sends nothing more until they buy again.
import { estimatedCredit } from '../../core/messages/cardCredit';
import { openCounterOffice, type CounterOffice } from './counterOffice';

const DAY = 86_400_000;
const METER = '000000000001';

describe('estimatedCredit', () => {
  const base = {
    observedFen: 3_000,
    observedAt: new Date('2026-11-01T02:00:00Z'),
    unloadedFen: 10_000,
    boughtFen: 10_000,
    historyDays: 30,
  };
  it('takes off what the tenant uses a day since the write-back', () => {
    const at = (days: number) => new Date(base.observedAt.getTime() + days * DAY);
    expect(estimatedCredit({ ...base, now: base.observedAt })).toBe(13_000);
    expect(estimatedCredit({ ...base, now: at(20) })).toBe(6_333);
    expect(estimatedCredit({ ...base, now: at(35) })).toBe(1_333);
  });
  it('says nothing from under two weeks of history', () => {
    expect(estimatedCredit({ ...base, historyDays: 10, now: base.observedAt })).toBeNull();
  });
});

describe('card meters told of low credit from the books', () => {
  let o: CounterOffice;
  let observedAt: Date;

  beforeAll(async () => {
    o = await openCounterOffice();
    const ref = {
      accountNo: o.core.services.accounts.byId(o.accountId)!.accountNo,
      meterNo: METER,
    };
    // Thirty days of use: the meter loads the first ¥100 and uses ¥70 of it.
    expect(o.cards.insertIntoMeter(ref)).toBe('loaded');
    o.cards.consume(METER, 7_000);
    o.cards.insertIntoMeter(ref);
    o.core.clock.advance(30 * DAY);
    // Signed in afresh (the jump ended every session); the sale reads the card's write-back.
    const cashier = await o.core.ok('auth.login', { username: 'cashier', password: 'Working123' });
    await o.core.ok(
      'sales.sell',
      { accountId: o.accountId, amountFen: 10_000, paymentMethod: 'cash' },
      cashier.sessionId,
    );
    const account = o.core.services.accounts.byId(o.accountId)!;
    expect(account.meterRemainingFen).toBe(3_000);
    observedAt = new Date(account.meterRemainingAt!);
  }, 60_000);
  afterAll(() => o?.close());

  const outbox = () => o.core.services.messages.outboxStore.list(null, 50);
  const look = (days: number) =>
    o.core.services.messages.cardCredit.run(new Date(observedAt.getTime() + days * DAY));

  it('says nothing while the estimate is above the line', () => {
    expect(look(20)).toBe(0);
    expect(outbox()).toEqual([]);
  });

  it('tells the tenant once the estimate falls below it, and only once a purchase', () => {
    expect(look(35)).toBe(1);
    const [told, ...more] = outbox();
    expect(more).toEqual([]);
    expect(told).toMatchObject({ kind: 'low-credit' });
    expect(told!.text).toContain('余额 13.33 元');
    expect(look(36)).toBe(1);
    expect(outbox()).toHaveLength(1);
  });
});
