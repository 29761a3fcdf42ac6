// Closing a finding with what was done about it.
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '../../../../shared/api/inspection';
import type { Language } from '../../../../shared/errors';
import { describeFinding } from '../../../../shared/inspectionText';
import { useFeedback } from '../../app/hooks';
import { useAcknowledgeFindingMutation } from './inspectionApi';

export function AcknowledgeDialog({
  finding,
  onClose,
}: {
  finding: FindingView;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ note: string }>();
  const [acknowledge, { isLoading }] = useAcknowledgeFindingMutation();
  const text = describeFinding(finding.rule, finding.details, i18n.language as Language);
  return (
    <Modal
      open
      title={t('inspection.acknowledgeTitle', { meterNo: finding.meterNo })}
      okText={t('inspection.acknowledge')}
      cancelText={t('common.cancel')}
      confirmLoading={isLoading}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <p>
        <b>{text.title}</b>
        <br />
        {text.detail}
      </p>
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ note }) => {
          const result = await acknowledge({ id: finding.id, note: note.trim() });
          if (!feedback(result, t('inspection.acknowledged'))) return;
          onClose();
        }}
      >
        <Form.Item
          name="note"
          label={t('inspection.note')}
          rules={[
            { required: true, whitespace: true, message: t('inspection.noteRequired') },
            { min: 2, max: 500, message: t('inspection.noteRequired') },
          ]}
        >
          <Input.TextArea rows={3} autoFocus placeholder={t('inspection.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
