// 新建操作员: sign-in name, display name, role and a first password (changed at first sign-in).
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Role } from '../../../../shared/roles';
import { useFeedback } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { passwordRules } from '../auth/passwordRules';
import { useCreateOperatorMutation } from './operatorsApi';

export type RoleOptions = { value: Role; label: string }[];

export function CreateOperator({
  roleOptions,
  onClose,
}: {
  roleOptions: RoleOptions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{
    username: string;
    displayName: string;
    role: Role;
    password: string;
  }>();
  const [create, { isLoading }] = useCreateOperatorMutation();
  return (
    <FormDialog title={t('operators.add')} form={form} loading={isLoading} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: 'cashier' }}
        onFinish={async (values) => {
          const result = await create(values);
          if (!feedback(result, t('operators.created'))) return;
          onClose();
        }}
      >
        <Form.Item
          name="username"
          label={t('operators.username')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: 'a-z 0-9 _ . - (2–32)' },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('operators.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('operators.role')}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('operators.initialPassword')}
          extra={t('operators.resetPasswordHint')}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
