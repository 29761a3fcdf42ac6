// The office shell: sections on the left (mouse or F1–F9), operator and language on top,
// status bar at the bottom.
import {
  AlertOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu, Spin, Tag } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, SystemInfo } from '../../../shared/api/types';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { useMayCall } from '../app/permissions';
import { usePrintReceipt } from '../features/ledger/usePrintReceipt';
import { sessionEnded, signedIn } from '../app/sessionSlice';
import { ChangePasswordDialog } from '../features/auth/ChangePasswordDialog';
import {
  useLazyCurrentSessionQuery,
  useLogoutMutation,
  useSetLanguageMutation,
} from '../features/auth/authApi';
import type { Language } from '../../../shared/errors';
import {
  HOME_SECTION,
  sectionFromHash,
  sectionsFor,
  type SectionKey,
} from '../features/sections/sections';
import { LanguageSwitch } from './LanguageSwitch';
import { StatusBar } from './StatusBar';
import { PendingOperations } from '../features/journal/PendingOperations';
import { useIdleSignOut } from './useIdleSignOut';

// Section pages load on first visit, so the sign-in screen does not wait for them.
const OperatorsPage = lazy(() => import('../features/operators/OperatorsPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const StatusDevices = lazy(() => import('./StatusDevices'));
const SalesPage = lazy(() => import('../features/sales/SalesPage'));
const CustomersPage = lazy(() => import('../features/customers/CustomersPage'));
const TariffsPage = lazy(() => import('../features/tariffs/TariffsPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
// Opened at the end of a shift only.
const HandOverDialog = lazy(() =>
  import('../features/sales/HandOverDialog').then((m) => ({ default: m.HandOverDialog })),
);
const MetersPage = lazy(() =>
  import('../features/meters/MetersPage').then((m) => ({ default: m.MetersPage })),
);
const CardsPage = lazy(() =>
  import('../features/cards/CardsPage').then((m) => ({ default: m.CardsPage })),
);
const InspectionPage = lazy(() =>
  import('../features/inspection/InspectionPage').then((m) => ({ default: m.InspectionPage })),
);

const ICONS: Record<SectionKey, ReactNode> = {
  sales: <ThunderboltOutlined />,
  customers: <TeamOutlined />,
  cards: <CreditCardOutlined />,
  meters: <DashboardOutlined />,
  tariffs: <AppstoreOutlined />,
  reports: <BarChartOutlined />,
  inspection: <AlertOutlined />,
  settings: <SettingOutlined />,
  operators: <UserOutlined />,
};

export function AppShell({ info, session }: { info: SystemInfo; session: SessionView }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [logout] = useLogoutMutation();
  const [refreshSession] = useLazyCurrentSessionQuery();
  const [changingPassword, setChangingPassword] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const operator = session.operator;
  const mayCall = useMayCall();
  const sections = useMemo(() => sectionsFor(mayCall), [mayCall]);
  const [chosen, setCurrent] = useState<SectionKey>(() =>
    sectionFromHash(window.location.hash, sections, HOME_SECTION[operator.role]),
  );
  // A section whose permission was taken away meanwhile is not kept open.
  const current = sections.some((s) => s.key === chosen)
    ? chosen
    : sectionFromHash('', sections, HOME_SECTION[operator.role]);

  // The session's permissions as they are now: an administrator may have changed them since the
  // sign-in (the backend applies a change at once; the screens follow at the next section).
  const refreshOperator = useCallback(async () => {
    const fresh = await refreshSession();
    // Unchanged (the usual case), the screens are left as they are: nothing re-renders.
    if (fresh.data && JSON.stringify(fresh.data) !== JSON.stringify(session))
      dispatch(signedIn(fresh.data));
  }, [dispatch, refreshSession, session]);
  useEffect(() => {
    void refreshOperator();
  }, [refreshOperator]);

  const open = useCallback(
    (key: SectionKey) => {
      setCurrent(key);
      window.history.replaceState(null, '', `#/${key}`);
      void refreshOperator();
    },
    [refreshOperator],
  );

  const signOut = useCallback(
    async (reason: 'logout' | 'idle') => {
      await logout();
      dispatch(sessionEnded(reason));
    },
    [dispatch, logout],
  );

  useIdleSignOut(session.idleTimeoutMinutes, () => void signOut('idle'));

  // An operator who never chose a language keeps the one this PC shows: it becomes theirs, so
  // the reports and hand-over printed for them (in the operator's language) match their screen.
  const [saveLanguage] = useSetLanguageMutation();
  const unchosen = session.language === null;
  useEffect(() => {
    if (unchosen) void saveLanguage({ language: i18n.language as Language });
  }, [unchosen, saveLanguage, i18n]);

  // Ctrl+P prints (or reprints) the till's last receipt; Ctrl+H opens the hand-over. Both
  // replace the browser's own meaning (print the page, history), which a till never wants.
  const lastReceiptNo = useAppSelector((state) => state.till.lastReceiptNo);
  const [printReceipt] = usePrintReceipt();
  const { message } = App.useApp();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'p') {
        event.preventDefault();
        if (lastReceiptNo === null) void message.info(t('sales.noReceiptYet'));
        else void printReceipt(lastReceiptNo);
      } else if (key === 'h') {
        event.preventDefault();
        setHandingOver(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lastReceiptNo, printReceipt, message, t]);

  // F1–F9 open the sections; the browser's own meaning (help, reload) is not wanted at a till.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const section = sections.find((s) => s.functionKey === event.key);
      if (!section || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      open(section.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, sections]);

  const page = (() => {
    switch (current) {
      case 'settings':
        return <SettingsPage info={info} />;
      case 'operators':
        return <OperatorsPage currentOperatorId={operator.id} />;
      case 'sales':
        return <SalesPage info={info} />;
      case 'customers':
        return <CustomersPage />;
      case 'tariffs':
        return <TariffsPage />;
      case 'reports':
        return <ReportsPage />;
      case 'cards':
        return <CardsPage />;
      case 'inspection':
        return <InspectionPage />;
      case 'meters':
        return <MetersPage />;
    }
  })();

  return (
    <Layout className="pt-shell">
      {info.demo && (
        <div className="pt-training-banner">
          {t('app.training')} · {t('app.trainingHint')}
        </div>
      )}
      <Layout.Header className="pt-header">
        <div className="pt-header-title">
          <img src="./favicon.svg" alt="" />
          <span>{info.officeName ?? t('app.name')}</span>
          {info.demo && <Tag color="gold">{t('app.training')}</Tag>}
        </div>
        <div className="pt-header-right">
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'handover',
                  icon: <SwapOutlined />,
                  label: `${t('handover.menu')} (Ctrl+H)`,
                },
                { key: 'password', icon: <LockOutlined />, label: t('password.change') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'handover') setHandingOver(true);
                if (key === 'password') setChangingPassword(true);
                if (key === 'logout') void signOut('logout');
              },
            }}
          >
            <Button type="text" data-testid="operator-menu">
              <UserOutlined /> {operator.displayName}{' '}
              <Tag style={{ marginInlineEnd: 0 }}>{t(`roles.${operator.role}`)}</Tag>{' '}
              <DownOutlined />
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} className="pt-sider">
          <Menu
            mode="inline"
            selectedKeys={[current]}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            onClick={({ key }) => open(key as SectionKey)}
            items={sections.map((s) => ({
              key: s.key,
              icon: ICONS[s.key],
              label: (
                <span className="pt-menu-item">
                  <span>{t(`sections.${s.key}`)}</span>
                  <kbd className="pt-fkey">{s.functionKey}</kbd>
                </span>
              ),
            }))}
          />
        </Layout.Sider>
        <Layout.Content className="pt-content">
          {/* Nothing behind a forced password change: the backend refuses every call until
              then, and a page that asked would keep the refusal (an empty customer list). */}
          {!operator.mustChangePassword && (
            <Suspense fallback={<Spin style={{ marginTop: 64, width: '100%' }} />}>{page}</Suspense>
          )}
        </Layout.Content>
      </Layout>
      <StatusBar
        info={info}
        extra={
          !operator.mustChangePassword && (
            <>
              <Suspense fallback={null}>
                <StatusDevices />
              </Suspense>
              <PendingOperations />
            </>
          )
        }
      />
      {handingOver && (
        <Suspense fallback={null}>
          <HandOverDialog
            onClose={() => setHandingOver(false)}
            onHandedOver={() => {
              setHandingOver(false);
              void signOut('logout');
            }}
          />
        </Suspense>
      )}
      <ChangePasswordDialog
        open={changingPassword || operator.mustChangePassword}
        forced={operator.mustChangePassword}
        onCancel={() => setChangingPassword(false)}
        onDone={async () => {
          setChangingPassword(false);
          await refreshOperator();
        }}
      />
    </Layout>
  );
}
