// 报表: sales for a day, a month, a year or any range, grouped the ways the office reconciles
// them (payment method, tariff, area, operator, customer), with a chart of the period, the lines
// beneath, an optional customer / meter query, the same report as PDF or Excel for the books, and
// the accounts running low on credit, and the history of every tariff's prices.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { LowBalanceTab } from './LowBalanceTab';
import { SalesTab } from './SalesTab';
import { TariffHistoryTab } from './TariffHistoryTab';

export default function ReportsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('reports.title')} />
      <Tabs
        items={[
          { key: 'sales', label: t('reports.salesTab'), children: <SalesTab /> },
          { key: 'low', label: t('reports.lowBalanceTab'), children: <LowBalanceTab /> },
          { key: 'tariffs', label: t('reports.tariffHistoryTab'), children: <TariffHistoryTab /> },
        ]}
      />
    </div>
  );
}
