// The management cards made here, newest first: kind, what each carries, its status and results.
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ManagementCardView } from '../../../../shared/api/cards';
import { officeDateTime } from '../../../../shared/officeTime';
import { useManagementCardsQuery } from './cardsApi';
import { useDescribeContents } from './describeManagement';
import { useDescribeResults } from './describeManagement';

const STATUS_COLORS: Record<ManagementCardView['status'], string> = {
  making: 'orange',
  made: 'green',
  void: 'default',
  superseded: 'default',
  erased: 'default',
};

export function ManagementCardList() {
  const { t } = useTranslation();
  const cards = useManagementCardsQuery({});
  const contents = useDescribeContents();
  const results = useDescribeResults();
  return (
    <Card size="small" title={t('management.list')}>
      <Table<ManagementCardView>
        rowKey="id"
        size="small"
        loading={cards.isFetching}
        dataSource={cards.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('cards.cardNo'), dataIndex: 'cardNo', width: 130 },
          {
            title: t('management.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: string) => t(`cards.kind.${k}`),
          },
          {
            title: t('management.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: ManagementCardView['status']) => (
              <Tag color={STATUS_COLORS[s]}>{t(`management.statuses.${s}`)}</Tag>
            ),
          },
          { title: t('management.contentsTitle'), key: 'contents', render: (_, c) => contents(c) },
          {
            title: t('management.resultsTitle'),
            key: 'results',
            render: (_, c) =>
              c.results.length === 0 ? (
                <span className="pt-hint">{t('management.noResults')}</span>
              ) : (
                results(c).map((line) => <div key={line}>{line}</div>)
              ),
          },
          {
            title: t('management.madeAt'),
            key: 'made',
            width: 170,
            render: (_, c) => `${officeDateTime(c.madeAt)} ${c.madeBy}`,
          },
        ]}
      />
    </Card>
  );
}
