// The sales report's lines beneath its totals: sales, reversals, refunds and card fees, each on a
// tab, read a page at a time as the table scrolls (a year is hundreds of thousands of lines; the
// screen holds what has been scrolled to, the Excel file holds them all).
import { Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ReportLineKind,
  ReportLineOf,
  ReportSaleRow,
  SalesReport,
} from '../../../../shared/api/ledgerTypes';
import { officeDateTime } from '../../../../shared/officeTime';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { formatMoney } from '../../../../shared/units';
import { useReportLinesInfiniteQuery } from '../ledger/ledgerApi';

type Query = Pick<SalesReport, 'from' | 'to'> & SalesReport['filter'];

/** The table's height once it scrolls; a page is read when less than READ_AHEAD_PX is below. */
const TABLE_HEIGHT = 420;
const READ_AHEAD_PX = 600;
/** Up to a page of lines is a plain table (every row in the page, found by the browser's search). */
const VIRTUAL_FROM = 100;

function PagedLines<K extends ReportLineKind>({
  query,
  kind,
  count,
  columns,
}: {
  query: Query;
  kind: K;
  /** How many lines there are in all (from the report's totals). */
  count: number;
  columns: ColumnsType<ReportLineOf<K>>;
}) {
  const lines = useReportLinesInfiniteQuery({ ...query, kind });
  const rows = (lines.data?.pages ?? []).flatMap((p) => p.lines as ReportLineOf<K>[]);
  const onScroll = (e: UIEvent<HTMLElement>) => {
    const el = e.currentTarget;
    const left = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (left < READ_AHEAD_PX && lines.hasNextPage && !lines.isFetching) void lines.fetchNextPage();
  };
  return (
    <Table<ReportLineOf<K>>
      size="small"
      virtual={count > VIRTUAL_FROM}
      rowKey="receiptNo"
      loading={lines.isLoading}
      dataSource={rows}
      pagination={false}
      scroll={count > VIRTUAL_FROM ? { x: 960, y: TABLE_HEIGHT } : { x: 960 }}
      onScroll={onScroll}
      columns={columns}
      data-testid={`report-lines-${kind}`}
    />
  );
}

export function Lines({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  const query: Query = { from: report.from, to: report.to, ...report.filter };
  const [tab, setTab] = useState<ReportLineKind>('sales');
  const time = (s: string) =>
    report.period === 'day' ? officeDateTime(s).slice(11) : officeDateTime(s);
  const money = (fen: number) => formatMoney(fen);
  const receipt = { title: t('sales.receiptNo'), dataIndex: 'receiptNo', render: receiptNumber };
  const at = {
    title: t('sales.time'),
    dataIndex: 'createdAt',
    render: time,
    className: 'pt-nowrap',
  };
  const customer = { title: t('customers.name'), dataIndex: 'customerName' };
  const operator = { title: t('reports.byOperator'), dataIndex: 'operatorName' };
  const paidBy = {
    title: t('reports.byPaymentMethod'),
    dataIndex: 'paymentMethod',
    render: (m: string) => t(`payment.${m}`),
  };
  const amount = (title: string) => ({
    title,
    dataIndex: 'amountFen',
    align: 'right' as const,
    render: money,
  });
  const { salesCount, reversalsCount, refundsCount, cardFeesCount } = report.totals;
  const tabs = [
    {
      key: 'sales' as const,
      label: `${t('reports.lines')} (${salesCount})`,
      children: (
        <PagedLines
          query={query}
          kind="sales"
          count={salesCount}
          columns={[
            receipt,
            at,
            customer,
            { title: t('reports.byArea'), dataIndex: 'area' },
            { title: t('reports.byTariff'), dataIndex: 'tariffName' },
            amount(t('reports.sold')),
            paidBy,
            operator,
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
    ...(reversalsCount > 0
      ? [
          {
            key: 'reversals' as const,
            label: `${t('reports.reversals')} (${reversalsCount})`,
            children: (
              <PagedLines
                query={query}
                kind="reversals"
                count={reversalsCount}
                columns={[
                  receipt,
                  at,
                  customer,
                  {
                    title: t('reports.saleReceipt'),
                    dataIndex: 'saleReceiptNo',
                    render: receiptNumber,
                  },
                  amount(t('reports.amount')),
                  paidBy,
                  operator,
                ]}
              />
            ),
          },
        ]
      : []),
    {
      key: 'refunds' as const,
      label: `${t('reports.refunds')} (${refundsCount})`,
      children: (
        <PagedLines
          query={query}
          kind="refunds"
          count={refundsCount}
          columns={[
            receipt,
            at,
            customer,
            {
              title: t('refund.kind'),
              dataIndex: 'kind',
              render: (k: string) => t(`refund.kinds.${k}`),
            },
            { title: t('refund.reason'), dataIndex: 'reason' },
            amount(t('refund.amount')),
            operator,
          ]}
        />
      ),
    },
    ...(cardFeesCount > 0
      ? [
          {
            key: 'cardFees' as const,
            label: `${t('reports.cardFees')} (${cardFeesCount})`,
            children: (
              <PagedLines
                query={query}
                kind="cardFees"
                count={cardFeesCount}
                columns={[
                  receipt,
                  at,
                  customer,
                  { title: t('cards.cardNo'), dataIndex: 'cardNo' },
                  {
                    title: t('reports.cardFee'),
                    dataIndex: 'kind',
                    render: (k: string) => t(`reports.feeKinds.${k}`),
                  },
                  amount(t('reports.amount')),
                  operator,
                ]}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <Tabs
      activeKey={tabs.some((x) => x.key === tab) ? tab : 'sales'}
      onChange={(key) => setTab(key as ReportLineKind)}
      items={tabs}
    />
  );
}
