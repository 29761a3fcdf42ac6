// 待清零退费, above the meter list for a supervisor: accounts closed while their NK meter did not
// answer, whose credit still waits on the meter. The poller takes it off (and books the refund) as
// soon as the meter answers; the supervisor may also try at once.
import { Alert, App, Button, Popover, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HeldCreditView } from '../../../../shared/api/meterLink';
import { formatMoney } from '../../../../shared/units';
import { useNotifyError } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import { useHeldCreditsQuery, useSettleHeldCreditsMutation } from './metersApi';

export function HeldCreditsNotice() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const held = useHeldCreditsQuery(undefined, {
    pollingInterval: 30_000,
    refetchOnMountOrArgChange: true,
  });
  const [settle, settling] = useSettleHeldCreditsMutation();
  const rows = held.data ?? [];
  if (rows.length === 0) return null;
  const list = (
    <Table<HeldCreditView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      style={{ width: 600 }}
      columns={[
        {
          title: t('meters.meterNo'),
          dataIndex: 'meterNo',
          render: (n: string) => <code>{n}</code>,
        },
        { title: t('meters.tenant'), dataIndex: 'customerName' },
        {
          title: t('heldCredits.lastKnown'),
          dataIndex: 'lastKnownFen',
          align: 'right',
          render: (fen: number | null) => (fen === null ? '—' : formatMoney(fen)),
        },
        {
          title: t('heldCredits.closedAt'),
          dataIndex: 'closedAt',
          render: (at: string) => formatOfficeTime(at, i18n.language),
        },
      ]}
    />
  );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="held-credits"
      title={t('heldCredits.summary', { count: rows.length })}
      action={
        <>
          <Popover content={list} trigger="click" placement="bottomRight">
            <Button size="small">{t('heldCredits.show')}</Button>
          </Popover>
          <Button
            size="small"
            type="primary"
            style={{ marginLeft: 8 }}
            loading={settling.isLoading}
            onClick={async () => {
              const result = await settle();
              if ('error' in result) return notifyError(result.error);
              void message.info(t('heldCredits.tried', { ...result.data }));
            }}
          >
            {t('heldCredits.retry')}
          </Button>
        </>
      }
    />
  );
}
