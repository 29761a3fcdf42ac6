// After 交班: the books' figures beside the count, the difference, and signing out.
import { App, Button, Modal, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MoneyByMethod, ShiftView } from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useShiftReportMutation } from '../ledger/ledgerApi';

/** After the count: the books' figures beside it, the report, and signing out. */
export function HandedOver({ shift, onDone }: { shift: ShiftView; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [report, reporting] = useShiftReportMutation();
  const expected = shift.expected!;
  const counted = shift.counted!;
  const sum = (v: MoneyByMethod) => PAYMENT_METHODS.reduce((n, m) => n + v[m], 0);
  const print = async () => {
    const pdf = await report({ shiftId: shift.id });
    if ('error' in pdf) return void message.error(errorText(pdf.error));
    downloadFile(pdf.data.fileName, base64ToBytes(pdf.data.base64), 'application/pdf');
    void message.success(t('handover.done', { fileName: pdf.data.fileName }));
  };
  const row = (label: string, e: number, c: number) => ({ label, e, c });
  const rows = [
    ...PAYMENT_METHODS.map((m) => row(t(`payment.${m}`), expected[m], counted[m])),
    row(t('handover.total'), sum(expected), sum(counted)),
  ];
  return (
    <Modal
      open
      width={560}
      title={t('handover.closedTitle')}
      closable={false}
      footer={
        <Space>
          <Button onClick={print} loading={reporting.isLoading}>
            {t('handover.printReport')}
          </Button>
          <Button type="primary" onClick={onDone}>
            {t('handover.signOut')}
          </Button>
        </Space>
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="label"
        dataSource={rows}
        columns={[
          { title: t('handover.method'), dataIndex: 'label' },
          {
            title: t('handover.expected'),
            dataIndex: 'e',
            align: 'right',
            render: (v: number) => formatMoney(v),
          },
          {
            title: t('handover.countedShort'),
            dataIndex: 'c',
            align: 'right',
            render: (v: number) => formatMoney(v),
          },
          {
            title: t('handover.difference'),
            key: 'd',
            align: 'right',
            render: (_, r) => (
              <span style={{ color: r.c === r.e ? undefined : '#c0392b' }}>
                {formatMoney(r.c - r.e)}
              </span>
            ),
          },
        ]}
      />
      {shift.approverName && (
        <p style={{ marginTop: 12 }}>{t('handover.approvedBy', { name: shift.approverName })}</p>
      )}
      {shift.note && (
        <p style={{ marginTop: 4 }}>{t('handover.noteShown', { note: shift.note })}</p>
      )}
    </Modal>
  );
}
