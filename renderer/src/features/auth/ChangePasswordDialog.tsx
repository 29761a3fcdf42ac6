// Change one's own password; cannot be dismissed while the initial password must be replaced.
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/hooks';
import { useChangePasswordMutation } from './authApi';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordDialog({
  open,
  forced,
  onDone,
  onCancel,
}: {
  open: boolean;
  forced: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [changePassword, { isLoading, error, reset }] = useChangePasswordMutation();

  const submit = async (values: Values) => {
    const result = await changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!('error' in result)) {
      void message.success(t('password.changed'));
      form.resetFields();
      onDone();
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.change')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isLoading}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : {} }}
      onOk={() => form.submit()}
      onCancel={() => {
        reset();
        form.resetFields();
        onCancel();
      }}
      destroyOnHidden
    >
      {forced && (
        <Alert
          type="warning"
          showIcon
          title={t('password.mustChange')}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />
      )}
      {/* Enter in any field saves, as in the sign-in form (the modal's button is outside it). */}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
          event.preventDefault();
          form.submit();
        }}
      >
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          label={t('password.next')}
          confirmLabel={t('password.confirm')}
        />
      </Form>
    </Modal>
  );
}
