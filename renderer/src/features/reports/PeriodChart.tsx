// The period's sales day by day (or month by month), as a chart.
import { Card } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '../../../../shared/api/ledgerTypes';
import { formatYuan } from '../../../../shared/units';
import { BarChart } from '../../components/BarChart';

export function PeriodChart({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  const { points } = report.series;
  const categories = useMemo(
    () => points.map((p) => (report.series.unit === 'day' ? p.key.slice(5) : p.key)),
    [points, report.series.unit],
  );
  const series = useMemo(
    () => [
      { name: t('reports.sold'), values: points.map((p) => p.salesFen), color: '#1f6f8b' },
      {
        name: t('reports.givenBack'),
        values: points.map((p) => p.reversalsFen + p.refundsFen),
        color: '#d48806',
      },
    ],
    [points, t],
  );
  return (
    <Card size="small" title={t('reports.chart')}>
      <BarChart
        label={t('reports.chart')}
        categories={categories}
        series={series}
        format={(fen) => formatYuan(fen)}
      />
    </Card>
  );
}
