// 调价下发 still to do, above the meter list and on the tariffs page: how many meters on the line
// wait for their tariff in force, which ones and why, and (for a supervisor) a push now instead of
// at the poller's next minute. Stepped prices are listed as the office's to apply at the sale.
import { Alert, App, Button, Popover, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TariffPushView } from '../../../../shared/api/meterLink';
import { useMayCall } from '../../app/permissions';
import { useNotifyError } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import { usePushTariffsNowMutation, useTariffPushesQuery } from './metersApi';

export function TariffPushesNotice() {
  const mayCall = useMayCall();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  // The poller pushes by itself every minute, and a change comes into force with time: the list
  // is read afresh on opening the page and follows it while open.
  const pushes = useTariffPushesQuery(undefined, {
    pollingInterval: 30_000,
    refetchOnMountOrArgChange: true,
  });
  const [pushNow, pushing] = usePushTariffsNowMutation();
  const rows = pushes.data ?? [];
  if (rows.length === 0) return null;
  const waiting = rows.filter((r) => r.state === 'waiting').length;
  const cannotHold = rows.length - waiting;
  const list = (
    <Table<TariffPushView>
      size="small"
      rowKey="meterId"
      pagination={false}
      dataSource={rows}
      style={{ width: 760 }}
      columns={[
        {
          title: t('meters.meterNo'),
          dataIndex: 'meterNo',
          render: (n: string) => <code>{n}</code>,
        },
        { title: t('meters.tenant'), dataIndex: 'customerName', width: 120 },
        { title: t('tariffPushes.tariff'), dataIndex: 'tariffName', width: 110 },
        {
          title: t('tariffPushes.since'),
          dataIndex: 'effectiveFrom',
          width: 150,
          render: (at: string) => formatOfficeTime(at, i18n.language),
        },
        {
          title: t('tariffPushes.state'),
          key: 'state',
          render: (_, r) =>
            r.state === 'cannotHold'
              ? t('tariffPushes.cannotHold')
              : r.lastTriedAt
                ? t('tariffPushes.retrying', { at: formatOfficeTime(r.lastTriedAt, i18n.language) })
                : t('tariffPushes.waiting'),
        },
      ]}
    />
  );
  return (
    <Alert
      type={waiting > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="tariff-pushes"
      title={[
        waiting > 0 && t('tariffPushes.summary', { count: waiting }),
        cannotHold > 0 && t('tariffPushes.cannotHoldSummary', { count: cannotHold }),
      ]
        .filter(Boolean)
        .join(t('tariffPushes.separator'))}
      action={
        <>
          <Popover content={list} trigger="click" placement="bottomRight">
            <Button size="small">{t('tariffPushes.show')}</Button>
          </Popover>
          {mayCall('meters.pushTariffsNow') && waiting > 0 && (
            <Button
              size="small"
              type="primary"
              style={{ marginLeft: 8 }}
              loading={pushing.isLoading}
              onClick={async () => {
                const result = await pushNow();
                if ('error' in result) return notifyError(result.error);
                void message.info(t('tariffPushes.pushed', { ...result.data }));
              }}
            >
              {t('tariffPushes.pushNow')}
            </Button>
          )}
        </>
      }
    />
  );
}
