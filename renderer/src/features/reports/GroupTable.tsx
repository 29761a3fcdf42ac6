// One grouping of the sales report's totals (by payment method, tariff, area, operator …).
import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportGroup } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';

export function GroupTable({
  title,
  rows,
  label,
  pageSize,
  note,
}: {
  title: string;
  /** Beside the title: what the table leaves out. */
  note?: string | undefined;
  rows: ReportGroup[];
  label?: (key: string) => string;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} extra={note && <span className="pt-hint">{note}</span>}>
      <Table<ReportGroup>
        size="small"
        rowKey="key"
        pagination={pageSize ? { pageSize, hideOnSinglePage: true, size: 'small' } : false}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title, dataIndex: 'key', render: (k: string) => (label ? label(k) : k || '—') },
          { title: t('reports.count'), dataIndex: 'count', align: 'right' },
          {
            title: t('reports.net'),
            dataIndex: 'netFen',
            align: 'right',
            render: (fen: number) => formatMoney(fen),
          },
        ]}
      />
    </Card>
  );
}
