// Acknowledging a meter's alarm with a note of what was done.
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../../shared/api/meterLink';
import { useErrorText } from '../../app/hooks';
import { useAcknowledgeAlarmMutation } from './metersApi';

export function AcknowledgeDialog({ alarm, onClose }: { alarm: AlarmView; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [acknowledge, saving] = useAcknowledgeAlarmMutation();
  const [form] = Form.useForm<{ note: string }>();
  const submit = async () => {
    const { note } = await form.validateFields();
    const result = await acknowledge({ id: alarm.id, note });
    if ('data' in result) onClose();
  };
  return (
    <Modal
      open
      title={`${t('alarms.acknowledge')} · ${alarm.meterNo}`}
      okButtonProps={{ loading: saving.isLoading }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('alarms.note')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
      {saving.error && <Alert type="error" showIcon title={errorText(saving.error)} />}
    </Modal>
  );
}
