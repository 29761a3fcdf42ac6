// 报表: sales for a day, a month, a year or any range, grouped the ways the office reconciles
// them (payment method, tariff, area, operator, customer), with a chart of the period, the lines
// beneath, an optional customer / meter query, the same report as PDF or Excel for the books, and
// the accounts running low on credit, and the history of every tariff's prices.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  LowBalanceRow,
  ReportGroup,
  ReportCardFeeRow,
  ReportRefundRow,
  ReportSaleRow,
  SalesReport,
} from '../../../../shared/api/ledgerTypes';
import { officeDateTime, officeToday } from '../../../../shared/officeTime';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { formatMoney, formatYuan } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { BarChart } from '../../components/BarChart';
import { PageHeader } from '../../components/PageHeader';
import { base64ToBytes, downloadFile } from '../../components/download';
import {
  useLowBalanceQuery,
  useSalesReportFileMutation,
  useReportOperatorsQuery,
  useSalesReportQuery,
  useTariffHistoryFileMutation,
  useTariffsQuery,
} from '../ledger/ledgerApi';
import { useDescribe } from '../tariffs/TariffsPage';

const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

type Period = 'day' | 'month' | 'year' | 'range';

/** The office days a period picked on screen covers. */
function rangeOf(period: Period, anchor: Dayjs, range: [Dayjs, Dayjs]) {
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  switch (period) {
    case 'day':
      return { from: day(anchor), to: day(anchor) };
    case 'month':
      return { from: day(anchor.startOf('month')), to: day(anchor.endOf('month')) };
    case 'year':
      return { from: day(anchor.startOf('year')), to: day(anchor.endOf('year')) };
    default:
      return { from: day(range[0]), to: day(range[1]) };
  }
}

function GroupTable({
  title,
  rows,
  label,
  pageSize,
}: {
  title: string;
  rows: ReportGroup[];
  label?: (key: string) => string;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title}>
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

function PeriodChart({ report }: { report: SalesReport }) {
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

function Lines({ report }: { report: SalesReport }) {
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

function SalesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const today = dayjs(officeToday());
  const [period, setPeriod] = useState<Period>('day');
  const [anchor, setAnchor] = useState(today);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const [customer, setCustomer] = useState('');
  const [meterNo, setMeterNo] = useState('');
  const [operatorId, setOperatorId] = useState<number | undefined>(undefined);
  const operators = useReportOperatorsQuery();
  const query = {
    ...rangeOf(period, anchor, range),
    ...(customer.trim() && { customer: customer.trim() }),
    ...(meterNo.trim() && { meterNo: meterNo.trim() }),
    ...(operatorId !== undefined && { operatorId }),
  };
  const report = useSalesReportQuery(query, { refetchOnMountOrArgChange: true });
  const [exportFile, exporting] = useSalesReportFileMutation();

  const download = async (format: 'pdf' | 'xlsx') => {
    const result = await exportFile({ ...query, format });
    if ('error' in result) {
      void message.error(errorText(result.error));
      return;
    }
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), FILE_TYPES[format]);
  };

  const future = (d: Dayjs) => d.isAfter(today, 'day');
  const data = report.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={(['day', 'month', 'year', 'range'] as const).map((p) => ({
            value: p,
            label: t(`reports.periods.${p}`),
          }))}
        />
        {period === 'range' ? (
          <DatePicker.RangePicker
            aria-label={t('reports.date')}
            allowClear={false}
            value={range}
            disabledDate={future}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        ) : (
          <DatePicker
            aria-label={t('reports.date')}
            allowClear={false}
            picker={period === 'day' ? 'date' : period}
            value={anchor}
            disabledDate={future}
            onChange={(d) => d && setAnchor(d)}
          />
        )}
        <Input.Search
          allowClear
          style={{ width: 170 }}
          placeholder={t('reports.customerQuery')}
          aria-label={t('reports.customerQuery')}
          onSearch={setCustomer}
        />
        <Input.Search
          allowClear
          style={{ width: 140 }}
          placeholder={t('reports.meterQuery')}
          aria-label={t('reports.meterQuery')}
          onSearch={setMeterNo}
        />
        <Select<number>
          allowClear
          style={{ width: 130 }}
          placeholder={t('reports.operatorQuery')}
          aria-label={t('reports.operatorQuery')}
          value={operatorId}
          onChange={(value) => setOperatorId(value)}
          options={(operators.data ?? []).map((op) => ({
            value: op.id,
            label: op.active
              ? op.displayName
              : t('reports.operatorDisabledName', { name: op.displayName }),
          }))}
        />
        {/* Side by side as one control: the toolbar stays one line at 1366×768. */}
        <Space.Compact>
          <Button disabled={!data} loading={exporting.isLoading} onClick={() => download('pdf')}>
            {t('reports.pdf')}
          </Button>
          <Button disabled={!data} loading={exporting.isLoading} onClick={() => download('xlsx')}>
            {t('reports.excel')}
          </Button>
        </Space.Compact>
      </Space>
      {report.error && <Alert type="error" showIcon title={errorText(report.error)} />}
      {data && (
        <>
          <Alert
            type="info"
            title={
              t('reports.summary', {
                sales: t('reports.salesCount', { count: data.totals.salesCount }),
                salesAmount: formatMoney(data.totals.salesFen),
                reversals: t('reports.reversalsCount', { count: data.totals.reversalsCount }),
                reversalsAmount: formatMoney(data.totals.reversalsFen),
                refunds: t('reports.refundsCount', { count: data.totals.refundsCount }),
                refundsAmount: formatMoney(data.totals.refundsFen),
                net: formatMoney(data.totals.netFen),
              }) +
              (data.totals.cardFeesCount > 0
                ? t('reports.feesSummary', {
                    fees: t('reports.feesCount', { count: data.totals.cardFeesCount }),
                    feesAmount: formatMoney(data.totals.cardFeesFen),
                  })
                : '') +
              (data.totals.grantsCount > 0
                ? t('reports.grantsSummary', {
                    count: data.totals.grantsCount,
                    amount: formatMoney(data.totals.grantsFen),
                  })
                : '') +
              (data.totals.cardFeesCount > 0 || data.totals.grantsCount > 0
                ? t('reports.collectedSummary', {
                    collected: formatMoney(data.totals.collectedFen),
                  })
                : '')
            }
          />
          {data.period !== 'day' && <PeriodChart report={data} />}
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
          {data.period !== 'day' && (
            <GroupTable title={t('reports.byCustomer')} rows={data.byCustomer} pageSize={10} />
          )}
          <Card size="small">
            <Lines report={data} />
          </Card>
        </>
      )}
    </Space>
  );
}

function LowBalanceTab() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [thresholdYuan, setThresholdYuan] = useState(50);
  const rows = useLowBalanceQuery(Math.round(thresholdYuan * 100), {
    refetchOnMountOrArgChange: true,
  });
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

/** 电价历史: every version of every tariff, newest first, with when it took effect. */
function TariffHistoryTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tariffs = useTariffsQuery();
  const describe = useDescribe();
  const now = new Date().toISOString();
  const rows = (tariffs.data ?? [])
    .flatMap((tariff) =>
      tariff.versions.map((v) => ({
        key: v.id,
        name: tariff.name,
        effectiveFrom: v.effectiveFrom,
        createdAt: v.createdAt,
        definition: v.definition,
        inForce: tariff.current?.id === v.id,
      })),
    )
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const [exportFile, exporting] = useTariffHistoryFileMutation();
  const download = async (format: 'pdf' | 'xlsx') => {
    const result = await exportFile({ format });
    if ('error' in result) return void message.error(errorText(result.error));
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), FILE_TYPES[format]);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Button loading={exporting.isLoading} onClick={() => download('pdf')}>
          {t('reports.pdf')}
        </Button>
        <Button loading={exporting.isLoading} onClick={() => download('xlsx')}>
          {t('reports.excel')}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="key"
        loading={tariffs.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('tariffs.name'), dataIndex: 'name' },
          {
            title: t('tariffs.effectiveFrom'),
            dataIndex: 'effectiveFrom',
            render: (at: string, row) => (
              <Space>
                {officeDateTime(at)}
                {row.inForce && <Tag color="green">{t('reports.inForce')}</Tag>}
                {at > now && <Tag color="blue">{t('reports.scheduled')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('tariffs.kind'),
            key: 'kind',
            render: (_, row) => t(`tariffs.kinds.${row.definition.kind}`),
          },
          { title: t('tariffs.price'), key: 'price', render: (_, row) => describe(row.definition) },
          {
            title: t('reports.enteredAt'),
            dataIndex: 'createdAt',
            render: (at: string) => officeDateTime(at),
          },
        ]}
      />
    </Space>
  );
}

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
