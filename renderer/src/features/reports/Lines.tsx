// The sales report's lines beneath its totals: sales, reversals, refunds and card fees.
import { Alert, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ReportCardFeeRow,
  ReportRefundRow,
  ReportSaleRow,
  SalesReport,
} from '../../../../shared/api/ledgerTypes';
import { officeDateTime } from '../../../../shared/officeTime';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { formatMoney } from '../../../../shared/units';

export function Lines({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  if (!report.lines)
    return (
      <Alert type="info" showIcon title={t('reports.tooManyLines', { count: report.lineCount })} />
    );
  const time = (s: string) =>
    report.period === 'day' ? officeDateTime(s).slice(11) : officeDateTime(s);
  const money = (fen: number) => formatMoney(fen);
  return (
    <Tabs
      items={[
        {
          key: 'sales',
          label: `${t('reports.lines')} (${report.lines.sales.length})`,
          children: (
            <Table<ReportSaleRow>
              size="small"
              rowKey="receiptNo"
              dataSource={report.lines.sales}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('sales.receiptNo'), dataIndex: 'receiptNo', render: receiptNumber },
                { title: t('sales.time'), dataIndex: 'createdAt', render: time },
                { title: t('customers.name'), dataIndex: 'customerName' },
                { title: t('reports.byArea'), dataIndex: 'area' },
                { title: t('reports.byTariff'), dataIndex: 'tariffName' },
                { title: t('reports.sold'), dataIndex: 'amountFen', align: 'right', render: money },
                {
                  title: t('reports.byPaymentMethod'),
                  dataIndex: 'paymentMethod',
                  render: (m: string) => t(`payment.${m}`),
                },
                { title: t('reports.byOperator'), dataIndex: 'operatorName' },
                {
                  title: '',
                  dataIndex: 'status',
                  render: (s: ReportSaleRow['status']) =>
                    s === 'reversed' ? <Tag color="orange">{t('reports.reversed')}</Tag> : null,
                },
              ]}
            />
          ),
        },
        {
          key: 'refunds',
          label: `${t('reports.refunds')} (${report.lines.refunds.length})`,
          children: (
            <Table<ReportRefundRow>
              size="small"
              rowKey="receiptNo"
              dataSource={report.lines.refunds}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('sales.receiptNo'), dataIndex: 'receiptNo', render: receiptNumber },
                { title: t('sales.time'), dataIndex: 'createdAt', render: time },
                { title: t('customers.name'), dataIndex: 'customerName' },
                {
                  title: t('refund.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => t(`refund.kinds.${k}`),
                },
                { title: t('refund.reason'), dataIndex: 'reason' },
                {
                  title: t('refund.amount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: money,
                },
                { title: t('reports.byOperator'), dataIndex: 'operatorName' },
              ]}
            />
          ),
        },
        ...(report.lines.cardFees.length > 0
          ? [
              {
                key: 'cardFees',
                label: `${t('reports.cardFees')} (${report.lines.cardFees.length})`,
                children: (
                  <Table<ReportCardFeeRow>
                    size="small"
                    rowKey="receiptNo"
                    dataSource={report.lines.cardFees}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    columns={[
                      {
                        title: t('sales.receiptNo'),
                        dataIndex: 'receiptNo',
                        render: receiptNumber,
                      },
                      { title: t('sales.time'), dataIndex: 'createdAt', render: time },
                      { title: t('customers.name'), dataIndex: 'customerName' },
                      { title: t('cards.cardNo'), dataIndex: 'cardNo' },
                      {
                        title: t('reports.cardFee'),
                        dataIndex: 'kind',
                        render: (k: ReportCardFeeRow['kind']) => t(`reports.feeKinds.${k}`),
                      },
                      {
                        title: t('reports.amount'),
                        dataIndex: 'amountFen',
                        align: 'right',
                        render: money,
                      },
                      { title: t('reports.byOperator'), dataIndex: 'operatorName' },
                    ]}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
