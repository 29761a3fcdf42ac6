// 日报: one day's takings grouped the ways the office reconciles them (payment method, tariff,
// area, operator), the sales lines beneath, and the same report as PDF or Excel for the books.
import { Alert, App, Button, Card, Col, DatePicker, Empty, Row, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportGroup, ReportSaleRow } from '../../../../shared/api/ledgerTypes';
import { officeToday, officeDateTime } from '../../../../shared/officeTime';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { PageHeader } from '../../components/PageHeader';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useDailyReportFileMutation, useDailyReportQuery } from '../ledger/ledgerApi';

const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

function GroupTable({
  title,
  rows,
  label,
}: {
  title: string;
  rows: ReportGroup[];
  label?: (key: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title}>
      <Table<ReportGroup>
        size="small"
        rowKey="key"
        pagination={false}
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

export default function ReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [date, setDate] = useState(officeToday);
  const report = useDailyReportQuery(date, { skip: !date, refetchOnMountOrArgChange: true });
  const [exportFile, exporting] = useDailyReportFileMutation();

  const download = async (format: 'pdf' | 'xlsx') => {
    const result = await exportFile({ date, format });
    if ('error' in result) {
      void message.error(errorText(result.error));
      return;
    }
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), FILE_TYPES[format]);
  };

  const data = report.data;
  return (
    <div>
      <PageHeader
        title={t('reports.title')}
        extra={
          <Space>
            <DatePicker
              aria-label={t('reports.date')}
              allowClear={false}
              value={dayjs(date)}
              disabledDate={(d) => d.format('YYYY-MM-DD') > officeToday()}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            />
            <Button disabled={!data} loading={exporting.isLoading} onClick={() => download('pdf')}>
              {t('reports.pdf')}
            </Button>
            <Button disabled={!data} loading={exporting.isLoading} onClick={() => download('xlsx')}>
              {t('reports.excel')}
            </Button>
          </Space>
        }
      />
      {report.error && <Alert type="error" showIcon title={errorText(report.error)} />}
      {data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type="info"
            title={t('reports.summary', {
              sales: data.totals.salesCount,
              salesAmount: formatMoney(data.totals.salesFen),
              reversals: data.totals.reversalsCount,
              reversalsAmount: formatMoney(data.totals.reversalsFen),
              net: formatMoney(data.totals.netFen),
            })}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12} xl={6}>
              <GroupTable
                title={t('reports.byPaymentMethod')}
                rows={data.byPaymentMethod}
                label={(k) => t(`payment.${k}`)}
              />
            </Col>
            <Col xs={24} lg={12} xl={6}>
              <GroupTable title={t('reports.byTariff')} rows={data.byTariff} />
            </Col>
            <Col xs={24} lg={12} xl={6}>
              <GroupTable title={t('reports.byArea')} rows={data.byArea} />
            </Col>
            <Col xs={24} lg={12} xl={6}>
              <GroupTable title={t('reports.byOperator')} rows={data.byOperator} />
            </Col>
          </Row>
          <Card size="small" title={t('reports.lines')}>
            <Table<ReportSaleRow>
              size="small"
              rowKey="receiptNo"
              dataSource={data.sales}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('sales.receiptNo'),
                  dataIndex: 'receiptNo',
                  render: (n: number) => receiptNumber(n),
                },
                {
                  title: t('sales.time'),
                  dataIndex: 'createdAt',
                  render: (s: string) => officeDateTime(s).slice(11),
                },
                { title: t('customers.name'), dataIndex: 'customerName' },
                { title: t('reports.byArea'), dataIndex: 'area' },
                { title: t('reports.byTariff'), dataIndex: 'tariffName' },
                {
                  title: t('reports.sold'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (fen: number) => formatMoney(fen),
                },
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
          </Card>
        </Space>
      )}
    </div>
  );
}
