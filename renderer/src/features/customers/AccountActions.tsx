// What happens to an account after opening: 退费 (refund, with a supervisor's approval at a
// cashier's till), 报停 (suspension, optionally refunding the meter credit), 恢复 (resumption once
// the refunded credit is cleared off the meter), 换表 (meter replacement carrying the credit) and
// 销户 (closing with the final reading).
import type { ManagementOrder } from '../../../../shared/api/cards';
import { MakeButton } from '../cards/MakeButton';
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, PaymentMethod, RefundView } from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import { officeDateTime } from '../../../../shared/officeTime';
import { receiptNumber } from '../../../../shared/receiptNumber';
import type { MethodName } from '../../../../shared/api/contract';
import { useMay } from '../../app/permissions';
import { formatMoney, parseEnergy, parseYuan } from '../../../../shared/units';
import { takesCard } from '../../../../shared/delivery';
import { useNotifyError } from '../../app/hooks';
import { parsedRule } from '../../components/formRules';
import {
  ApprovalFields,
  approvalRule,
  NO_APPROVAL,
  type Approval,
} from '../../components/ApprovalFields';
import {
  useCloseAccountMutation,
  useRefundMutation,
  useReplaceMeterMutation,
  useKeepPowerMutation,
  useResumeAccountMutation,
  useSuspendAccountMutation,
} from '../ledger/ledgerApi';
import { usePrintReceipt } from '../ledger/usePrintReceipt';
import { ManualReadingFields } from './ManualReadingFields';

export type AccountAction = 'refund' | 'suspend' | 'resume' | 'replace' | 'close' | 'keepPower';

/** The actions this operator may start on this account. */
export function actionsFor(
  account: AccountView,
  mayCall: (method: MethodName) => boolean,
): AccountAction[] {
  if (account.state === 'closed') return [];
  const actions: AccountAction[] = [];
  if (account.state === 'suspended' && mayCall('refunds.create')) actions.push('refund');
  if (account.state === 'active' && mayCall('accounts.suspend')) actions.push('suspend');
  if (account.state === 'suspended' && mayCall('accounts.resume')) actions.push('resume');
  if (mayCall('accounts.replaceMeter')) actions.push('replace');
  if (mayCall('accounts.close')) actions.push('close');
  // 保电 (or its end) for an account the office bills and would trip at zero.
  if (account.billing === 'office' && mayCall('accounts.keepPower')) actions.push('keepPower');
  return actions;
}

interface Values {
  reason: string;
  amount?: string;
  paymentMethod: PaymentMethod;
  refundNow?: boolean;
  meterReading?: string;
  finalReading?: string;
  newMeterNo?: string;
  newInstallReading?: string;
  manualRemaining?: string;
  manualCount?: string;
  meterCleared?: boolean;
  holdIfSilent?: boolean;
  approval?: Approval;
}

const money = (text: string | undefined) => (text?.trim() ? parseYuan(text.trim()) : undefined);
const energy = (text: string | undefined) => (text?.trim() ? parseEnergy(text.trim()) : undefined);
const count = (text: string | undefined) => (text?.trim() ? Number(text.trim()) : undefined);

export function AccountActionDialog({
  account,
  action,
  onClose,
}: {
  account: AccountView;
  action: AccountAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [refunded, setRefunded] = useState<RefundView | null | undefined>(undefined);
  const [print, printing] = usePrintReceipt();
  const [refund, refunding] = useRefundMutation();
  const [suspend, suspending] = useSuspendAccountMutation();
  const [resume, resuming] = useResumeAccountMutation();
  const [close, closing] = useCloseAccountMutation();
  const [replaceMeter, replacing] = useReplaceMeterMutation();
  const [keepPower, keeping] = useKeepPowerMutation();
  const [carried, setCarried] = useState<string | null>(null);
  const [changeCard, setChangeCard] = useState<ManagementOrder | null>(null);
  const busy = [refunding, suspending, resuming, closing, replacing, keeping].some(
    (m) => m.isLoading,
  );
  const refundNow = Form.useWatch('refundNow', form);
  // Who may not approve has a refund signed off at the till.
  const cashier = !useMay('approve');

  const manual = (v: Values) => ({
    ...(money(v.manualRemaining) !== undefined && { meterRemainingFen: money(v.manualRemaining)! }),
    ...(count(v.manualCount) !== undefined && { meterLoadedCount: count(v.manualCount)! }),
  });

  const submit = async (v: Values) => {
    const accountId = account.id;
    const reason = v.reason.trim();
    let result;
    if (action === 'refund') {
      result = await refund({
        accountId,
        reason,
        amountFen: money(v.amount)!,
        paymentMethod: v.paymentMethod,
        ...manual(v),
        ...(cashier && {
          approval: v.approval ?? NO_APPROVAL,
        }),
      });
      if ('error' in result) return notifyError(result.error);
      return setRefunded(result.data);
    }
    if (action === 'suspend') {
      const amountFen = money(v.amount);
      result = await suspend({
        accountId,
        reason,
        ...(energy(v.meterReading) !== undefined && { meterReading: energy(v.meterReading)! }),
        ...(v.refundNow && {
          refund: { paymentMethod: v.paymentMethod, ...(amountFen && { amountFen }), ...manual(v) },
        }),
      });
    } else if (action === 'replace') {
      const replaced = await replaceMeter({
        accountId,
        reason,
        newMeterNo: v.newMeterNo!.trim(),
        oldFinalReading: energy(v.finalReading)!,
        newInstallReading: energy(v.newInstallReading) ?? 0,
        ...manual(v),
      });
      if ('error' in replaced) return notifyError(replaced.error);
      if (replaced.data.account.meter.kind === 'card')
        setChangeCard({ kind: 'meterChange', replacementId: replaced.data.replacement.id });
      setCarried(
        t(
          takesCard(replaced.data.account.meter)
            ? 'accountActions.carried'
            : replaced.data.carriedOnMeter
              ? 'accountActions.carriedLine'
              : 'accountActions.carriedLineWaiting',
          {
            amount: formatMoney(replaced.data.replacement.carriedFen),
            meterNo: replaced.data.replacement.newMeterNo,
          },
        ),
      );
      return setRefunded(null);
    } else if (action === 'resume') {
      result = await resume({ accountId, reason, meterCleared: v.meterCleared ?? false });
    } else if (action === 'keepPower') {
      const kept = await keepPower({ accountId, keep: !account.keepPower, reason });
      if ('error' in kept) return notifyError(kept.error);
      return setRefunded(null);
    } else {
      result = await close({
        accountId,
        reason,
        finalReading: energy(v.finalReading)!,
        paymentMethod: v.paymentMethod,
        holdIfSilent: v.holdIfSilent ?? false,
        ...manual(v),
      });
      if ('data' in result && result.data?.creditHeld) setCarried(t('accountActions.creditHeld'));
    }
    if ('error' in result) return notifyError(result.error);
    setRefunded(result.data.refund);
  };

  // 保电 is set, or ended: the same action, worded by what it does now.
  const key = action === 'keepPower' && account.keepPower ? 'keepPowerEnd' : action;
  const title = t(`accountActions.${key}.title`, { accountNo: account.accountNo });
  if (refunded !== undefined)
    return (
      <Modal open title={title} footer={null} onCancel={onClose}>
        <Result
          status="success"
          title={t(`accountActions.${key}.done`)}
          subTitle={
            carried ??
            (refunded &&
              t('accountActions.refunded', {
                amount: formatMoney(refunded.amountFen),
                receiptNo: receiptNumber(refunded.receiptNo),
              }))
          }
          extra={
            <Space>
              {changeCard && (
                <MakeButton
                  order={changeCard}
                  label={t('management.meterChangeButton')}
                  confirm={t('management.meterChangeNow')}
                />
              )}
              {refunded && (
                <Button type="primary" loading={printing} onClick={() => print(refunded.receiptNo)}>
                  {t('accountActions.printVoucher')}
                </Button>
              )}
              <Button onClick={onClose}>{t('common.close')}</Button>
            </Space>
          }
        />
      </Modal>
    );

  const required = (on: boolean) => (on ? t('common.required') : undefined);
  const yuanRule = (on: boolean) =>
    parsedRule(parseYuan, t('accountActions.moneyInvalid'), required(on));
  const energyRule = (on: boolean) =>
    parsedRule(parseEnergy, t('accountActions.readingInvalid'), required(on));
  const paysBack = action === 'refund' || action === 'close' || (action === 'suspend' && refundNow);

  return (
    <Modal
      open
      title={title}
      okText={t(`accountActions.${key}.ok`)}
      okButtonProps={{ danger: action === 'close' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'customer',
            label: t('customers.name'),
            children: `${account.customer.customerNo} ${account.customer.name}`,
          },
          { key: 'meter', label: t('sales.meterNo'), children: account.meter.meterNo },
          account.billing === 'office'
            ? {
                key: 'remaining',
                label: t('customers.officeBalance'),
                children: formatMoney(account.officeBalanceFen),
              }
            : {
                key: 'remaining',
                label: t('accountActions.lastRemaining'),
                children:
                  account.meterRemainingFen === null
                    ? t('accountActions.remainingUnknown')
                    : `${formatMoney(account.meterRemainingFen)}（${officeDateTime(account.meterRemainingAt!)}）`,
              },
          ...(account.meterCreditOwedFen > 0
            ? [
                {
                  key: 'owed',
                  label: t('accountActions.owed'),
                  children: formatMoney(account.meterCreditOwedFen),
                },
              ]
            : []),
        ]}
      />
      {action !== 'resume' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          // An NK meter on the line gives its credit back over the line, not by a clear card.
          title={t(`accountActions.${key}.${takesCard(account.meter) ? 'hint' : 'hintLine'}`)}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ paymentMethod: 'cash', refundNow: true }}
        onFinish={submit}
      >
        <Form.Item
          name="reason"
          label={t('refund.reason')}
          rules={[
            {
              required: true,
              min: 2,
              whitespace: true,
              message: t('accountActions.reasonRequired'),
            },
          ]}
        >
          <Input autoFocus maxLength={200} />
        </Form.Item>
        {action === 'suspend' && (
          <>
            <Form.Item
              name="meterReading"
              label={t('accountActions.meterReading')}
              rules={[energyRule(false)]}
            >
              <Input inputMode="decimal" suffix="kWh" />
            </Form.Item>
            <Form.Item name="refundNow" valuePropName="checked">
              <Checkbox>{t('accountActions.refundNow')}</Checkbox>
            </Form.Item>
          </>
        )}
        {action === 'replace' && (
          <Form.Item
            name="newMeterNo"
            label={t('accountActions.newMeterNo')}
            rules={[
              { required: true, pattern: /^\d{12}$/, message: t('customers.meterNoInvalid') },
            ]}
          >
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
        )}
        {(action === 'close' || action === 'replace') && (
          <Form.Item
            name="finalReading"
            required
            label={t(
              action === 'close' ? 'accountActions.finalReading' : 'accountActions.oldFinalReading',
            )}
            rules={[energyRule(true)]}
          >
            <Input inputMode="decimal" suffix="kWh" />
          </Form.Item>
        )}
        {action === 'replace' && (
          <>
            <Form.Item
              name="newInstallReading"
              label={t('accountActions.newInstallReading')}
              rules={[energyRule(false)]}
            >
              <Input inputMode="decimal" suffix="kWh" placeholder="0" />
            </Form.Item>
            <ManualReadingFields moneyRule={yuanRule(false)} />
          </>
        )}
        {action === 'close' && !takesCard(account.meter) && (
          <Form.Item name="holdIfSilent" valuePropName="checked">
            <Checkbox>{t('accountActions.holdIfSilent')}</Checkbox>
          </Form.Item>
        )}
        {action === 'resume' && account.meterCreditOwedFen > 0 && (
          <Form.Item name="meterCleared" valuePropName="checked">
            <Checkbox>{t('accountActions.meterCleared')}</Checkbox>
          </Form.Item>
        )}
        {paysBack && (
          <>
            {action !== 'close' && (
              <Form.Item
                name="amount"
                required={action === 'refund'}
                label={t(action === 'refund' ? 'refund.amount' : 'accountActions.amountOptional')}
                rules={[yuanRule(action === 'refund')]}
              >
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            )}
            <Form.Item name="paymentMethod" label={t('accountActions.paidBackBy')}>
              <Select
                options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payment.${m}`) }))}
              />
            </Form.Item>
            <ManualReadingFields moneyRule={yuanRule(false)} />
          </>
        )}
        {action === 'refund' && cashier && (
          <Form.Item name="approval" rules={[approvalRule(t('accountActions.approvalMissing'))]}>
            <ApprovalFields hint={t('accountActions.approvalHint')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
