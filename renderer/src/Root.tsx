// Chooses the screen: first-run setup, sign-in, or the office shell; wraps it in the theme and
// the antd locale that follow the UI language.
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from './app/hooks';
import { useAppSelector } from './app/hooks';
import { useSystemInfoQuery } from './app/systemApi';
import { AppShell } from './components/AppShell';
import { LoginPage } from './features/auth/LoginPage';
import { theme } from './theme';

// The wizard runs once per office; it need not weigh on every start.
const SetupWizard = lazy(() => import('./features/setup/SetupWizard'));

export function Root() {
  const { i18n } = useTranslation();
  // Date pickers name months and weekdays through dayjs, which keeps its own locale.
  dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <Screens />
      </AntApp>
    </ConfigProvider>
  );
}

function Screens() {
  const info = useSystemInfoQuery();
  const session = useAppSelector((state) => state.session.current);
  const errorText = useErrorText();

  if (info.isLoading) {
    return (
      <div className="pt-center">
        <Spin size="large" />
      </div>
    );
  }
  if (info.error || !info.data) {
    return (
      <div className="pt-center">
        <Result status="error" title="PowerTill" subTitle={errorText(info.error)} />
      </div>
    );
  }
  if (info.data.needsSetup && !session) {
    return (
      <Suspense fallback={<Spin size="large" className="pt-center" />}>
        <SetupWizard info={info.data} />
      </Suspense>
    );
  }
  if (!session) return <LoginPage info={info.data} />;
  return <AppShell info={info.data} session={session} />;
}
