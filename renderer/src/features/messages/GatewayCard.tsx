// 短信平台: the internet SMS gateway (Alibaba Cloud) as the way messages go, for an office with a
// connection: its AccessKey (the secret typed once, never shown again), the registered signature,
// and each kind's registered template code. The service sends templates only, so typed test
// messages still need the modem. 检查账号 asks the service with the saved account, so a mistyped
// secret or signature is found now rather than at the first tenant's message.
import { App, Button, Card, Form, Input, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GatewaySettingsView } from '../../../../shared/api/messages';
import { TEMPLATE_KINDS, type TemplateKind } from '../../../../shared/sms/templates';
import { useFeedback, useNotifyError } from '../../app/hooks';
import {
  useCheckGatewayMutation,
  useConfigureGatewayMutation,
  useGatewaySettingsQuery,
} from './messagesApi';

interface GatewayForm {
  route: 'modem' | 'gateway';
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  templateCodes: Partial<Record<TemplateKind, string>>;
}

export function GatewayCard() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const settings = useGatewaySettingsQuery({});
  const [configure, configuring] = useConfigureGatewayMutation();
  const [check, checking] = useCheckGatewayMutation();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [form] = Form.useForm<GatewayForm>();
  const route = Form.useWatch('route', form) ?? settings.data?.route;
  const s: GatewaySettingsView | undefined = settings.data;
  if (!s) return null;
  return (
    <Card size="small" title={t('messages.gateway.title')} data-testid="gateway">
      <div className="pt-hint" style={{ marginBottom: 12 }}>
        {t('messages.gateway.hint')}
      </div>
      <Form<GatewayForm>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '140px' }}
        initialValues={{ ...s, accessKeySecret: '' }}
        onFinish={async (values) => {
          const codes = Object.fromEntries(
            Object.entries(values.templateCodes ?? {}).filter(([, code]) => code?.trim()),
          );
          const saved = feedback(
            await configure({
              route: values.route,
              accessKeyId: values.accessKeyId ?? '',
              ...(values.accessKeySecret && { accessKeySecret: values.accessKeySecret }),
              signName: values.signName ?? '',
              endpoint: values.endpoint || 'dysmsapi.aliyuncs.com',
              templateCodes: codes,
            }),
            t('common.saved'),
            form,
          );
          // Typed once: not left in the page once it is kept.
          if (saved) form.setFieldValue('accessKeySecret', '');
        }}
      >
        <Form.Item name="route" label={t('messages.gateway.route')}>
          <Segmented
            options={(['modem', 'gateway'] as const).map((r) => ({
              value: r,
              label: t(`messages.gateway.routes.${r}`),
            }))}
          />
        </Form.Item>
        {route === 'gateway' && (
          <>
            <Form.Item name="accessKeyId" label="AccessKey ID">
              <Input style={{ width: 280 }} autoComplete="off" />
            </Form.Item>
            <Form.Item name="accessKeySecret" label="AccessKey Secret">
              <Input.Password
                style={{ width: 280 }}
                autoComplete="new-password"
                placeholder={s.hasSecret ? t('messages.gateway.secretKept') : ''}
              />
            </Form.Item>
            <Form.Item name="signName" label={t('messages.gateway.signName')}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="endpoint" label={t('messages.gateway.endpoint')}>
              <Input style={{ width: 280 }} />
            </Form.Item>
            {TEMPLATE_KINDS.map((kind) => (
              <Form.Item
                key={kind}
                name={['templateCodes', kind]}
                label={t(`messages.kinds.${kind}`)}
              >
                <Input style={{ width: 200 }} placeholder="SMS_123456789" />
              </Form.Item>
            ))}
          </>
        )}
        <Button type="primary" htmlType="submit" loading={configuring.isLoading}>
          {t('common.save')}
        </Button>
        {route === 'gateway' && s.hasSecret && (
          <Button
            style={{ marginLeft: 8 }}
            loading={checking.isLoading}
            onClick={async () => {
              const result = await check({});
              const refused = result.error ?? result.data?.error;
              if (refused) notifyError(refused);
              else void message.success(t('messages.gateway.checked'));
            }}
          >
            {t('messages.gateway.check')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
