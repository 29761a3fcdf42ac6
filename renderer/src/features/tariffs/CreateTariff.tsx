// 新建电价: a tariff's name and its first prices.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFeedback } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { useCreateTariffMutation } from '../ledger/ledgerApi';
import { DefinitionFields, NEW_TARIFF, toDefinition, type DefinitionValues } from './TariffForm';

export function CreateTariff({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<DefinitionValues & { name: string }>();
  const [create, { isLoading }] = useCreateTariffMutation();
  return (
    <FormDialog title={t('tariffs.add')} form={form} loading={isLoading} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={NEW_TARIFF}
        onFinish={async (values) => {
          const result = await create({ name: values.name, definition: toDefinition(values) });
          if (!feedback(result, t('tariffs.createdOk'))) return;
          onClose();
        }}
      >
        <Form.Item
          name="name"
          label={t('tariffs.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus />
        </Form.Item>
        <DefinitionFields />
      </Form>
    </FormDialog>
  );
}
