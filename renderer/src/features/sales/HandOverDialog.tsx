// 交班: the operator counts the money per payment method against what the books expect, hands
// over, gets the report, and is signed out.
import { Alert, App, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoneyByMethod, PaymentMethod } from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import { formatMoney, formatYuan, parseYuan } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import {
  useCloseShiftMutation,
  useCurrentShiftQuery,
  useShiftReportMutation,
} from '../ledger/ledgerApi';

function parseOrNull(text: string): number | null {
  try {
    return parseYuan(text);
  } catch {
    return null;
  }
}

export function HandOverDialog({
  onClose,
  onHandedOver,
}: {
  onClose: () => void;
  onHandedOver: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const shift = useCurrentShiftQuery(undefined, { refetchOnMountOrArgChange: true });
  const [closeShift, closing] = useCloseShiftMutation();
  const [report] = useShiftReportMutation();
  const [texts, setTexts] = useState<Partial<Record<PaymentMethod, string>>>({});
  const [note, setNote] = useState('');

  const expected = shift.data?.expected;
  const counted = Object.fromEntries(
    PAYMENT_METHODS.map((m) => [
      m,
      texts[m] === undefined ? (expected?.[m] ?? 0) : parseOrNull(texts[m]!),
    ]),
  ) as Record<PaymentMethod, number | null>;
  const valid = PAYMENT_METHODS.every((m) => counted[m] !== null);

  const submit = async () => {
    if (!valid) return;
    const closed = await closeShift({ counted: counted as MoneyByMethod, note });
    if ('error' in closed) return;
    const pdf = await report({ shiftId: closed.data.id });
    if ('data' in pdf && pdf.data) {
      downloadFile(pdf.data.fileName, base64ToBytes(pdf.data.base64), 'application/pdf');
      void message.success(t('handover.done', { fileName: pdf.data.fileName }));
    }
    onHandedOver();
  };

  const total = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  return (
    <Modal
      open
      width={620}
      title={t('handover.title')}
      okText={t('handover.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid || !expected }}
      confirmLoading={closing.isLoading}
      onOk={submit}
      onCancel={onClose}
    >
      {shift.error && <Alert type="error" showIcon title={errorText(shift.error)} />}
      {expected && shift.data && (
        <>
          <p>
            {t('handover.summary', {
              sales: shift.data.salesCount,
              reversals: shift.data.reversalsCount,
              refunds: shift.data.refundsCount,
            })}
          </p>
          <Table
            size="small"
            pagination={false}
            rowKey="method"
            dataSource={[
              ...PAYMENT_METHODS.map((method) => ({ method })),
              { method: 'total' as const },
            ]}
            columns={[
              {
                title: t('handover.method'),
                dataIndex: 'method',
                render: (m: PaymentMethod | 'total') =>
                  m === 'total' ? t('handover.total') : t(`payment.${m}`),
              },
              {
                title: t('handover.expected'),
                key: 'expected',
                align: 'right',
                render: (_, { method }) =>
                  formatMoney(
                    method === 'total'
                      ? total(PAYMENT_METHODS.map((m) => expected[m]))
                      : expected[method],
                  ),
              },
              {
                title: t('handover.counted'),
                key: 'counted',
                width: 150,
                render: (_, { method }) =>
                  method === 'total' ? (
                    formatMoney(total(PAYMENT_METHODS.map((m) => counted[m])))
                  ) : (
                    <Input
                      size="small"
                      inputMode="decimal"
                      aria-label={`${t('handover.counted')} ${t(`payment.${method}`)}`}
                      status={counted[method] === null ? 'error' : undefined}
                      value={texts[method] ?? formatYuan(expected[method])}
                      onChange={(e) => setTexts((prev) => ({ ...prev, [method]: e.target.value }))}
                    />
                  ),
              },
              {
                title: t('handover.difference'),
                key: 'difference',
                align: 'right',
                render: (_, { method }) => {
                  const diff =
                    method === 'total'
                      ? total(PAYMENT_METHODS.map((m) => counted[m])) -
                        total(PAYMENT_METHODS.map((m) => expected[m]))
                      : counted[method] === null
                        ? null
                        : counted[method]! - expected[method];
                  return diff === null ? (
                    '—'
                  ) : (
                    <span style={{ color: diff === 0 ? undefined : '#c0392b' }}>
                      {formatMoney(diff)}
                    </span>
                  );
                },
              },
            ]}
          />
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            placeholder={t('handover.note')}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          {closing.error && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              title={errorText(closing.error)}
            />
          )}
        </>
      )}
    </Modal>
  );
}
