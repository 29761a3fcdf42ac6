// 卡片 (F3): put a card on the reader and read it. Everything on it is shown decoded, what the
// books know of it beside, and a meter's write-back (or a management card's results) goes into the
// books as it is read, with anything inspection found in it. The card can be rewritten from the
// books or, once no longer in use, erased. Supervisors make management cards here.
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardReadView } from '../../../../shared/api/cards';
import type { Language } from '../../../../shared/errors';
import { describeFinding } from '../../../../shared/inspectionText';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { officeDateTime } from '../../../../shared/officeTime';
import { formatEnergy, formatMoney } from '../../../../shared/units';
import { useErrorText, useNotifyError } from '../../app/hooks';
import { PageHeader } from '../../components/PageHeader';
import { useEraseCardMutation, useReadersQuery, useRewriteCardMutation } from './cardsApi';
import { useCardOnReader } from './useCardOnReader';
import {
  ManagementCardList,
  ManagementCardMaker,
  useDescribeContents,
  useDescribeResults,
} from './ManagementCards';

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

function CardDetails({ card }: { card: CardReadView }) {
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

export function CardsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const readers = useReadersQuery();
  // Put a card on the reader and it is read; take it off and the page says so.
  const { presence, read, reading } = useCardOnReader();
  const list = readers.data;
  const supervisor = isSupervisor(role);
  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader title={t('cards.title')} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('cards.reader')}>
          {list && !list.available && (
            <Alert
              type="warning"
              showIcon
              title={t('cards.readerUnavailable')}
              description={list.reason}
            />
          )}
          {list?.available && (
            <Space wrap>
              {list.readers.length === 0 && <span>{t('cards.noReaders')}</span>}
              {list.readers.map((r) => (
                <Tag key={r.name} color={r.atr ? 'green' : 'default'}>
                  {r.name}
                  {list.chosen === r.name ? ` · ${t('cards.chosen')}` : ''}
                  {r.atr ? ` · ${t('cards.cardPresent')}` : ''}
                </Tag>
              ))}
              <Button size="small" onClick={() => void readers.refetch()}>
                {t('printing.refresh')}
              </Button>
            </Space>
          )}
          <div style={{ marginTop: 12 }}>
            <Button type="primary" loading={reading.isLoading} onClick={() => void read()}>
              {t('cards.read')}
            </Button>
          </div>
        </Card>
        {presence === 'no-card' && !reading.data && (
          <Alert type="info" showIcon title={t('cards.putCard')} />
        )}
        {reading.error && <Alert type="error" showIcon title={errorText(reading.error)} />}
        {reading.data && !reading.isLoading && (
          <Card
            size="small"
            title={t('cards.onReader', { reader: reading.data.reader })}
            extra={<CardActions card={reading.data} supervisor={supervisor} onDone={read} />}
          >
            <CardDetails card={reading.data} />
          </Card>
        )}
        {supervisor && <ManagementCardMaker />}
        {supervisor && <ManagementCardList />}
      </Space>
    </div>
  );
}

/** What inspection found in the write-back just read: said at once, to the person holding the card. */
function Findings({ card }: { card: CardReadView }) {
  const { t, i18n } = useTranslation();
  if (card.findings.length === 0) return null;
  return (
    <Alert
      type={card.findings.some((f) => f.severity === 'critical') ? 'error' : 'warning'}
      showIcon
      data-testid="card-findings"
      title={t('cards.findings')}
      description={card.findings
        .map((f) => describeFinding(f.rule, {}, i18n.language as Language).title)
        .join('；')}
    />
  );
}

function ManagementDetails({ card }: { card: CardReadView }) {
  const { t } = useTranslation();
  const contents = useDescribeContents();
  const results = useDescribeResults();
  const made = card.management!;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      title={t('management.onCard')}
      items={[
        {
          key: 's',
          label: t('management.status'),
          children: `${t(`management.statuses.${made.status}`)} · ${officeDateTime(made.madeAt)} ${made.madeBy}`,
        },
        ...(contents(made)
          ? [{ key: 'c', label: t('management.contentsTitle'), children: contents(made) }]
          : []),
        {
          key: 'r',
          label: t('management.resultsTitle'),
          children:
            made.results.length === 0
              ? t('management.noResults')
              : results(made).map((line) => <div key={line}>{line}</div>),
        },
      ]}
    />
  );
}

/** 重写 a tenant's card from the books; 擦除 a card no longer in use (supervisors). */
function CardActions({
  card,
  supervisor,
  onDone,
}: {
  card: CardReadView;
  supervisor: boolean;
  onDone: () => unknown;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [rewrite, rewriting] = useRewriteCardMutation();
  const [erase, erasing] = useEraseCardMutation();
  const live = card.ledger && ['active', 'issuing'].includes(card.ledger.card.status);
  const ours = card.cardNo !== null && (card.status === 'valid' || card.status === 'corrupt');
  return (
    <Space>
      {live && card.ledger!.card.status === 'active' && (
        <Popconfirm
          title={t('cards.rewrite')}
          description={t('cards.rewriteConfirm', { cardNo: card.cardNo })}
          onConfirm={async () => {
            const result = await rewrite({ accountId: card.ledger!.accountId });
            if ('error' in result) return notifyError(result.error);
            void message.success(t('cards.rewritten', { cardNo: result.data.cardNo }));
            onDone();
          }}
        >
          <Button size="small" loading={rewriting.isLoading}>
            {t('cards.rewrite')}
          </Button>
        </Popconfirm>
      )}
      {supervisor && ours && !live && (
        <Popconfirm
          title={t('cards.erase')}
          description={t('cards.eraseConfirm', { cardNo: card.cardNo })}
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            const result = await erase();
            if ('error' in result) return notifyError(result.error);
            void message.success(t('cards.erased', { cardNo: result.data.cardNo }));
            onDone();
          }}
        >
          <Button size="small" danger loading={erasing.isLoading}>
            {t('cards.erase')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
