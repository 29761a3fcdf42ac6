// 开卡 / 补卡 with the office's 工本费: the fee is shown before the card is written, taken with its
// payment method (and for cash what was handed over, with the change), and its receipt printed
// once the card reads back as written. No card, no fee: a write that fails takes nothing.
import { Descriptions, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';
import { typedYuan } from '../../components/typedMoney';

export interface ChargedFee {
  amountFen: number;
  paymentMethod: PaymentMethod;
  tenderedFen?: number;
}

export function CardFeeDialog({
  title,
  hint,
  feeFen,
  busy,
  onConfirm,
  onCancel,
}: {
  title: string;
  hint: string;
  feeFen: number;
  busy: boolean;
  onConfirm: (fee: ChargedFee) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>('cash');
  const [tenderedText, setTenderedText] = useState('');
  const tendered = paymentMethod === 'cash' ? typedYuan(tenderedText) : undefined;
  const short = typeof tendered === 'number' && tendered < feeFen;
  const valid = tendered !== null && !short;
  return (
    <Modal
      open
      title={title}
      okText={t('cardFee.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() =>
        onConfirm({
          amountFen: feeFen,
          paymentMethod,
          ...(typeof tendered === 'number' && { tenderedFen: tendered }),
        })
      }
    >
      <p>{hint}</p>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'fee',
            label: t('cardFee.fee'),
            children: <strong data-testid="card-fee">{formatMoney(feeFen)}</strong>,
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }} align="start">
        <Select
          aria-label={t('sales.payment')}
          value={paymentMethod}
          style={{ width: 140 }}
          onChange={setPaymentMethod}
          options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payment.${m}`) }))}
        />
        {paymentMethod === 'cash' && (
          <Input
            aria-label={t('sales.tendered')}
            placeholder={t('sales.tendered')}
            prefix="¥"
            inputMode="decimal"
            style={{ width: 160 }}
            status={tendered === null || short ? 'error' : undefined}
            value={tenderedText}
            onChange={(e) => setTenderedText(e.target.value)}
          />
        )}
      </Space>
      {typeof tendered === 'number' && (
        <Typography.Paragraph style={{ marginTop: 8 }} type={short ? 'danger' : undefined}>
          {short
            ? t('sales.tenderedShort', { amount: formatMoney(feeFen) })
            : t('sales.change', { change: formatMoney(tendered - feeFen) })}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
