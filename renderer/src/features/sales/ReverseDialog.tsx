// 冲正: taking back the account's latest sale, with the reason (and a supervisor's approval where
// the office asks for one).
import { Alert, App, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApprovalFields,
  approvalComplete,
  NO_APPROVAL,
  type Approval,
} from '../../components/ApprovalFields';
import type { SaleView } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { useErrorText } from '../../app/hooks';
import { useRereadCard } from '../cards/useCardOnReader';
import { useReverseSaleMutation } from '../ledger/ledgerApi';

export function ReverseDialog({
  sale,
  needsApproval,
  onClose,
  onPrint,
}: {
  sale: SaleView;
  /** The office asks a supervisor to approve a cashier's reversal at the till (设置). */
  needsApproval: boolean;
  onClose: () => void;
  onPrint: (receiptNo: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>(NO_APPROVAL);
  const rereadCard = useRereadCard();
  const [reverse, { isLoading, error }] = useReverseSaleMutation();
  const ready = reason.trim().length >= 2 && (!needsApproval || approvalComplete(approval));
  return (
    <Modal
      open
      title={t('sales.reverseTitle', { receiptNo: receiptNumber(sale.receiptNo) })}
      okText={t('sales.reverse')}
      okButtonProps={{ danger: true, disabled: !ready }}
      cancelText={t('common.cancel')}
      confirmLoading={isLoading}
      onCancel={onClose}
      onOk={async () => {
        const result = await reverse({
          saleId: sale.id,
          reason: reason.trim(),
          ...(needsApproval && { approval }),
        });
        if ('error' in result) return setApproval((a) => ({ ...a, password: '' }));
        rereadCard();
        onClose();
        const receiptNo = result.data.receiptNo;
        modal.success({
          title: t('sales.reversed', { receiptNo: receiptNumber(receiptNo) }),
          okText: t('sales.printVoucher'),
          onOk: () => onPrint(receiptNo),
        });
      }}
    >
      <p>{t('sales.reverseText', { amount: formatMoney(sale.amountFen) })}</p>
      <Input
        autoFocus
        placeholder={t('sales.reverseReason')}
        aria-label={t('sales.reverseReason')}
        value={reason}
        maxLength={200}
        onChange={(e) => setReason(e.target.value)}
      />
      {needsApproval && (
        <div style={{ marginTop: 12 }}>
          <ApprovalFields
            hint={t('sales.reverseApprovalHint')}
            value={approval}
            onChange={setApproval}
          />
        </div>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(error)} />}
    </Modal>
  );
}
