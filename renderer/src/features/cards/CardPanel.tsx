// The card on the reader in one line, for the sale screen: no reader, no card, the tenant's card
// (customer, balance, last purchase), or what is wrong with it (another office's, damaged, dead).
import { Alert, Button } from 'antd';
import { useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CardReadView } from '../../../../shared/api/cards';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { useCardOnReader } from './useCardOnReader';

type Tone = 'info' | 'success' | 'warning' | 'error';

function describe(card: CardReadView, t: TFunction): [Tone, string] {
  if (card.status !== 'valid')
    return ['error', t('cardPanel.refused', { status: t(`cards.status.${card.status}`) })];
  if (card.kind !== 'user')
    return ['info', t('cardPanel.management', { kind: t(`cards.kind.${card.kind}`) })];
  if (!card.ledger) return ['error', t('cardPanel.unknown', { cardNo: card.cardNo })];
  const { ledger } = card;
  if (!['active', 'issuing'].includes(ledger.card.status))
    return [
      'error',
      t('cards.deadCard', { status: t(`cards.ledgerStatuses.${ledger.card.status}`) }),
    ];
  const purchase = card.blocks.purchase as Record<string, number> | undefined;
  const back = card.blocks.writeBack as Record<string, number | boolean> | undefined;
  return [
    'success',
    t(purchase?.purchaseCount ? 'cardPanel.tenant' : 'cardPanel.tenantNew', {
      cardNo: card.cardNo,
      customer: `${ledger.customerNo} ${ledger.customerName}`,
      meterNo: ledger.meterNo,
      remaining:
        back?.present === true ? formatMoney(back.remainingFen as number) : t('sales.unknown'),
      last: formatMoney(purchase?.lastPurchaseFen ?? 0),
      count: purchase?.purchaseCount ?? 0,
    }),
  ];
}

export function CardPanel({ onTenant }: { onTenant?: (card: CardReadView) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { presence, read, reading } = useCardOnReader();
  let tone: Tone = 'info';
  let text: string;
  if (presence === 'no-service') text = t('cardPanel.noService');
  else if (presence === 'service-stopped') text = t('cardPanel.serviceStopped');
  else if (presence === 'no-binding') text = t('cardPanel.noBinding');
  else if (presence === 'no-reader') text = t('cardPanel.noReader');
  else if (presence === 'no-card') text = t('cardPanel.noCard');
  else if (reading.isLoading) text = t('cardPanel.reading');
  else if (reading.error) [tone, text] = ['error', errorText(reading.error)];
  else if (reading.data) [tone, text] = describe(reading.data, t);
  else text = t('cardPanel.onReader');
  const tenant = reading.data?.ledger && tone === 'success' ? reading.data : null;
  // A tenant's card just read: the sale screen takes it up (customer, account) once per reading.
  const handed = useRef<CardReadView | null>(null);
  useEffect(() => {
    if (!tenant || !onTenant || handed.current === tenant) return;
    handed.current = tenant;
    onTenant(tenant);
  }, [tenant, onTenant]);
  return (
    <Alert
      data-testid="card-panel"
      type={tone}
      showIcon
      style={{ marginBottom: 12 }}
      title={text}
      action={
        presence === 'card' && (
          <Button size="small" onClick={() => void read()} loading={reading.isLoading}>
            {t('cards.read')}
          </Button>
        )
      }
    />
  );
}
