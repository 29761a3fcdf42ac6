// A card just read, in full: its kind and status, its number, account and tenant, what it carries
// for the meter (purchases, money) and what the meter wrote back (balance, readings, tamper flags).
import { Alert, Collapse, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardReadView } from '../../../../shared/api/cards';
import { formatEnergy, formatMoney } from '../../../../shared/units';
import { Findings } from './Findings';
import { ManagementDetails } from './ManagementDetails';

const STATUS_COLORS: Record<string, string> = {
  valid: 'green',
  blank: 'default',
  'other-office': 'orange',
  forged: 'red',
  corrupt: 'red',
  'unknown-layout': 'orange',
};

type Values = Record<string, number | string | boolean | null>;
const num = (values: Values | undefined, name: string) => (values?.[name] as number) ?? 0;

export function CardDetails({ card }: { card: CardReadView }) {
  const { t } = useTranslation();
  const purchase = card.blocks.purchase as Values | undefined;
  const back = card.blocks.writeBack as Values | undefined;
  const tamper = num(back, 'tamperFlags');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={STATUS_COLORS[card.status] ?? 'default'} data-testid="card-status">
          {t(`cards.status.${card.status}`, { defaultValue: card.status })}
        </Tag>
        {card.kind && <Tag>{t(`cards.kind.${card.kind}`, { defaultValue: card.kind })}</Tag>}
        {card.cardNo && (
          <span>
            {t('cards.cardNo')} <b>{card.cardNo}</b>
          </span>
        )}
        {card.observed && <Tag color="blue">{t('cards.observed')}</Tag>}
      </Space>
      {card.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('cards.problems')}
          description={card.problems.join('；')}
        />
      )}
      {card.ledger && !['active', 'issuing'].includes(card.ledger.card.status) && (
        <Alert
          type="warning"
          showIcon
          data-testid="card-dead"
          title={t('cards.deadCard', {
            status: t(`cards.ledgerStatuses.${card.ledger.card.status}`),
          })}
        />
      )}
      <Findings card={card} />
      {card.management && <ManagementDetails card={card} />}
      {card.ledger && (
        <Descriptions
          size="small"
          bordered
          column={2}
          title={t('cards.ledger')}
          items={[
            {
              key: 'c',
              label: t('sales.customerNo'),
              children: `${card.ledger.customerNo} ${card.ledger.customerName}`,
            },
            { key: 'a', label: t('cards.accountNo'), children: card.ledger.accountNo },
            { key: 'm', label: t('sales.meterNo'), children: card.ledger.meterNo },
            {
              key: 's',
              label: t('cards.ledgerStatus'),
              children: t(`cards.ledgerStatuses.${card.ledger.card.status}`),
            },
          ]}
        />
      )}
      {purchase && (
        <Descriptions
          size="small"
          bordered
          column={2}
          title={t('cards.purchase')}
          items={[
            { key: 'n', label: t('cards.purchaseCount'), children: num(purchase, 'purchaseCount') },
            {
              key: 'l',
              label: t('cards.lastPurchase'),
              children: formatMoney(num(purchase, 'lastPurchaseFen')),
            },
            {
              key: 'c',
              label: t('cards.cumulative'),
              children: formatMoney(num(purchase, 'cumulativePurchasedFen')),
            },
            {
              key: 'h',
              label: t('cards.hoarding'),
              children: formatMoney(num(purchase, 'hoardingFen')),
            },
          ]}
        />
      )}
      {back && (
        <Descriptions
          size="small"
          bordered
          column={2}
          title={t('cards.writeBack')}
          items={
            back.present
              ? [
                  { key: 'm', label: t('cards.loadedCount'), children: num(back, 'loadedCount') },
                  {
                    key: 'r',
                    label: t('cards.remaining'),
                    children: formatMoney(num(back, 'remainingFen')),
                  },
                  {
                    key: 'e',
                    label: t('cards.energy'),
                    children: `${formatEnergy(num(back, 'cumulativeEnergy'))} kWh`,
                  },
                  {
                    key: 'i',
                    label: t('cards.illegalInserts'),
                    children: num(back, 'illegalInsertCount'),
                  },
                  {
                    key: 't',
                    label: t('cards.tamper'),
                    children: tamper ? (
                      <Tag color="red">{t('cards.tamperFlags', { flags: tamper })}</Tag>
                    ) : (
                      t('cards.none')
                    ),
                  },
                  { key: 'w', label: t('cards.writtenAt'), children: String(back.writtenAt ?? '') },
                ]
              : [{ key: 'x', label: t('cards.writeBack'), children: t('cards.noWriteBack') }]
          }
        />
      )}
      <Collapse
        size="small"
        items={[
          {
            key: 'hex',
            label: t('cards.raw'),
            children: (
              <Typography.Paragraph copyable code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {card.hex}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Space>
  );
}
