// A building's report by floor for a day, a month or a year: its rooms' sales (with reversals and
// refunds), the free allowance the office gave, and how often its boxes cut a forbidden load or
// a load over the limit; the building's totals below.
import { DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingSummary, DormReportFloor } from '../../../../shared/api/dorms';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { useDormReportQuery } from './dormsApi';

type Period = 'day' | 'month' | 'year';

export function DormReportView({ building }: { building: BuildingSummary }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [period, setPeriod] = useState<Period>('month');
  const [anchor, setAnchor] = useState<Dayjs>(() => dayjs());
  const from = anchor.startOf(period).format('YYYY-MM-DD');
  const to = anchor.endOf(period).format('YYYY-MM-DD');
  const report = useDormReportQuery({ buildingId: building.id, from, to });
  const yuan = (fen: number) => formatMoney(fen);
  type Row = Omit<DormReportFloor, 'floor'> & { floor: number | null };
  const rows: Row[] = report.data
    ? [...report.data.floors, { ...report.data.totals, floor: null }]
    : [];
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={(['day', 'month', 'year'] as const).map((p) => ({
            value: p,
            label: t(`reports.periods.${p}`),
          }))}
        />
        <DatePicker
          aria-label={t('reports.date')}
          allowClear={false}
          picker={period === 'day' ? 'date' : period}
          value={anchor}
          onChange={(d) => d && setAnchor(d)}
        />
        <Typography.Text type="secondary">
          {from} — {to}
        </Typography.Text>
      </Space>
      {report.error ? (
        <Typography.Text type="danger">{errorText(report.error)}</Typography.Text>
      ) : (
        <Table<Row>
          rowKey={(r) => String(r.floor ?? 'total')}
          size="small"
          loading={report.isFetching}
          pagination={false}
          dataSource={rows}
          onRow={(r) => ({ style: r.floor === null ? { fontWeight: 600 } : {} })}
          columns={[
            {
              title: t('dorms.floor'),
              dataIndex: 'floor',
              render: (f: number | null) =>
                f === null ? t('dorms.report.total') : t('dorms.floorN', { floor: f }),
            },
            { title: t('dorms.report.rooms'), dataIndex: 'rooms', align: 'right' },
            { title: t('dorms.report.sales'), dataIndex: 'salesCount', align: 'right' },
            {
              title: t('dorms.report.salesFen'),
              dataIndex: 'salesFen',
              align: 'right',
              render: yuan,
            },
            {
              title: t('dorms.report.reversalsRefunds'),
              key: 'back',
              align: 'right',
              render: (_, r) => yuan(r.reversalsFen + r.refundsFen),
            },
            {
              title: t('dorms.report.allowance'),
              dataIndex: 'allowanceFen',
              align: 'right',
              render: (fen: number, r) =>
                t('dorms.report.grants', { fen: yuan(fen), count: r.allowanceCount }),
            },
            {
              title: t('dorms.report.malignantLoads'),
              dataIndex: 'malignantLoads',
              align: 'right',
            },
            { title: t('dorms.report.overPowers'), dataIndex: 'overPowers', align: 'right' },
          ]}
        />
      )}
    </div>
  );
}
