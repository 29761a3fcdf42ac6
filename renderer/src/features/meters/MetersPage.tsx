// 电表 (F4): the office's meters and its RS485 line. An NK meter on the line can be read live
// (which also settles an unconfirmed recharge of its account); a supervisor trips or closes its
// relay, with a reason, and sets up the line (USB-RS485 port or TCP gateway, meter password).
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayCall } from '../../app/permissions';
import { PageHeader } from '../../components/PageHeader';
import { AcrtPanel } from './AcrtPanel';
import { AlarmsPanel } from './AlarmsPanel';
import { BatchPanel } from './BatchPanel';
import { LineSettingsDialog } from './LineSettingsDialog';
import { LineStatus } from './LineStatus';
import { MeterList } from './MeterList';

export function MetersPage() {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const [settingUp, setSettingUp] = useState(false);
  return (
    <div>
      <PageHeader
        title={t('meters.title')}
        extra={
          mayCall('meterLink.configure') && (
            <Button onClick={() => setSettingUp(true)}>{t('meters.lineSettings')}</Button>
          )
        }
      />
      <LineStatus />
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'meters',
            label: t('meters.tabMeters'),
            children: <MeterList />,
          },
          ...(mayCall('batch.start')
            ? [
                { key: 'batch', label: t('meters.tabBatch'), children: <BatchPanel /> },
                { key: 'acrt', label: t('meters.tabAcrt'), children: <AcrtPanel /> },
              ]
            : []),
          { key: 'alarms', label: t('meters.tabAlarms'), children: <AlarmsPanel /> },
        ]}
      />
      {settingUp && <LineSettingsDialog onClose={() => setSettingUp(false)} />}
    </div>
  );
}
