// First-run wizard: office name and receipt header, then the first administrator.
import { Alert, Button, Card, Form, Input, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupResult, SystemInfo } from '../../../../shared/api/types';
import { api } from '../../app/api';
import { useAppDispatch, useErrorText } from '../../app/hooks';
import { signedIn } from '../../app/sessionSlice';
import { forgetSection } from '../sections/sections';
import { Brand } from '../../components/Brand';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useInitializeMutation } from '../auth/authApi';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { SetupDone } from './SetupDone';

interface OfficeStep {
  officeName: string;
  receiptHeader: string;
}

interface AdminStep {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

export function SetupWizard({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const errorText = useErrorText();
  const [step, setStep] = useState(0);
  const [office, setOffice] = useState<OfficeStep | null>(null);
  const [done, setDone] = useState<SetupResult | null>(null);
  const [initialize, { isLoading, error }] = useInitializeMutation();

  const submit = async (admin: AdminStep) => {
    if (!office) return;
    const result = await initialize({
      officeName: office.officeName,
      receiptHeader: office.receiptHeader ?? '',
      admin: { username: admin.username, displayName: admin.displayName, password: admin.password },
    });
    if ('data' in result && result.data) {
      setDone(result.data);
      setStep(2);
    }
  };

  return (
    <div className="pt-auth-page">
      <Brand officeName={info.officeName} />
      <Card style={{ width: 560, maxWidth: '100%' }} title={t('setup.title')}>
        <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('setup.subtitle')}</p>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('setup.stepOffice') },
            { title: t('setup.stepAdmin') },
            { title: t('setup.stepDone') },
          ]}
        />
        {step === 0 && (
          <Form<OfficeStep>
            layout="vertical"
            initialValues={office ?? { officeName: '', receiptHeader: '' }}
            onFinish={(values) => {
              setOffice(values);
              setStep(1);
            }}
          >
            <Form.Item
              name="officeName"
              label={t('setup.officeName')}
              rules={[
                { required: true, whitespace: true, message: t('common.required') },
                { max: 60 },
              ]}
            >
              <Input autoFocus placeholder={t('setup.officeNamePlaceholder')} />
            </Form.Item>
            <Form.Item
              name="receiptHeader"
              label={t('setup.receiptHeader')}
              extra={t('setup.receiptHeaderHint')}
              rules={[{ max: 120 }]}
            >
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t('common.next')}
            </Button>
          </Form>
        )}
        {step === 1 && (
          <Form<AdminStep> layout="vertical" onFinish={submit} disabled={isLoading}>
            <Form.Item
              name="username"
              label={t('setup.adminUsername')}
              rules={[
                { required: true, message: t('common.required') },
                { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: 'a-z 0-9 _ . - (2–32)' },
              ]}
            >
              <Input autoFocus autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('setup.adminDisplayName')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input />
            </Form.Item>
            <NewPasswordFields
              name="password"
              label={t('setup.password')}
              confirmLabel={t('setup.passwordConfirm')}
            />
            {error && (
              <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />
            )}
            <div style={{ display: 'flex', gap: 8 }}>
              <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
              <Button type="primary" htmlType="submit" loading={isLoading} style={{ flex: 1 }}>
                {t('setup.submit')}
              </Button>
            </div>
          </Form>
        )}
        {step === 2 && done && (
          <SetupDone
            fingerprint={done.secretFingerprint}
            onEnter={() => {
              forgetSection();
              dispatch(signedIn(done.session));
              dispatch(api.util.invalidateTags(['system']));
            }}
          />
        )}
      </Card>
      <div className="pt-auth-footer">
        <LanguageSwitch />
        <span>PowerTill {info.appVersion}</span>
      </div>
    </div>
  );
}

export default SetupWizard;
