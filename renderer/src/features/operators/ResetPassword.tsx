// A new password for an operator who forgot theirs, to be changed at their next sign-in.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../../../shared/api/types';
import { useFeedback } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { passwordRules } from '../auth/passwordRules';
import { useResetPasswordMutation } from './operatorsApi';

export function ResetPassword({
  operator,
  onClose,
}: {
  operator: OperatorView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ password: string }>();
  const [reset, { isLoading }] = useResetPasswordMutation();
  return (
    <FormDialog
      title={`${t('operators.resetPassword')} · ${operator.username}`}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ password }) => {
          const result = await reset({ id: operator.id, password });
          if (!feedback(result, t('common.saved'))) return;
          onClose();
        }}
      >
        <Form.Item
          name="password"
          label={t('operators.initialPassword')}
          extra={t('operators.resetPasswordHint')}
          rules={passwordRules(t)}
        >
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
