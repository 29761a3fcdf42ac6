// A dialog around one form: Save submits the form, Cancel closes; the form decides what happens.
import { Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function FormDialog({
  title,
  form,
  loading,
  disabled,
  onClose,
  children,
}: {
  title: ReactNode;
  form: FormInstance;
  loading: boolean;
  disabled?: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={loading}
      okButtonProps={{ disabled: disabled ?? false }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {children}
    </Modal>
  );
}
