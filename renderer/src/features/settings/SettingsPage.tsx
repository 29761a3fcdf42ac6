// Settings: office details, language, the office secret, audit chain check, diagnostics, about.
import { Card, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SystemInfo } from '../../../../shared/api/types';
import { useMayCall } from '../../app/permissions';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader';
import { AuditCard } from './AuditCard';
import { BackupsCard } from './BackupsCard';
import { PrintingCard } from './PrintingCard';
import { DisplayCard } from '../display/DisplayCard';
import { DiagnosticsCard } from './DiagnosticsCard';
import { OfficeCard } from './OfficeCard';
import { SecretCard } from './SecretCard';

export function SettingsPage({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  return (
    <div style={{ maxWidth: 880 }}>
      <PageHeader title={t('settings.title')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <OfficeCard mayEdit={mayCall('settings.update')} />
        <PrintingCard mayEdit={mayCall('printing.updateSettings')} />
        <DisplayCard mayEdit={mayCall('display.configure')} />
        <Card title={t('settings.language')} size="small">
          <LanguageSwitch />
        </Card>
        {mayCall('secret.fingerprint') && <SecretCard mayExport={mayCall('secret.export')} />}
        {mayCall('audit.list') && <AuditCard />}
        {mayCall('backups.list') && <BackupsCard mayRestore={mayCall('backups.restore')} />}
        {mayCall('diagnostics.export') && <DiagnosticsCard />}
        <Card title={t('settings.about')} size="small">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'v', label: t('settings.version'), children: info.appVersion },
              { key: 's', label: t('settings.schema'), children: info.schemaVersion },
              {
                key: 'm',
                label: t('settings.mode'),
                children: info.demo ? t('app.training') : t('settings.modeNormal'),
              },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}

export default SettingsPage;
