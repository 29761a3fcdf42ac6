// A command to one meter with its reason: a relay command (拉闸, 合闸, 保电 …) or the tariff pushed
// down.
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../../shared/api/ledgerTypes';
import { type RelayCommand } from '../../../../shared/api/meterLink';
import { useErrorText } from '../../app/hooks';
import { usePushTariffMutation, useRelayMutation } from './metersApi';

/** A command to one meter, with its reason: a relay command, or the tariff pushed down. */
export function RelayDialog({
  meter,
  command,
  onClose,
}: {
  meter: MeterView;
  command: RelayCommand | 'setTariff';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [relay, relaying] = useRelayMutation();
  const [pushTariff, pushing] = usePushTariffMutation();
  const sending = command === 'setTariff' ? pushing : relaying;
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    const result =
      command === 'setTariff'
        ? await pushTariff({ meterId: meter.id, reason })
        : await relay({ meterId: meter.id, command, reason });
    if ('data' in result) {
      void message.success(t('meters.relayDone', { command: t(`meters.relay.${command}`) }));
      onClose();
    }
  };
  return (
    <Modal
      open
      title={`${t(`meters.relay.${command}`)} · ${meter.meterNo}`}
      okText={t('meters.relaySend')}
      okButtonProps={{ danger: command === 'trip', loading: sending.isLoading }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t(`meters.relayText.${command}`)}</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('meters.reason')}
          rules={[{ required: true, whitespace: true, message: t('meters.reasonRequired') }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Form>
      {sending.error && <Alert type="error" showIcon title={errorText(sending.error)} />}
    </Modal>
  );
}
