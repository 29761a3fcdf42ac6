// 待确认 in the status bar: how many card and meter operations wait to be settled, and, opened,
// which ones, for whom, since when and what settles each. Shown only while there are some. A
// supervisor may void (作废) a card being made whose plastic is gone, saying why.
import { Button, Drawer, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ABANDONABLE_KINDS,
  SETTLED_BY,
  type DeviceOperationKind,
  type PendingOperationView,
} from '../../../../shared/api/journal';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { useMayCall } from '../../app/permissions';
import { formatOfficeTime } from '../../components/officeClock';
import { usePendingOperationsQuery } from './journalApi';
import { AbandonDialog } from './AbandonDialog';

const abandonable = (kind: DeviceOperationKind) =>
  (ABANDONABLE_KINDS as readonly DeviceOperationKind[]).includes(kind);

export function PendingOperations() {
  const { t, i18n } = useTranslation();
  const mayCall = useMayCall();
  const [open, setOpen] = useState(false);
  const [voiding, setVoiding] = useState<PendingOperationView | null>(null);
  // Polled as the status bar is: a meter may answer, or a card be read, at another till's hand.
  const pending = usePendingOperationsQuery(undefined, { pollingInterval: 30_000 });
  const rows = pending.data ?? [];
  if (rows.length === 0) return null;
  return (
    <>
      <Button
        type="link"
        size="small"
        className="pt-statusbar-link"
        data-testid="status-pending"
        onClick={() => setOpen(true)}
      >
        <span className="pt-dot pt-dot-warn" />
        {t('journal.pending', { count: rows.length })}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('journal.title')}
        size={980}
        destroyOnHidden
      >
        <p className="pt-hint">{t('journal.intro')}</p>
        <Table<PendingOperationView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t('journal.kind'),
              dataIndex: 'kind',
              className: 'pt-nowrap',
              render: (kind: DeviceOperationKind) => t(`journal.kinds.${kind}`),
            },
            {
              title: t('journal.device'),
              key: 'device',
              className: 'pt-nowrap',
              render: (_, row) =>
                row.cardNo ? `${t('journal.card')} ${row.cardNo}` : (row.meterNo ?? '—'),
            },
            {
              title: t('journal.tenant'),
              key: 'tenant',
              render: (_, row) =>
                row.customerName ? `${row.customerName} · ${row.accountNo ?? ''}` : '—',
            },
            {
              title: t('journal.receipt'),
              dataIndex: 'receiptNo',
              render: (no: number | null) => (no === null ? '—' : receiptNumber(no)),
            },
            {
              title: t('journal.since'),
              dataIndex: 'since',
              className: 'pt-nowrap',
              render: (at: string) => formatOfficeTime(new Date(at), i18n.language, true),
            },
            { title: t('journal.operator'), dataIndex: 'operatorName', className: 'pt-nowrap' },
            {
              title: t('journal.settledBy'),
              key: 'settledBy',
              render: (_, row) => t(`journal.waitsFor.${SETTLED_BY[row.kind]}`),
            },
            ...(mayCall('journal.abandon')
              ? [
                  {
                    key: 'abandon',
                    className: 'pt-nowrap',
                    render: (_: unknown, row: PendingOperationView) =>
                      abandonable(row.kind) && (
                        <Button size="small" danger onClick={() => setVoiding(row)}>
                          {t('journal.abandon.button')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Drawer>
      {voiding && <AbandonDialog operation={voiding} onClose={() => setVoiding(null)} />}
    </>
  );
}
