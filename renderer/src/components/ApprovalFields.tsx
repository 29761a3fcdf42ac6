// A supervisor signing at the cashier's till: their own login name and password, typed by them.
// A controlled pair of inputs, and a form control too (a Form.Item passes value and onChange).
import { Alert, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export interface Approval {
  username: string;
  password: string;
}

export const NO_APPROVAL: Approval = { username: '', password: '' };

export const approvalComplete = (a: Approval) => a.username.trim() !== '' && a.password !== '';

export function ApprovalFields({
  hint,
  value = NO_APPROVAL,
  onChange = () => {},
}: {
  hint: string;
  value?: Approval;
  onChange?: (next: Approval) => void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="approval">
      <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={hint} />
      <Space wrap>
        <Input
          aria-label={t('approval.username')}
          placeholder={t('approval.username')}
          autoComplete="off"
          value={value.username}
          onChange={(e) => onChange({ ...value, username: e.target.value })}
          style={{ width: 200 }}
        />
        <Input.Password
          aria-label={t('approval.password')}
          placeholder={t('approval.password')}
          autoComplete="off"
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
          style={{ width: 200 }}
        />
      </Space>
    </div>
  );
}

/** A form rule for an approval: both the login name and the password typed. */
export const approvalRule = (message: string) => ({
  validator: (_rule: unknown, value: Approval | undefined) =>
    value && approvalComplete(value) ? Promise.resolve() : Promise.reject(new Error(message)),
});
