// A running or finished batch: how far it got, and each member's result.
import { Button, Card, Progress, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { meterNoColumn, customerColumn, shopColumn } from './columns';
import { type BatchResult } from '../../../../shared/api/meterLink';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { useBatchQuery, useCancelBatchMutation } from './metersApi';

const RESULT_COLORS: Record<BatchResult['state'], string> = {
  waiting: 'default',
  ok: 'green',
  sent: 'blue',
  failed: 'red',
  cancelled: 'default',
};

export function BatchProgress({
  id,
  retrying,
  onRetry,
}: {
  id: number;
  retrying: boolean;
  onRetry: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const batch = useBatchQuery({ id });
  const [cancel, cancelling] = useCancelBatchMutation();
  const b = batch.data;
  if (!b) return null;
  const done = b.succeeded + b.failed;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={[
        t(`batch.operations.${b.operation}`),
        ...(b.rechargeBatchId !== null ? [t('batch.rechargeNo', { no: b.rechargeBatchId })] : []),
        t(`batch.states.${b.state}`),
      ].join(' · ')}
      extra={
        b.state === 'running' ? (
          <Button danger loading={cancelling.isLoading} onClick={() => void cancel({ id })}>
            {t('batch.cancel')}
          </Button>
        ) : (
          b.results.some((r) => r.state === 'failed' || r.state === 'cancelled') && (
            <Button loading={retrying} onClick={() => void onRetry()}>
              {t('batch.retry')}
            </Button>
          )
        )
      }
    >
      <Progress
        data-testid="batch-progress"
        percent={Math.floor((done / b.total) * 100)}
        status={b.state === 'running' ? 'active' : b.failed > 0 ? 'exception' : 'success'}
        format={() => `${done} / ${b.total}`}
      />
      <div className="pt-hint">
        {t('batch.summary', { succeeded: b.succeeded, failed: b.failed, total: b.total })}
      </div>
      <Table<BatchResult>
        rowKey="meterId"
        size="small"
        style={{ marginTop: 8 }}
        dataSource={b.results}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        columns={[
          meterNoColumn(t),
          customerColumn(t),
          shopColumn(t),
          b.rechargeBatchId !== null
            ? {
                title: t('batch.amountColumn'),
                dataIndex: 'amountFen',
                render: (v: number | null) => (v === null ? '' : formatMoney(v)),
              }
            : {
                title: t('meters.energy'),
                dataIndex: 'energyKwh',
                render: (v: number | null) => (v === null ? '' : `${v} kWh`),
              },
          {
            title: t('meters.remaining'),
            dataIndex: 'remainingFen',
            render: (v: number | null) => (v === null ? '' : formatMoney(v)),
          },
          {
            title: t('batch.result'),
            dataIndex: 'state',
            render: (s: BatchResult['state'], row) => (
              <Space>
                <Tag color={RESULT_COLORS[s]}>{t(`batch.results.${s}`)}</Tag>
                {row.error && <span className="pt-hint">{errorText(row.error)}</span>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
