// 短信 (telling the tenant): the modem's state, the outbox (browsable, a failed message sent again),
// the templates with a preview that counts the parts, and the settings with a test message.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Segmented,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageState, MessageView } from '../../../../shared/api/messages';
import { officeDateTime } from '../../../../shared/officeTime';
import { segmentsOf } from '../../../../shared/sms/segments';
import {
  renderTemplate,
  SAMPLE_VALUES,
  TEMPLATE_KINDS,
  type TemplateKind,
} from '../../../../shared/sms/templates';
import { useErrorText, useFeedback, useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useMayCall } from '../../app/permissions';
import {
  useConfigureMessagesMutation,
  useMessageSettingsQuery,
  useMessageTemplatesQuery,
  useModemStatusQuery,
  useOutboxQuery,
  useOutboxReportMutation,
  useResendMessageMutation,
  useSendTestMessageMutation,
  useSetMessageTemplateMutation,
} from './messagesApi';
import { addMessageWords } from './words';
import { GatewayCard } from './GatewayCard';

addMessageWords();

const STATE_COLORS: Record<MessageState, string> = {
  queued: 'blue',
  sending: 'processing',
  sent: 'cyan',
  delivered: 'green',
  failed: 'red',
  skipped: 'default',
};

/** A moment in the office's wall-clock time, to the minute. */
const time = (iso: string | null) => (iso ? officeDateTime(iso).slice(0, 16) : '—');

export default function MessagesPanel() {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const [view, setView] = useState<'outbox' | 'templates' | 'settings'>('outbox');
  const manages = mayCall('messages.templates');
  return (
    <div data-testid="messages">
      <ModemCard />
      {manages && (
        <Segmented
          style={{ margin: '12px 0' }}
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={(['outbox', 'templates', 'settings'] as const).map((v) => ({
            value: v,
            label: t(`messages.views.${v}`),
          }))}
        />
      )}
      {view === 'outbox' && <Outbox />}
      {view === 'templates' && <Templates />}
      {view === 'settings' && <Settings />}
    </div>
  );
}

function ModemCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useModemStatusQuery({}, { pollingInterval: 60_000 });
  const s = status.data;
  return (
    <Card size="small" data-testid="modem-status">
      {!s || s.port === null ? (
        <span>{t('messages.modem.notSet')}</span>
      ) : s.error ? (
        <Alert
          type="warning"
          showIcon
          message={`${t('messages.modem.title')} ${s.port}`}
          description={errorText(s.error)}
        />
      ) : (
        <Space size="large" wrap>
          <span>
            {t('messages.modem.title')} {s.port}
          </span>
          <span>
            {t('messages.modem.sim')}: {t(`messages.sim.${s.sim ?? 'unknown'}`)}
          </span>
          <span>
            {t('messages.modem.network')}: {t(`messages.network.${s.network ?? 'unknown'}`)}
            {s.operator ? ` · ${s.operator}` : ''}
          </span>
          <span>
            {t('messages.modem.signal')}: {'▮'.repeat(s.bars ?? 0)}
            {'▯'.repeat(5 - (s.bars ?? 0))}
          </span>
          <span>{t('messages.modem.queued', { count: s.queued })}</span>
        </Space>
      )}
    </Card>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const feedback = useFeedback();
  const outbox = useOutboxQuery({}, { pollingInterval: 5_000 });
  const [resend, resending] = useResendMessageMutation();
  const [report, reporting] = useOutboxReportMutation();
  const notifyError = useNotifyError();
  const print = async () => {
    const result = await report({});
    if ('error' in result) return notifyError(result.error);
    if (result.data)
      downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/pdf');
  };
  return (
    <>
      <Button
        style={{ marginBottom: 8 }}
        loading={reporting.isLoading}
        onClick={() => void print()}
      >
        {t('messages.print')}
      </Button>
      <Table<MessageView>
        rowKey="id"
        size="small"
        data-testid="outbox"
        loading={outbox.isLoading}
        dataSource={outbox.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('messages.empty') }}
        columns={[
          {
            title: t('messages.columns.createdAt'),
            key: 'at',
            width: 130,
            render: (_, m) => time(m.createdAt),
          },
          {
            title: t('messages.columns.to'),
            key: 'to',
            width: 170,
            render: (_, m) => (m.customerName ? `${m.customerName} ${m.phone}` : m.phone),
          },
          {
            title: t('messages.columns.kind'),
            key: 'kind',
            width: 90,
            render: (_, m) => t(`messages.kinds.${m.kind}`),
          },
          { title: t('messages.columns.text'), dataIndex: 'text', ellipsis: true },
          {
            title: t('messages.columns.state'),
            key: 'state',
            width: 200,
            render: (_, m) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATE_COLORS[m.state]}>{t(`messages.states.${m.state}`)}</Tag>
                {m.lastError && (
                  <span style={{ fontSize: 12 }}>
                    {t(`messages.reasons.${m.lastError}`, {
                      at: time(m.notBefore),
                      defaultValue: m.lastError,
                    })}
                  </span>
                )}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_, m) =>
              m.state === 'failed' &&
              mayCall('messages.resend') && (
                <Button
                  size="small"
                  loading={resending.isLoading && resending.originalArgs?.id === m.id}
                  onClick={async () => {
                    feedback(await resend({ id: m.id }), t('messages.resent'));
                  }}
                >
                  {t('messages.resend')}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}

function Templates() {
  const { t } = useTranslation();
  const templates = useMessageTemplatesQuery({});
  const [kind, setKind] = useState<TemplateKind>('low-credit');
  const [draft, setDraft] = useState<Partial<Record<TemplateKind, string>>>({});
  const [save, saving] = useSetMessageTemplateMutation();
  const feedback = useFeedback();
  if (!templates.data) return null;
  const text = draft[kind] ?? templates.data.templates[kind];
  const preview = renderTemplate(text, SAMPLE_VALUES);
  const size = segmentsOf(preview);
  return (
    <Card size="small" data-testid="templates">
      <Segmented
        value={kind}
        onChange={(k) => setKind(k as TemplateKind)}
        options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`messages.kinds.${k}`) }))}
      />
      <div style={{ margin: '12px 0 4px' }}>
        {t('messages.variables')}{' '}
        {templates.data.variables[kind].map((v) => (
          <Tag
            key={v}
            style={{ cursor: 'pointer' }}
            onClick={() => setDraft({ ...draft, [kind]: `${text}{${v}}` })}
          >
            {`{${v}}`} {t(`messages.variableNames.${v}`)}
          </Tag>
        ))}
      </div>
      <Input.TextArea
        aria-label={t('messages.template')}
        rows={3}
        maxLength={600}
        value={text}
        onChange={(e) => setDraft({ ...draft, [kind]: e.target.value })}
      />
      <Alert
        style={{ marginTop: 12 }}
        type={size.parts > 1 ? 'warning' : 'info'}
        message={t('messages.preview')}
        description={
          <>
            <div data-testid="template-preview">{preview}</div>
            <div data-testid="template-size" style={{ marginTop: 4, fontSize: 12 }}>
              {t('messages.size', { chars: size.units, parts: size.parts })}
            </div>
          </>
        }
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          loading={saving.isLoading}
          onClick={async () => {
            if (feedback(await save({ kind, text }), t('common.saved')))
              setDraft({ ...draft, [kind]: undefined });
          }}
        >
          {t('common.save')}
        </Button>
        <Button onClick={() => setDraft({ ...draft, [kind]: templates.data!.defaults[kind] })}>
          {t('messages.restoreDefault')}
        </Button>
      </Space>
    </Card>
  );
}

interface SettingsForm {
  modemPort: string;
  quietFrom: string;
  quietTo: string;
  dailyCap: number;
  purchaseNotice: boolean;
  lightsOutNotice: boolean;
}

function Settings() {
  const { t } = useTranslation();
  const settings = useMessageSettingsQuery({});
  const [configure, configuring] = useConfigureMessagesMutation();
  const [sendTest, testing] = useSendTestMessageMutation();
  const feedback = useFeedback();
  const [form] = Form.useForm<SettingsForm>();
  const [test] = Form.useForm<{ phone: string; text: string }>();
  if (!settings.data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('messages.settingsTitle')} data-testid="sms-settings">
        <Form<SettingsForm>
          form={form}
          layout="inline"
          initialValues={{ ...settings.data, modemPort: settings.data.modemPort ?? '' }}
          onFinish={async (values) => {
            feedback(
              await configure({ ...values, modemPort: values.modemPort.trim() || null }),
              t('common.saved'),
              form,
            );
          }}
        >
          <Form.Item name="modemPort" label={t('messages.modemPort')}>
            <Input style={{ width: 220 }} placeholder="/dev/ttyUSB0 · COM3" />
          </Form.Item>
          <Form.Item name="quietFrom" label={t('messages.quietFrom')}>
            <Input style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="quietTo" label={t('messages.quietTo')}>
            <Input style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="dailyCap" label={t('messages.dailyCap')}>
            <InputNumber min={1} max={20} precision={0} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="purchaseNotice" valuePropName="checked">
            <Checkbox>{t('messages.purchaseNotice')}</Checkbox>
          </Form.Item>
          <Form.Item name="lightsOutNotice" valuePropName="checked">
            <Checkbox>{t('messages.lightsOutNotice')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={configuring.isLoading}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <GatewayCard />
      <Card size="small" title={t('messages.testTitle')}>
        <Form<{ phone: string; text: string }>
          form={test}
          layout="inline"
          initialValues={{ text: t('messages.testText') }}
          onFinish={async (values) => {
            feedback(await sendTest(values), (m) => t(`messages.testDone.${m.state}`), test);
          }}
        >
          <Form.Item name="phone" label={t('messages.testPhone')} rules={[{ required: true }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="text" label={t('messages.testMessage')} rules={[{ required: true }]}>
            <Input style={{ width: 360 }} maxLength={600} />
          </Form.Item>
          <Button htmlType="submit" loading={testing.isLoading}>
            {t('messages.sendTest')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
