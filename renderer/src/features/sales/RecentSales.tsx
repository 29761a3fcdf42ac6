// The account's last sales as the ledger now has them: status, receipt reprint, and 冲正 of the
// latest while the meter has not loaded it.
import { Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMay } from '../../app/permissions';
import { useSettingsQuery } from '../settings/settingsApi';
import type { PaymentMethod, SaleView } from '../../../../shared/api/ledgerTypes';
import { formatYuan } from '../../../../shared/units';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { usePrintReceipt } from '../ledger/usePrintReceipt';
import { formatOfficeTime } from '../../components/officeClock';
import { useSalesQuery } from '../ledger/ledgerApi';
import { ReverseDialog } from './ReverseDialog';

export function RecentSales({
  accountId,
  loadedCount,
}: {
  accountId: number;
  loadedCount: number;
}) {
  const office = useSettingsQuery().data;
  // Who may approve signs off their own reversal; anyone else has it signed at the till.
  const needsApproval = !useMay('approve') && office?.reversalNeedsApproval === true;
  const { t, i18n } = useTranslation();
  const [reversing, setReversing] = useState<SaleView | null>(null);
  const sales = useSalesQuery({ accountId, limit: 10 });
  const [printReceipt] = usePrintReceipt();
  // Only the latest sale, while the meter has not loaded it, can be reversed (the backend checks
  // again against the card).
  const latest = (sales.data ?? []).find((s) => s.status === 'committed');
  const reversible = latest && latest.purchaseCount > loadedCount ? latest.id : undefined;
  return (
    <Card size="small" title={t('sales.recent')} className="pt-sale-recent">
      <Table<SaleView>
        size="small"
        rowKey="id"
        pagination={false}
        loading={sales.isLoading}
        dataSource={sales.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="—" /> }}
        columns={[
          {
            title: t('sales.receiptNo'),
            dataIndex: 'receiptNo',
            render: (n: number) => receiptNumber(n),
          },
          {
            title: t('sales.time'),
            dataIndex: 'createdAt',
            render: (at: string) => formatOfficeTime(at, i18n.language),
          },
          {
            title: t('sales.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (fen: number) => formatYuan(fen),
          },
          { title: 'N', dataIndex: 'purchaseCount', align: 'right' },
          {
            title: t('sales.payment'),
            dataIndex: 'paymentMethod',
            render: (m: PaymentMethod) => t(`payment.${m}`),
          },
          { title: t('sales.operator'), dataIndex: 'operatorName' },
          {
            title: t('sales.status'),
            dataIndex: 'status',
            render: (status: SaleView['status']) => (
              <Tag
                color={status === 'committed' ? 'green' : status === 'voided' ? 'default' : 'gold'}
              >
                {t(`saleStatus.${status}`)}
              </Tag>
            ),
          },
          {
            title: '',
            key: 'print',
            render: (_, sale) => (
              <Space size={0}>
                {sale.status !== 'pending' && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => void printReceipt(sale.receiptNo)}
                  >
                    {t('sales.reprint')}
                  </Button>
                )}
                {sale.id === reversible && (
                  <Button type="link" size="small" danger onClick={() => setReversing(sale)}>
                    {t('sales.reverse')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {reversing && (
        <ReverseDialog
          sale={reversing}
          needsApproval={needsApproval}
          onClose={() => setReversing(null)}
          onPrint={printReceipt}
        />
      )}
    </Card>
  );
}
