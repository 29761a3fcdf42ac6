// Operator sign-in. Says why the last session ended (signed out, idle) and applies the
// operator's own language if they chose one.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SystemInfo } from '../../../../shared/api/types';
import { useAppDispatch, useAppSelector, useErrorText } from '../../app/hooks';
import { signedIn } from '../../app/sessionSlice';
import { Brand } from '../../components/Brand';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyLanguage } from '../../i18n';
import { useLoginMutation } from './authApi';
import { forgetSection } from '../sections/sections';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const errorText = useErrorText();
  const endReason = useAppSelector((state) => state.session.endReason);
  const [login, { isLoading, error, reset }] = useLoginMutation();
  const [form] = Form.useForm<Credentials>();

  const submit = async (values: Credentials) => {
    const result = await login(values);
    if ('data' in result && result.data) {
      if (result.data.language) void applyLanguage(result.data.language);
      forgetSection();
      dispatch(signedIn(result.data));
    } else {
      form.setFieldValue('password', '');
    }
  };

  const notice =
    endReason === 'expired' || endReason === 'idle'
      ? t('login.expired')
      : endReason === 'logout'
        ? t('login.loggedOut')
        : null;

  return (
    <div className="pt-auth-page">
      <Brand officeName={info.officeName} />
      <Card style={{ width: 380, maxWidth: '100%' }} title={t('login.title')}>
        {notice && !error && (
          <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials>
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={() => error && reset()}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isLoading}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <div className="pt-auth-footer">
        <LanguageSwitch />
        <span>PowerTill {info.appVersion}</span>
        {info.demo && <span>{t('app.training')}</span>}
      </div>
    </div>
  );
}
