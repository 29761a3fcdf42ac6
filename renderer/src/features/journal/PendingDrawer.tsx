// 待确认, opened: which card and meter operations wait, for whom, since when and what settles
// each; a supervisor may void (作废) a card being made whose plastic is gone. Loaded when first
// opened (the status bar's button is all the shell needs at start).
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
import { AbandonDialog } from './AbandonDialog';

const abandonable = (kind: DeviceOperationKind) =>
  (ABANDONABLE_KINDS as readonly DeviceOperationKind[]).includes(kind);

export default function PendingDrawer({
  rows,
  onClose,
}: {
  rows: PendingOperationView[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const mayCall = useMayCall();
  const [voiding, setVoiding] = useState<PendingOperationView | null>(null);
  return (
    <>
      <Drawer open onClose={onClose} title={t('journal.title')} size={980} destroyOnHidden>
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
