// An operator's display name, role and whether they may still sign in.
import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../../../shared/api/types';
import { type Role } from '../../../../shared/roles';
import { useFeedback } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { useUpdateOperatorMutation } from './operatorsApi';
import type { RoleOptions } from './CreateOperator';

export function EditOperator({
  operator,
  isSelf,
  roleOptions,
  onClose,
}: {
  operator: OperatorView;
  isSelf: boolean;
  roleOptions: RoleOptions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ displayName: string; role: Role; active: boolean }>();
  const [update, { isLoading }] = useUpdateOperatorMutation();
  return (
    <FormDialog
      title={`${t('operators.edit')} · ${operator.username}`}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          displayName: operator.displayName,
          role: operator.role,
          active: operator.active,
        }}
        onFinish={async (values) => {
          const result = await update({ id: operator.id, ...values });
          if (!feedback(result, t('common.saved'))) return;
          onClose();
        }}
      >
        <Form.Item
          name="displayName"
          label={t('operators.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="role" label={t('operators.role')}>
          <Select options={roleOptions} disabled={isSelf} />
        </Form.Item>
        <Form.Item name="active" label={t('operators.active')} valuePropName="checked">
          <Switch disabled={isSelf} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
