// 售电报表: a day, a month, a year or any range, with an optional customer, meter or operator;
// the totals grouped the ways the office reconciles, the chart, the lines, and PDF or Excel.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  Row,
  Segmented,
  Select,
  Space,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officeToday } from '../../../../shared/officeTime';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import {
  useSalesReportFileMutation,
  useReportOperatorsQuery,
  useSalesReportQuery,
} from '../ledger/ledgerApi';
import { useExcelExport } from './ExcelExport';
import { FILE_TYPES } from './fileTypes';
import { GroupTable } from './GroupTable';
import { Lines } from './Lines';
import { PeriodChart } from './PeriodChart';

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

export function SalesTab() {
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

  const excel = useExcelExport();

  const download = async (format: 'pdf' | 'xlsx') => {
    // Excel has every line (a year's is hundreds of thousands): written in the background.
    if (format === 'xlsx') return excel.run(query);
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
          <Button disabled={!data} loading={excel.busy} onClick={() => download('xlsx')}>
            {t('reports.excel')}
          </Button>
        </Space.Compact>
      </Space>
      {excel.dialog}
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
            <GroupTable
              title={t('reports.byCustomer')}
              note={
                data.customerCount > data.byCustomer.length
                  ? t('reports.byCustomerTop', {
                      shown: data.byCustomer.length,
                      count: data.customerCount,
                    })
                  : undefined
              }
              rows={data.byCustomer}
              pageSize={10}
            />
          )}
          <Card size="small">
            <Lines report={data} />
          </Card>
        </>
      )}
    </Space>
  );
}
