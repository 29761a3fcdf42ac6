import { cardSaleBlock, takesCard } from './delivery';

describe('takesCard', () => {
  it('card meters and NK meters behind an ACRT take purchases on the card; the line takes the rest', () => {
    expect(takesCard({ kind: 'card', viaAcrt: false })).toBe(true);
    expect(takesCard({ kind: 'nk', viaAcrt: true })).toBe(true);
    expect(takesCard({ kind: 'nk', viaAcrt: false })).toBe(false);
    expect(takesCard({ kind: 'remote', viaAcrt: false })).toBe(false);
  });
});

describe('cardSaleBlock: what stops a card sale at the form, before the confirmation', () => {
  const live = { id: 1, card: { cardNo: '000000000001', status: 'active' } };
  const ours = {
    status: 'valid',
    ledger: { accountId: 1, accountNo: '00000001', customerName: '星巴克' },
  };

  it('lets the sale go ahead with the account’s own card, or with none read yet', () => {
    expect(cardSaleBlock(live, ours)).toBeNull();
    expect(cardSaleBlock(live, null)).toBeNull();
    expect(cardSaleBlock({ ...live, card: { ...live.card, status: 'issuing' } }, ours)).toBeNull();
  });

  it('stops an account that has no card, or whose card is lost or replaced', () => {
    expect(cardSaleBlock({ id: 1, card: null }, ours)).toEqual({ reason: 'noCard' });
    expect(
      cardSaleBlock({ id: 1, card: { cardNo: '000000000001', status: 'lost' } }, null),
    ).toEqual({ reason: 'cardNotLive', status: 'lost' });
  });

  it('names the tenant whose card is on the reader instead, and stops at a blank card', () => {
    const theirs = {
      status: 'valid',
      ledger: { accountId: 2, accountNo: '00000002', customerName: '肯德基' },
    };
    expect(cardSaleBlock(live, theirs)).toEqual({
      reason: 'otherTenant',
      customerName: '肯德基',
      accountNo: '00000002',
    });
    expect(cardSaleBlock(live, { status: 'blank', ledger: null })).toEqual({ reason: 'blankCard' });
  });

  it('leaves a foreign or damaged card to the server, which says what it is', () => {
    expect(cardSaleBlock(live, { status: 'other-office', ledger: null })).toBeNull();
  });
});
