// A new password and its confirmation, with the backend's policy checked as the user types.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { confirmRules, passwordRules } from './passwordRules';

export function NewPasswordFields({
  name,
  label,
  confirmLabel,
}: {
  name: string;
  label: string;
  confirmLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={name} label={label} extra={t('setup.passwordHint')} rules={passwordRules(t)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={confirmLabel}
        dependencies={[name]}
        rules={confirmRules(t, name)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
