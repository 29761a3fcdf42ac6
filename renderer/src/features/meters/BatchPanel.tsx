// 批量操作: choose meters (all on the line, an area or a floor) and an operation; watch it go
// meter by meter with a progress bar, cancel it, and do the failed ones again. A 批量充值 left
// unfinished (a crash, a cancel, silent meters) is offered again when the page opens.
import { Alert, Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BATCH_OPERATIONS,
  DORM_BATCH_OPERATIONS,
  needsReason,
  RECHARGE_OPERATIONS,
  type BatchOperation,
  type MeterLimits,
} from '../../../../shared/api/meterLink';
import { parseYuan } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import {
  useBatchGroupsQuery,
  useRetryBatchMutation,
  useStartBatchMutation,
  useUnfinishedBatchesQuery,
} from './metersApi';
import { BatchProgress } from './BatchProgress';

interface BatchForm {
  scope: 'all' | 'area' | 'floor';
  area?: string;
  floor?: string;
  operation: BatchOperation;
  reason?: string;
  amount?: string;
  alarm1?: string;
  alarm2?: string;
  hoarding?: string;
}

export function BatchPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const groups = useBatchGroupsQuery();
  const [start, starting] = useStartBatchMutation();
  const [retry, retrying] = useRetryBatchMutation();
  const [batchId, setBatchId] = useState<number | null>(null);
  const unfinished = useUnfinishedBatchesQuery();
  const [form] = Form.useForm<BatchForm>();
  const scope = Form.useWatch('scope', form);
  const operation = Form.useWatch('operation', form);

  const submit = async () => {
    const v = await form.validateFields();
    const limits: MeterLimits = {
      ...(v.alarm1 && { alarm1Fen: parseYuan(v.alarm1) }),
      ...(v.alarm2 && { alarm2Fen: parseYuan(v.alarm2) }),
      ...(v.hoarding && { hoardingFen: parseYuan(v.hoarding) }),
    };
    const result = await start({
      operation: v.operation,
      selection:
        v.scope === 'area' ? { area: v.area! } : v.scope === 'floor' ? { floor: v.floor! } : {},
      ...(v.operation && needsReason(v.operation) && { reason: v.reason! }),
      ...(v.operation === 'setLimits' && { limits }),
      ...(v.operation === 'recharge' && { amountFen: parseYuan(v.amount!) }),
    });
    if ('data' in result && result.data) setBatchId(result.data.id);
  };
  const yuan = {
    pattern: /^\d+(\.\d{1,2})?$/,
    message: t('sales.amountInvalid'),
  };
  return (
    <div>
      <Card size="small">
        <Form
          form={form}
          layout="inline"
          initialValues={{ scope: 'all', operation: 'read' }}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="scope" label={t('batch.scope')}>
            <Select
              style={{ width: 120 }}
              options={(['all', 'area', 'floor'] as const).map((s) => ({
                value: s,
                label: t(`batch.scopes.${s}`),
              }))}
            />
          </Form.Item>
          {scope === 'area' && (
            <Form.Item name="area" rules={[{ required: true, message: t('common.required') }]}>
              <Select
                style={{ width: 140 }}
                aria-label={t('batch.scopes.area')}
                options={(groups.data?.areas ?? []).map((a) => ({ value: a, label: a }))}
              />
            </Form.Item>
          )}
          {scope === 'floor' && (
            <Form.Item name="floor" rules={[{ required: true, message: t('common.required') }]}>
              <Select
                style={{ width: 140 }}
                aria-label={t('batch.scopes.floor')}
                options={(groups.data?.floors ?? []).map((f) => ({ value: f, label: f }))}
              />
            </Form.Item>
          )}
          <Form.Item name="operation" label={t('batch.operation')}>
            <Select
              style={{ width: 160 }}
              options={BATCH_OPERATIONS.filter((op) => !DORM_BATCH_OPERATIONS.includes(op)).map(
                (op) => ({
                  value: op,
                  label: t(`batch.operations.${op}`),
                }),
              )}
            />
          </Form.Item>
          {operation && needsReason(operation) && (
            <Form.Item
              name="reason"
              label={t('meters.reason')}
              rules={[{ required: true, whitespace: true, message: t('meters.reasonRequired') }]}
            >
              <Input style={{ width: 200 }} maxLength={200} />
            </Form.Item>
          )}
          {operation === 'recharge' && (
            <Form.Item
              name="amount"
              label={t('batch.amount')}
              rules={[{ required: true, message: t('common.required') }, yuan]}
            >
              <Input inputMode="decimal" prefix="¥" style={{ width: 110 }} />
            </Form.Item>
          )}
          {operation === 'setLimits' && (
            <Space>
              <Form.Item name="alarm1" label={t('batch.alarm1')} rules={[yuan]}>
                <Input inputMode="decimal" prefix="¥" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="alarm2" label={t('batch.alarm2')} rules={[yuan]}>
                <Input inputMode="decimal" prefix="¥" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="hoarding" label={t('batch.hoarding')} rules={[yuan]}>
                <Input inputMode="decimal" prefix="¥" style={{ width: 120 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item>
            <Button type="primary" loading={starting.isLoading} onClick={() => void submit()}>
              {t('batch.start')}
            </Button>
          </Form.Item>
        </Form>
        {operation !== undefined && RECHARGE_OPERATIONS.includes(operation) && (
          <div className="pt-hint" style={{ marginTop: 8 }}>
            {t('batch.rechargeHint')}
          </div>
        )}
        {starting.error && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={errorText(starting.error)}
          />
        )}
      </Card>
      {(unfinished.data ?? [])
        .filter((b) => b.id !== batchId && b.state !== 'running')
        .map((b) => (
          <Alert
            key={b.rechargeBatchId}
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="batch-unfinished"
            title={t('batch.unfinished', {
              no: b.rechargeBatchId,
              operation: t(`batch.operations.${b.operation}`),
              succeeded: b.succeeded,
              total: b.total,
            })}
            action={
              <Button size="small" onClick={() => setBatchId(b.id)}>
                {t('batch.showUnfinished')}
              </Button>
            }
          />
        ))}
      {batchId !== null && (
        <BatchProgress
          key={batchId}
          id={batchId}
          retrying={retrying.isLoading}
          onRetry={async () => {
            const result = await retry({ id: batchId });
            if ('data' in result && result.data) setBatchId(result.data.id);
          }}
        />
      )}
    </div>
  );
}
