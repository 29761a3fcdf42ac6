// 待确认 in the status bar: how many card and meter operations wait to be settled, and, opened,
// which ones, for whom, since when and what settles each. Shown only while there are some. A
// supervisor may void (作废) a card being made whose plastic is gone, saying why.
import { App, Button, Drawer, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ABANDONABLE_KINDS,
  SETTLED_BY,
  type DeviceOperationKind,
  type PendingOperationView,
} from '../../../../shared/api/journal';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { useNotifyError } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import { useAbandonOperationMutation, usePendingOperationsQuery } from './journalApi';

const abandonable = (kind: DeviceOperationKind) =>
  (ABANDONABLE_KINDS as readonly DeviceOperationKind[]).includes(kind);

export function PendingOperations({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
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
            ...(isSupervisor(role)
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

/** 作废 with the reason: only for a card whose plastic is lost or was never written. */
function AbandonDialog({
  operation,
  onClose,
}: {
  operation: PendingOperationView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [reason, setReason] = useState('');
  const [abandon, abandoning] = useAbandonOperationMutation();
  const submit = async () => {
    const done = await abandon({ id: operation.id, reason: reason.trim() });
    if ('error' in done) return notifyError(done.error);
    void message.success(t('journal.abandon.done', { cardNo: operation.cardNo ?? '' }));
    onClose();
  };
  return (
    <Modal
      open
      title={t('journal.abandon.title', {
        kind: t(`journal.kinds.${operation.kind}`),
        cardNo: operation.cardNo ?? '',
      })}
      okText={t('journal.abandon.ok')}
      okButtonProps={{
        danger: true,
        disabled: reason.trim() === '',
        loading: abandoning.isLoading,
      }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <p className="pt-hint">{t('journal.abandon.hint')}</p>
      <Input
        aria-label={t('journal.abandon.reason')}
        placeholder={t('journal.abandon.reason')}
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
