// 调价: new prices from a chosen moment; the prices in force stay until then, history is kept.
import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TariffView } from '../../../../shared/api/ledgerTypes';
import { useFeedback } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { useScheduleTariffMutation } from '../ledger/ledgerApi';
import {
  DefinitionFields,
  fromDefinition,
  NEW_TARIFF,
  toDefinition,
  type DefinitionValues,
} from './TariffForm';

/** 调价: new prices from a chosen moment; the prices in force stay until then, history is kept. */
export function ScheduleTariff({ tariff, onClose }: { tariff: TariffView; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<DefinitionValues & { effectiveFrom: Dayjs }>();
  const [schedule, { isLoading }] = useScheduleTariffMutation();
  const latest = tariff.versions.at(-1)?.definition;
  return (
    <FormDialog
      title={t('tariffs.scheduleTitle', { name: tariff.name })}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ...NEW_TARIFF,
          ...(latest && fromDefinition(latest)),
          effectiveFrom: dayjs().add(1, 'day').startOf('day'),
        }}
        onFinish={async ({ effectiveFrom, ...values }) => {
          const result = await schedule({
            tariffId: tariff.id,
            definition: toDefinition(values),
            effectiveFrom: effectiveFrom.toISOString(),
          });
          if (!feedback(result, t('tariffs.scheduledOk'))) return;
          onClose();
        }}
      >
        <Form.Item
          name="effectiveFrom"
          label={t('tariffs.effectiveFrom')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          />
        </Form.Item>
        <DefinitionFields />
      </Form>
    </FormDialog>
  );
}
