// 退宿: a building's rooms (some floors, or the rooms ticked) moved out at the year's end — each
// circuit read, its account closed, what is left taken off the box and paid back the way chosen
// (never the free allowance); as a batch with progress and retry of the circuits that did not
// answer. The rooms stay, vacant, for the next year's students.
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingSummary } from '../../../../shared/api/dorms';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/api/ledgerTypes';
import { useNotifyError } from '../../app/hooks';
import { BatchProgress } from '../meters/BatchProgress';
import { useRetryBatchMutation } from '../meters/metersApi';
import { useMoveOutMutation } from './dormsApi';

interface Choice {
  floorFrom?: number;
  floorTo?: number;
  reason: string;
  paymentMethod: PaymentMethod;
}

export function MoveOut({
  building,
  roomIds,
  onClose,
}: {
  building: BuildingSummary;
  /** The rooms ticked in the list; none: by floors. */
  roomIds: number[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Choice>();
  const [moveOut, moving] = useMoveOutMutation();
  const [retry, retrying] = useRetryBatchMutation();
  const [batchId, setBatchId] = useState<number | null>(null);

  const submit = async (v: Choice) => {
    const result = await moveOut({
      buildingId: building.id,
      ...(roomIds.length > 0 && { roomIds }),
      ...(v.floorFrom !== undefined && v.floorFrom !== null && { floorFrom: v.floorFrom }),
      ...(v.floorTo !== undefined && v.floorTo !== null && { floorTo: v.floorTo }),
      reason: v.reason,
      paymentMethod: v.paymentMethod,
    });
    if ('error' in result) return notifyError(result.error, form);
    setBatchId(result.data.id);
  };

  return (
    <Modal
      open
      width={720}
      title={`${t('dorms.moveOut.title')} — ${building.name}`}
      onCancel={onClose}
      footer={
        batchId === null ? (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button danger type="primary" loading={moving.isLoading} onClick={() => form.submit()}>
              {t('dorms.moveOut.start')}
            </Button>
          </Space>
        ) : (
          <Button onClick={onClose}>{t('common.close')}</Button>
        )
      }
    >
      {batchId !== null ? (
        <BatchProgress
          key={batchId}
          id={batchId}
          retrying={retrying.isLoading}
          onRetry={async () => {
            const result = await retry({ id: batchId });
            if ('data' in result && result.data) setBatchId(result.data.id);
          }}
        />
      ) : (
        <Form<Choice>
          form={form}
          layout="vertical"
          initialValues={{ reason: t('dorms.moveOut.defaultReason'), paymentMethod: 'cash' }}
          onFinish={(v) => void submit(v)}
        >
          <Alert
            style={{ marginBottom: 12 }}
            type="warning"
            showIcon
            title={
              roomIds.length > 0
                ? t('dorms.moveOut.rooms', { count: roomIds.length })
                : t('dorms.moveOut.floors')
            }
          />
          {roomIds.length === 0 && (
            <Space wrap>
              <Form.Item name="floorFrom" label={t('dorms.floorFrom')}>
                <InputNumber min={-9} max={199} precision={0} placeholder={t('dorms.allFloors')} />
              </Form.Item>
              <Form.Item name="floorTo" label={t('dorms.floorTo')}>
                <InputNumber min={-9} max={199} precision={0} placeholder={t('dorms.allFloors')} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="paymentMethod" label={t('dorms.moveOut.paidBack')}>
            <Select
              style={{ width: 200 }}
              options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payment.${m}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('meters.reason')}
            rules={[{ required: true, whitespace: true, message: t('meters.reasonRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
