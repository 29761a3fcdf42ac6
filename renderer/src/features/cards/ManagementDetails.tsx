// A management card read: what it was made to do, and what the meters it met reported back.
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardReadView } from '../../../../shared/api/cards';
import { officeDateTime } from '../../../../shared/officeTime';
import { useDescribeContents, useDescribeResults } from './describeManagement';

export function ManagementDetails({ card }: { card: CardReadView }) {
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
