// 卡片 (F3): put a card on the reader and read it. Everything on it is shown decoded, what the
// books know of it beside, and a meter's write-back (or a management card's results) goes into the
// books as it is read, with anything inspection found in it. The card can be rewritten from the
// books or, once no longer in use, erased. Supervisors make management cards here.
import { Alert, Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMayCall } from '../../app/permissions';
import { useErrorText } from '../../app/hooks';
import { PageHeader } from '../../components/PageHeader';
import { useReadersQuery } from './cardsApi';
import { useCardOnReader } from './useCardOnReader';
import { ManagementCardList } from './ManagementCardList';
import { ManagementCardMaker } from './ManagementCardMaker';
import { CardActions } from './CardActions';
import { CardDetails } from './CardDetails';

export function CardsPage() {
  const mayCall = useMayCall();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const readers = useReadersQuery();
  // Put a card on the reader and it is read; take it off and the page says so.
  const { presence, read, reading } = useCardOnReader();
  const list = readers.data;
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
            extra={<CardActions card={reading.data} onDone={read} />}
          >
            <CardDetails card={reading.data} />
          </Card>
        )}
        {mayCall('cards.makeManagement') && <ManagementCardMaker />}
        {mayCall('cards.managementList') && <ManagementCardList />}
      </Space>
    </div>
  );
}
