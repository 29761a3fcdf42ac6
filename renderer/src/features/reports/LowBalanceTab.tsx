// 低余额用户: accounts whose meter was last seen holding less than a threshold, lowest first.
import { Alert, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LowBalanceRow } from '../../../../shared/api/ledgerTypes';
import { officeDateTime } from '../../../../shared/officeTime';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { useLowBalanceQuery } from '../ledger/ledgerApi';

export function LowBalanceTab() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [thresholdYuan, setThresholdYuan] = useState(50);
  const rows = useLowBalanceQuery(
    { thresholdFen: Math.round(thresholdYuan * 100) },
    {
      refetchOnMountOrArgChange: true,
    },
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <span>{t('reports.threshold')}</span>
        <InputNumber<number>
          aria-label={t('reports.threshold')}
          min={0}
          max={100_000}
          step={10}
          value={thresholdYuan}
          onChange={(v) => v !== null && setThresholdYuan(v)}
          addonAfter="元"
        />
      </Space>
      {rows.error && <Alert type="error" showIcon title={errorText(rows.error)} />}
      <Table<LowBalanceRow>
        size="small"
        rowKey="accountId"
        loading={rows.isFetching}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('sales.customerNo'), dataIndex: 'customerNo' },
          { title: t('customers.name'), dataIndex: 'customerName' },
          { title: t('sales.shopUnit'), dataIndex: 'shopUnit' },
          { title: t('customers.phone'), dataIndex: 'phone' },
          { title: t('reports.meterQuery'), dataIndex: 'meterNo' },
          {
            title: t('reports.remaining'),
            dataIndex: 'meterRemainingFen',
            align: 'right',
            render: (fen: number) => formatMoney(fen),
          },
          {
            title: t('reports.seenAt'),
            dataIndex: 'meterRemainingAt',
            render: (s: string) => officeDateTime(s),
          },
          {
            title: t('reports.lastSale'),
            dataIndex: 'lastSaleAt',
            render: (s: string | null) => (s ? officeDateTime(s) : '—'),
          },
        ]}
      />
    </Space>
  );
}
