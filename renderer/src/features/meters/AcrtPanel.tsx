// ACRT 充值终端 (supervisors): the terminals on the line; for each, writing down the binding table
// (which tenant card recharges which meter) and reading its recharge log, each record shown with
// what the books make of it, the ones the books do not account for in red.
import { Alert, App, Button, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AcrtClockView,
  AcrtLogStatus,
  AcrtLogView,
  AcrtTerminalView,
} from '../../../../shared/api/meterLink';
import { meterNoColumn, customerColumn } from './columns';
import { formatMoney } from '../../../../shared/units';
import { useErrorText } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import {
  useAcrtTerminalsQuery,
  useDownloadBindingsMutation,
  useReadAcrtLogMutation,
  useSyncAcrtClockMutation,
  useRegisterAcrtMutation,
} from './metersApi';

const STATUS_COLORS: Record<AcrtLogStatus, string> = {
  matched: 'green',
  'no-purchase': 'default',
  'not-in-ledger': 'red',
  'amount-differs': 'red',
  'other-meter': 'orange',
};

export function AcrtPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const terminals = useAcrtTerminalsQuery();
  const [register, registering] = useRegisterAcrtMutation();
  const [download, downloading] = useDownloadBindingsMutation();
  const [readLog, reading] = useReadAcrtLogMutation();
  const [syncClock, syncing] = useSyncAcrtClockMutation();
  const [clocks, setClocks] = useState<AcrtClockView[] | null>(null);
  const sync = async (id?: number) => {
    const result = await syncClock(id === undefined ? {} : { id });
    if ('data' in result && result.data) setClocks(result.data);
  };
  const [log, setLog] = useState<{ terminal: AcrtTerminalView; records: AcrtLogView[] } | null>(
    null,
  );
  const [form] = Form.useForm<{ address: string; name: string }>();
  const time = (at: string | null) => (at ? formatOfficeTime(at, i18n.language, true) : '—');
  const failure = registering.error ?? downloading.error ?? reading.error ?? syncing.error;

  const add = async () => {
    const values = await form.validateFields();
    const result = await register(values);
    if ('data' in result) form.resetFields();
  };
  return (
    <div>
      <Form form={form} layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item
          name="address"
          label={t('acrt.address')}
          rules={[{ required: true, pattern: /^\d{12}$/, message: t('customers.meterNoInvalid') }]}
        >
          <Input maxLength={12} inputMode="numeric" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('acrt.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={60} style={{ width: 200 }} />
        </Form.Item>
        <Button loading={registering.isLoading} onClick={() => void add()}>
          {t('acrt.register')}
        </Button>
        {(terminals.data?.length ?? 0) > 1 && (
          <Button style={{ marginLeft: 8 }} loading={syncing.isLoading} onClick={() => void sync()}>
            {t('acrt.syncAll')}
          </Button>
        )}
      </Form>
      {clocks && (
        <Alert
          type={clocks.every((c) => c.error === null) ? 'success' : 'warning'}
          showIcon
          closable={{ onClose: () => setClocks(null) }}
          style={{ marginBottom: 12 }}
          data-testid="acrt-clocks"
          title={t('acrt.clocksTitle')}
          description={clocks.map((c) => (
            <div key={c.id}>
              {c.name} <code>{c.address}</code> —{' '}
              {c.error
                ? errorText(c.error)
                : t('acrt.clockSet', { clock: c.clock, offset: c.offsetSeconds })}
            </div>
          ))}
        />
      )}
      {failure && (
        <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 12 }} />
      )}
      <Table<AcrtTerminalView>
        rowKey="id"
        size="small"
        dataSource={terminals.data ?? []}
        pagination={false}
        locale={{ emptyText: t('acrt.none') }}
        columns={[
          {
            title: t('acrt.address'),
            dataIndex: 'address',
            render: (a: string) => <code>{a}</code>,
          },
          { title: t('acrt.name'), dataIndex: 'name' },
          {
            title: t('acrt.bindings'),
            key: 'bindings',
            render: (_: unknown, row) =>
              row.bindingsAt
                ? t('acrt.bindingsDone', { count: row.bindingsCount, at: time(row.bindingsAt) })
                : '—',
          },
          { title: t('acrt.logReadAt'), dataIndex: 'logReadAt', render: time },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Space size={4}>
                <Button
                  size="small"
                  loading={downloading.isLoading}
                  onClick={async () => {
                    const result = await download({ id: row.id });
                    if ('data' in result && result.data)
                      void message.success(
                        t('acrt.downloaded', { count: result.data.bindingsCount ?? 0 }),
                      );
                  }}
                >
                  {t('acrt.download')}
                </Button>
                <Button size="small" loading={syncing.isLoading} onClick={() => void sync(row.id)}>
                  {t('acrt.sync')}
                </Button>
                <Button
                  size="small"
                  loading={reading.isLoading}
                  onClick={async () => {
                    const result = await readLog({ id: row.id });
                    if ('data' in result && result.data)
                      setLog({ terminal: row, records: result.data });
                  }}
                >
                  {t('acrt.readLog')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {log && (
        <Table<AcrtLogView>
          style={{ marginTop: 12 }}
          title={() => t('acrt.logOf', { name: log.terminal.name })}
          rowKey="seq"
          size="small"
          dataSource={log.records}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('acrt.logEmpty') }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 56 },
            { title: t('acrt.at'), dataIndex: 'at' },
            {
              title: t('acrt.cardNo'),
              dataIndex: 'cardNo',
              render: (n: string) => <code>{n}</code>,
            },
            meterNoColumn(t),
            customerColumn(t),
            { title: t('meters.purchaseCount'), dataIndex: 'purchaseCount' },
            {
              title: t('acrt.amount'),
              dataIndex: 'amountFen',
              render: (f: number) => formatMoney(f),
            },
            {
              title: t('acrt.outcome'),
              dataIndex: 'outcome',
              render: (o: AcrtLogView['outcome']) => t(`acrt.outcomes.${o}`),
            },
            {
              title: t('acrt.status'),
              dataIndex: 'status',
              render: (s: AcrtLogStatus) => (
                <Tag color={STATUS_COLORS[s]}>{t(`acrt.statuses.${s}`)}</Tag>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
