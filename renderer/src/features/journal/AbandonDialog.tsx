// 作废: a supervisor voids a card being made whose plastic is gone, saying why.
import { App, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PendingOperationView } from '../../../../shared/api/journal';
import { useNotifyError } from '../../app/hooks';
import { useAbandonOperationMutation } from './journalApi';

/** 作废 with the reason: only for a card whose plastic is lost or was never written. */
export function AbandonDialog({
  operation,
  onClose,
}: {
  operation: PendingOperationView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [reason, setReason] = useState('');
  const [abandon, abandoning] = useAbandonOperationMutation();
  const submit = async () => {
    const done = await abandon({ id: operation.id, reason: reason.trim() });
    if ('error' in done) return notifyError(done.error);
    void message.success(t('journal.abandon.done', { cardNo: operation.cardNo ?? '' }));
    onClose();
  };
  return (
    <Modal
      open
      title={t('journal.abandon.title', {
        kind: t(`journal.kinds.${operation.kind}`),
        cardNo: operation.cardNo ?? '',
      })}
      okText={t('journal.abandon.ok')}
      okButtonProps={{
        danger: true,
        disabled: reason.trim() === '',
        loading: abandoning.isLoading,
      }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <p className="pt-hint">{t('journal.abandon.hint')}</p>
      <Input
        aria-label={t('journal.abandon.reason')}
        placeholder={t('journal.abandon.reason')}
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
