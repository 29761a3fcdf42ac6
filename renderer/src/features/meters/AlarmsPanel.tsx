// 报警记录: what polling raised (credit running low, a meter not answering), newest first; an
// alarm clears itself when the cause is gone and is acknowledged with what was done about it.
import { Alert, Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../../shared/api/meterLink';
import { meterNoColumn, customerColumn, shopColumn } from './columns';
import { formatMoney } from '../../../../shared/units';
import { useErrorText, useNotifyError } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useAlarmReportMutation, useAlarmsQuery } from './metersApi';
import { AcknowledgeDialog } from './AcknowledgeAlarm';

export function AlarmsPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState(true);
  const [acknowledging, setAcknowledging] = useState<AlarmView | null>(null);
  const alarms = useAlarmsQuery({ open }, { pollingInterval: 30_000 });
  const [report, reporting] = useAlarmReportMutation();
  const download = async () => {
    const result = await report({ open });
    if ('error' in result) return notifyError(result.error);
    if (result.data)
      downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/pdf');
  };
  const time = (at: string | null) => (at ? formatOfficeTime(at, i18n.language, true) : '—');
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          value={open ? 'open' : 'all'}
          options={[
            { value: 'open', label: t('alarms.open') },
            { value: 'all', label: t('alarms.all') },
          ]}
          onChange={(v) => setOpen(v === 'open')}
        />
        <Button loading={reporting.isLoading} onClick={() => void download()}>
          {t('alarms.print')}
        </Button>
      </Space>
      {alarms.error && <Alert type="error" showIcon title={errorText(alarms.error)} />}
      <Table<AlarmView>
        rowKey="id"
        size="small"
        loading={alarms.isFetching}
        dataSource={alarms.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: open ? t('alarms.noneOpen') : t('alarms.none') }}
        columns={[
          {
            title: t('alarms.kind'),
            dataIndex: 'kind',
            render: (k: AlarmView['kind']) => (
              <Tag color={k === 'low-credit' ? 'orange' : 'red'}>{t(`alarms.kinds.${k}`)}</Tag>
            ),
          },
          { title: t('alarms.raisedAt'), dataIndex: 'raisedAt', render: time },
          meterNoColumn(t),
          customerColumn(t),
          shopColumn(t),
          { title: t('alarms.phone'), dataIndex: 'phone', render: (n: string | null) => n || '—' },
          {
            title: t('meters.remaining'),
            dataIndex: 'remainingFen',
            render: (v: number | null) => (v === null ? '' : formatMoney(v)),
          },
          { title: t('alarms.clearedAt'), dataIndex: 'clearedAt', render: time },
          {
            title: t('alarms.acknowledged'),
            key: 'ack',
            render: (_: unknown, a) =>
              a.acknowledgedAt ? (
                <span>
                  {a.acknowledgedBy} · {a.note}
                </span>
              ) : (
                <Button size="small" onClick={() => setAcknowledging(a)}>
                  {t('alarms.acknowledge')}
                </Button>
              ),
          },
        ]}
      />
      {acknowledging && (
        <AcknowledgeDialog alarm={acknowledging} onClose={() => setAcknowledging(null)} />
      )}
    </div>
  );
}
