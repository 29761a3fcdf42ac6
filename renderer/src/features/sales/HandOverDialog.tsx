// 交班: the operator counts the money per payment method without seeing the books' figures (a
// blind count), hands over, and only then sees expected against counted. A difference beyond the
// office's tolerance is counted again, or closed with a note and a supervisor's approval at the
// till. Then the report, and the operator is signed out.
import { Alert, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoneyByMethod, PaymentMethod, ShiftView } from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';
import { typedYuan } from '../../components/typedMoney';
import { asApiError, useErrorText } from '../../app/hooks';
import {
  ApprovalFields,
  approvalComplete,
  NO_APPROVAL,
  type Approval,
} from '../../components/ApprovalFields';
import { useCloseShiftMutation, useCurrentShiftQuery } from '../ledger/ledgerApi';
import { HandedOver } from './HandedOver';

/** Refusals after which a supervisor's approval is the way to close. */
const NEEDS_APPROVAL = new Set(['HANDOVER_DIFFERENCE', 'HANDOVER_RECOUNTS_USED']);

export function HandOverDialog({
  onClose,
  onHandedOver,
}: {
  onClose: () => void;
  onHandedOver: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const shift = useCurrentShiftQuery(undefined, { refetchOnMountOrArgChange: true });
  const [closeShift, closing] = useCloseShiftMutation();
  const [texts, setTexts] = useState<Partial<Record<PaymentMethod, string>>>({});
  const [note, setNote] = useState('');
  const [approval, setApproval] = useState<Approval>(NO_APPROVAL);
  const [askApproval, setAskApproval] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [closed, setClosed] = useState<ShiftView | null>(null);

  if (closed) return <HandedOver shift={closed} onDone={onHandedOver} />;

  const counted = Object.fromEntries(
    PAYMENT_METHODS.map((m) => [m, typedYuan(texts[m]) ?? null]),
  ) as Record<PaymentMethod, number | null>;
  const valid =
    PAYMENT_METHODS.every((m) => counted[m] !== null) &&
    (!askApproval || (approvalComplete(approval) && note.trim() !== ''));

  const submit = async () => {
    if (!valid) return;
    const result = await closeShift({
      counted: counted as MoneyByMethod,
      note,
      ...(askApproval && { approval }),
    });
    if ('error' in result) {
      setRefusal(result.error);
      if (NEEDS_APPROVAL.has(asApiError(result.error).code)) setAskApproval(true);
      setApproval((a) => ({ ...a, password: '' }));
      return;
    }
    setClosed(result.data);
  };

  const total = PAYMENT_METHODS.reduce((sum, m) => sum + (counted[m] ?? 0), 0);
  return (
    <Modal
      open
      width={560}
      title={t('handover.title')}
      okText={t('handover.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid || !shift.data }}
      confirmLoading={closing.isLoading}
      onOk={submit}
      onCancel={onClose}
    >
      {shift.error && <Alert type="error" showIcon title={errorText(shift.error)} />}
      {shift.data && (
        <>
          <p>
            {t('handover.summary', {
              sales: t('handover.sales', { count: shift.data.salesCount }),
              reversals: t('handover.reversals', { count: shift.data.reversalsCount }),
              refunds: t('handover.refunds', { count: shift.data.refundsCount }),
              fees: t('handover.fees', { count: shift.data.cardFeesCount }),
            })}
          </p>
          <p style={{ color: '#5b6b78', marginTop: 0 }}>{t('handover.blindHint')}</p>
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
                title: t('handover.counted'),
                key: 'counted',
                width: 200,
                render: (_, { method }) =>
                  method === 'total' ? (
                    <strong>{formatMoney(total)}</strong>
                  ) : (
                    <Input
                      size="small"
                      inputMode="decimal"
                      prefix="¥"
                      placeholder="0.00"
                      aria-label={`${t('handover.counted')} ${t(`payment.${method}`)}`}
                      status={texts[method] && counted[method] === null ? 'error' : undefined}
                      value={texts[method] ?? ''}
                      onChange={(e) => setTexts((prev) => ({ ...prev, [method]: e.target.value }))}
                    />
                  ),
              },
            ]}
          />
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            aria-label={t('handover.note')}
            placeholder={t(askApproval ? 'handover.noteRequired' : 'handover.note')}
            status={askApproval && note.trim() === '' ? 'warning' : undefined}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          {refusal !== null && (
            <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(refusal)} />
          )}
          {askApproval && (
            <div style={{ marginTop: 12 }}>
              <ApprovalFields
                hint={t('handover.approvalHint')}
                value={approval}
                onChange={setApproval}
              />
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
