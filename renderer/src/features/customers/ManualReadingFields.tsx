// The meter's figures typed off its display when no card or line can read them: the money left
// and the purchases it has loaded.
import { Form, Input, Space, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';

/** The meter's display, typed in when the tenant's card (and its write-back) is not at hand. */
export function ManualReadingFields({ moneyRule }: { moneyRule: FormRule }) {
  const { t } = useTranslation();
  return (
    <Space align="start">
      <Form.Item
        name="manualRemaining"
        label={t('accountActions.manualRemaining')}
        rules={[moneyRule]}
      >
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item
        name="manualCount"
        label={t('accountActions.manualCount')}
        rules={[{ pattern: /^\d{0,5}$/, message: t('accountActions.countInvalid') }]}
      >
        <Input inputMode="numeric" />
      </Form.Item>
    </Space>
  );
}
