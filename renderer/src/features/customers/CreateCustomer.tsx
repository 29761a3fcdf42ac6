// 新建用户: a tenant's name, customer number (or the next one), shop unit, phone and notes.
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../../../shared/api/ledgerTypes';
import { CUSTOMER_LIMITS, PHONE_PATTERN } from '../../../../shared/api/limits';
import { useNotifyError } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { useCreateCustomerMutation } from '../ledger/ledgerApi';

export function CreateCustomer({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: CustomerMatch) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const [create, { isLoading }] = useCreateCustomerMutation();
  return (
    <FormDialog title={t('customers.add')} form={form} loading={isLoading} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values: Record<string, string | undefined>) => {
          const { customerNo, ...rest } = values;
          const result = await create({
            ...(customerNo ? { customerNo } : {}),
            ...(rest as { name: string }),
          });
          if ('error' in result) return notifyError(result.error, form);
          void message.success(t('customers.created', { customerNo: result.data.customerNo }));
          onCreated({ ...result.data, meterNos: [] });
          onClose();
        }}
      >
        <Form.Item
          name="name"
          label={t('customers.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus maxLength={CUSTOMER_LIMITS.name} showCount />
        </Form.Item>
        <Form.Item
          name="customerNo"
          label={t('customers.customerNo')}
          extra={t('customers.customerNoHint')}
        >
          <Input maxLength={CUSTOMER_LIMITS.customerNo} />
        </Form.Item>
        <Form.Item name="shopUnit" label={t('customers.shopUnit')}>
          <Input maxLength={CUSTOMER_LIMITS.shopUnit} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customers.phone')}
          rules={[{ pattern: PHONE_PATTERN, message: t('customers.phoneDigits') }]}
        >
          <Input maxLength={CUSTOMER_LIMITS.phone} inputMode="tel" />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')}>
          <Input.TextArea rows={2} maxLength={CUSTOMER_LIMITS.notes} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
