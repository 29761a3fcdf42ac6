// 开户: an account for a tenant on a meter (registered here if new), with its tariff, its install
// reading and, for a meter on the line, its protocol and who keeps the money (主站计费).
import { Alert, App, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingMode, MeterModel } from '../../../../shared/api/ledgerTypes';
import { METER_MODELS } from '../../../../shared/api/ledgerTypes';
import { parseEnergy } from '../../../../shared/units';
import { useNotifyError } from '../../app/hooks';
import { parsedRule } from '../../components/formRules';
import { FormDialog } from '../../components/FormDialog';
import {
  useOpenAccountMutation,
  useRegisterMeterMutation,
  useTariffsQuery,
} from '../ledger/ledgerApi';
import { useLazyMetersQuery } from '../meters/metersApi';

/** Meters that speak DL/T 645 or Modbus-RTU, chosen per device. */
const speaksEither = (model: MeterModel) => model.endsWith('-NK') || model === 'ADM100';
/** Metering meters hold no money: the office bills them from their readings (主站计费). */
const metering = (model: MeterModel | undefined) => model === 'DDSD1352' || model === 'DTSD1352';

interface OpenValues {
  meterNo: string;
  model: MeterModel;
  /** NK meters: recharged from the tenant's card at an ACRT terminal, not over the line. */
  delivery: 'line' | 'acrt';
  /** NK meters: how they speak on the line, and a Modbus meter's unit address. */
  protocol: 'dlt645' | 'modbus';
  modbusUnit?: number;
  /** ADF300: which circuit of the box is this tenant's. */
  circuit?: number;
  ctRatio: number;
  tariffId: number;
  installReading: string;
  /** A meter on the line that holds money: billed by itself, or by the office (主站计费). */
  billing: BillingMode;
}

export function OpenAccount({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<OpenValues>();
  const tariffs = useTariffsQuery();
  const [findMeters] = useLazyMetersQuery();
  const [registerMeter] = useRegisterMeterMutation();
  const [openAccount, { isLoading }] = useOpenAccountMutation();
  const usable = (tariffs.data ?? []).filter((tariff) => tariff.current);
  // The form may open before the tariffs arrive (a fresh sign-in): the first one is chosen then.
  const firstTariff = usable[0]?.id;
  useEffect(() => {
    if (firstTariff !== undefined && form.getFieldValue('tariffId') === undefined)
      form.setFieldValue('tariffId', firstTariff);
  }, [firstTariff, form]);
  const model = Form.useWatch('model', form);
  const protocol = Form.useWatch('protocol', form);
  const delivery = Form.useWatch('delivery', form);
  // Who may keep the money: only a meter on the line can be billed by the office.
  const onLine =
    model !== undefined &&
    (model.endsWith('-NK') ? delivery !== 'acrt' : !['DDSY1352', 'DTSY1352'].includes(model));

  const submit = async (values: OpenValues) => {
    // An existing meter (in stock, or back from another account) is reused; a new one registered.
    const circuit = values.model === 'ADF300' ? (values.circuit ?? 0) : 0;
    const found = (await findMeters({ query: values.meterNo, limit: 20 })).data?.find(
      (m) => m.meterNo === values.meterNo && m.circuit === circuit,
    );
    let meterId = found?.id;
    if (!meterId) {
      const registered = await registerMeter({
        meterNo: values.meterNo,
        circuit,
        model: values.model,
        ctRatio: values.ctRatio,
        viaAcrt: values.model.endsWith('-NK') && values.delivery === 'acrt',
        ...(speaksEither(values.model) &&
          values.protocol === 'modbus' && { protocol: 'modbus', modbusUnit: values.modbusUnit! }),
      });
      if ('error' in registered) return notifyError(registered.error, form);
      meterId = registered.data.id;
    }
    const opened = await openAccount({
      customerId,
      meterId,
      tariffId: values.tariffId,
      installReading: values.installReading?.trim() ? parseEnergy(values.installReading.trim()) : 0,
      ...(metering(values.model)
        ? { billing: 'office' as const }
        : onLine && { billing: values.billing }),
    });
    if ('error' in opened) return notifyError(opened.error, form);
    void message.success(t('customers.opened', { accountNo: opened.data.accountNo }));
    onClose();
  };

  return (
    <FormDialog
      title={t('customers.openAccount')}
      form={form}
      loading={isLoading}
      disabled={usable.length === 0}
      onClose={onClose}
    >
      {usable.length === 0 && !tariffs.isLoading && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.noTariff')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<OpenValues>
        form={form}
        layout="vertical"
        initialValues={{
          model: 'DDSY1352',
          delivery: 'line',
          protocol: 'dlt645',
          ctRatio: 1,
          installReading: '0',
          tariffId: usable[0]?.id,
          billing: 'meter',
        }}
        onFinish={submit}
      >
        <Form.Item
          name="meterNo"
          label={t('customers.meterNo')}
          rules={[{ required: true, pattern: /^\d{12}$/, message: t('customers.meterNoInvalid') }]}
        >
          <Input autoFocus maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="model" label={t('customers.model')}>
          <Select options={METER_MODELS.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        {model === 'ADF300' && (
          <Form.Item
            name="circuit"
            label={t('customers.circuit')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber min={1} max={36} precision={0} />
          </Form.Item>
        )}
        {model?.endsWith('-NK') && (
          <Form.Item name="delivery" label={t('customers.delivery')}>
            <Radio.Group
              options={[
                { value: 'line', label: t('customers.deliveries.line') },
                { value: 'acrt', label: t('customers.deliveries.acrt') },
              ]}
            />
          </Form.Item>
        )}
        {model && speaksEither(model) && (
          <>
            <Space align="start">
              <Form.Item name="protocol" label={t('customers.protocol')}>
                <Select
                  style={{ width: 160 }}
                  options={[
                    { value: 'dlt645', label: 'DL/T 645-2007' },
                    { value: 'modbus', label: 'Modbus-RTU' },
                  ]}
                />
              </Form.Item>
              {protocol === 'modbus' && (
                <Form.Item
                  name="modbusUnit"
                  label={t('customers.modbusUnit')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <InputNumber min={1} max={247} precision={0} />
                </Form.Item>
              )}
            </Space>
          </>
        )}
        {metering(model) ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('customers.meteringBilledByOffice')}
          />
        ) : (
          onLine && (
            <Form.Item
              name="billing"
              label={t('customers.billing')}
              extra={t('customers.billingHint')}
            >
              <Radio.Group
                options={[
                  { value: 'meter', label: t('customers.billings.meter') },
                  { value: 'office', label: t('customers.billings.office') },
                ]}
              />
            </Form.Item>
          )
        )}
        <Form.Item name="ctRatio" label={t('customers.ctRatio')}>
          <InputNumber min={1} max={10_000} precision={0} />
        </Form.Item>
        <Form.Item
          name="tariffId"
          label={t('customers.tariff')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={usable.map((tariff) => ({ value: tariff.id, label: tariff.name }))} />
        </Form.Item>
        <Form.Item
          name="installReading"
          label={t('customers.installReading')}
          rules={[parsedRule(parseEnergy, t('accountActions.readingInvalid'))]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
