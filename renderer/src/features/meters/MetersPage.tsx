// 电表 (F4): the office's meters and its RS485 line. An NK meter on the line can be read live
// (which also settles an unconfirmed recharge of its account); a supervisor trips or closes its
// relay, with a reason, and sets up the line (USB-RS485 port or TCP gateway, meter password).
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterListRow, MeterView } from '../../../../shared/api/ledgerTypes';
import {
  BAUD_RATES,
  type MeterCommand,
  type MeterCommandView,
  type MeterLineConfig,
  type MeterReadingView,
  type RelayCommand,
} from '../../../../shared/api/meterLink';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { formatEnergy, formatMoney } from '../../../../shared/units';
import { useErrorText, useNotifyError } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import { PageHeader } from '../../components/PageHeader';
import { AcrtPanel } from './AcrtPanel';
import { AlarmsPanel } from './AlarmsPanel';
import { BatchPanel } from './BatchPanel';
import { TariffPushesNotice } from './TariffPushesNotice';
import { HeldCreditsNotice } from './HeldCreditsNotice';
import {
  useConfigureMeterLineMutation,
  useMeterCommandsQuery,
  useMeterLineSettingsQuery,
  useMeterLineStatusQuery,
  useMetersQuery,
  useTariffPushesQuery,
  useReadMeterMutation,
  usePushTariffMutation,
  useRelayMutation,
  useSerialPortsQuery,
} from './metersApi';

export function MetersPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [settingUp, setSettingUp] = useState(false);
  return (
    <div>
      <PageHeader
        title={t('meters.title')}
        extra={
          isSupervisor(role) && (
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
            children: <MeterList role={role} />,
          },
          ...(isSupervisor(role)
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

function MeterList({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<MeterListRow | null>(null);
  const meters = useMetersQuery(query);
  const pushes = useTariffPushesQuery();
  const waitingTariff = new Set(
    (pushes.data ?? []).filter((p) => p.state === 'waiting').map((p) => p.meterId),
  );
  return (
    <div>
      <TariffPushesNotice role={role} />
      {isSupervisor(role) && <HeldCreditsNotice />}
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('meters.search')}
          style={{ width: 260 }}
          onSearch={(v) => setQuery(v.trim())}
        />
      </Space>
      {/* The list has the page to itself until a meter is opened beside it. */}
      <div className={selected ? 'pt-meters' : undefined}>
        <Table<MeterListRow>
          rowKey="id"
          size="small"
          loading={meters.isFetching}
          dataSource={meters.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(meter) => ({ onClick: () => setSelected(meter) })}
          rowClassName={(meter) => (meter.id === selected?.id ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('meters.meterNo'),
              dataIndex: 'meterNo',
              render: (n: string) => <code>{n}</code>,
            },
            {
              title: t('meters.tenant'),
              key: 'tenant',
              render: (_, meter) =>
                meter.tenant ? (
                  <span>
                    {meter.tenant.customerName}
                    <span className="pt-hint"> · {meter.tenant.accountNo}</span>
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('meters.kind'),
              dataIndex: 'kind',
              // With a meter open beside the list, the list keeps what picks a row out.
              hidden: selected !== null,
              render: (k: MeterView['kind'], meter) => (
                <Space size={4}>
                  <span>{meter.model}</span>
                  <Tag color={k === 'card' ? 'default' : 'blue'}>{t(`meters.kinds.${k}`)}</Tag>
                  {meter.viaAcrt && <Tag color="purple">ACRT</Tag>}
                </Space>
              ),
            },
            {
              title: t('meters.balance'),
              key: 'balance',
              align: 'right',
              render: (_, meter) =>
                meter.tenant && meter.tenant.officeBalanceFen !== null ? (
                  // 主站计费: the office's balance, as of its last charge.
                  <Tooltip title={t('customers.billings.office')}>
                    {formatMoney(meter.tenant.officeBalanceFen)}
                  </Tooltip>
                ) : meter.tenant && meter.tenant.meterRemainingFen !== null ? (
                  <Tooltip
                    title={
                      meter.tenant.meterRemainingAt
                        ? t('meters.seenAt', {
                            at: formatOfficeTime(meter.tenant.meterRemainingAt, i18n.language),
                          })
                        : undefined
                    }
                  >
                    {formatMoney(meter.tenant.meterRemainingFen)}
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: t('meters.lastReading'),
              key: 'lastReading',
              hidden: selected !== null,
              render: (_, meter) =>
                meter.lastReading ? (
                  <span>
                    {meter.lastReading.energy !== null
                      ? `${formatEnergy(meter.lastReading.energy)} kWh`
                      : '—'}
                    <span className="pt-hint">
                      {' '}
                      · {formatOfficeTime(meter.lastReading.at, i18n.language)}
                    </span>
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('meters.state'),
              dataIndex: 'state',
              render: (st: MeterView['state'], meter) => (
                <Space size={4}>
                  <span>{t(`meters.states.${st}`)}</span>
                  {meter.openAlarms > 0 && (
                    <Tag color="red">{t('meters.alarmsOpen', { count: meter.openAlarms })}</Tag>
                  )}
                  {waitingTariff.has(meter.id) && <Tag color="orange">{t('tariffPushes.tag')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
        {selected && <MeterPanel key={selected.id} meter={selected} role={role} />}
      </div>
    </div>
  );
}

function LineStatus() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useMeterLineStatusQuery(undefined, { pollingInterval: 5_000 });
  const s = status.data;
  if (!s) return null;
  if (!s.line) return <Alert type="info" showIcon title={t('meters.noLine')} />;
  const last = s.lastOutcome;
  return (
    <Card size="small" data-testid="meter-line-status">
      <Space wrap size="large">
        <span>
          {t('meters.line')}: <code>{s.line}</code>{' '}
          {last && (
            <Tag color={last.ok ? 'green' : 'red'}>
              {last.ok ? t('meters.lineOk') : t('meters.lineFailing')}
            </Tag>
          )}
        </span>
        <span>{t('meters.stats', { ...s.stats })}</span>
        {last?.error && <span className="pt-hint">{errorText(last.error)}</span>}
      </Space>
    </Card>
  );
}

function MeterPanel({ meter, role }: { meter: MeterView; role: Role }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [read, reading] = useReadMeterMutation();
  const [last, setLast] = useState<MeterReadingView | null>(null);
  const [relayCommand, setRelayCommand] = useState<RelayCommand | 'setTariff' | null>(null);
  if (meter.kind === 'card')
    return (
      <Card size="small" title={<code>{meter.meterNo}</code>}>
        <Alert type="info" showIcon title={t('meters.cardMeter')} />
      </Card>
    );
  const doRead = async () => {
    const result = await read(meter.id);
    if ('data' in result && result.data) setLast(result.data);
  };
  return (
    <Card
      size="small"
      title={
        <span>
          <code>{meter.meterNo}</code> · {meter.model}
        </span>
      }
      extra={
        <Button type="primary" loading={reading.isLoading} onClick={() => void doRead()}>
          {t('meters.read')}
        </Button>
      }
    >
      {reading.error && <Alert type="error" showIcon title={errorText(reading.error)} />}
      {last && <ReadingFacts reading={last} />}
      {isSupervisor(role) && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button danger onClick={() => setRelayCommand('trip')}>
            {t('meters.relay.trip')}
          </Button>
          <Button onClick={() => setRelayCommand('allowClose')}>
            {t('meters.relay.allowClose')}
          </Button>
          <Button onClick={() => setRelayCommand('keepPower')}>
            {t('meters.relay.keepPower')}
          </Button>
          <Button onClick={() => setRelayCommand('setTariff')}>
            {t('meters.relay.setTariff')}
          </Button>
        </Space>
      )}
      <Commands meterId={meter.id} />
      {relayCommand && (
        <RelayDialog meter={meter} command={relayCommand} onClose={() => setRelayCommand(null)} />
      )}
    </Card>
  );
}

function ReadingFacts({ reading }: { reading: MeterReadingView }) {
  const { t, i18n } = useTranslation();
  // "readVoltage: no-such-data" in the office's words: what was asked, and why it did not come.
  const problemText = (problem: string) => {
    const [operation = '', reasons = ''] = problem.split(': ');
    const asked = t(`meters.operations.${operation}`, { defaultValue: operation });
    const why = reasons
      .split(',')
      .map((r) => t(`meters.refusals.${r.trim()}`, { defaultValue: r.trim() }))
      .join(t('meters.listSep'));
    return why ? t('meters.problem', { asked, why }) : asked;
  };
  const value = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'at',
            label: t('meters.readAt'),
            children: formatOfficeTime(reading.at, i18n.language),
          },
          { key: 'energy', label: t('meters.energy'), children: value(reading.energyKwh, ' kWh') },
          {
            key: 'remaining',
            label: t('meters.remaining'),
            children: reading.remainingFen === null ? '—' : formatMoney(reading.remainingFen),
          },
          {
            key: 'count',
            label: t('meters.purchaseCount'),
            children: value(reading.purchaseCount),
          },
          {
            key: 'cumulative',
            label: t('meters.cumulative'),
            children:
              reading.cumulativePurchasedFen === null
                ? '—'
                : formatMoney(reading.cumulativePurchasedFen),
          },
          { key: 'price', label: t('meters.price'), children: value(reading.priceYuan) },
          { key: 'voltage', label: t('meters.voltage'), children: value(reading.voltage, ' V') },
          { key: 'current', label: t('meters.current'), children: value(reading.current, ' A') },
          { key: 'power', label: t('meters.power'), children: value(reading.powerKw, ' kW') },
          {
            key: 'relay',
            label: t('meters.relayState'),
            children:
              reading.relay === null ? (
                '—'
              ) : (
                <Tag color={reading.relay === 'open' ? 'red' : 'green'}>
                  {t(`meters.relayStates.${reading.relay}`)}
                </Tag>
              ),
          },
        ]}
      />
      {reading.settled && reading.settled !== 'pending' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title={t(`meters.settled.${reading.settled}`)}
        />
      )}
      {reading.problems.length > 0 && (
        <div className="pt-hint">
          {t('meters.problems', {
            list: reading.problems.map(problemText).join(t('meters.listSep')),
          })}
        </div>
      )}
    </>
  );
}

function Commands({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const commands = useMeterCommandsQuery(meterId);
  if (!commands.data?.length) return null;
  return (
    <Table<MeterCommandView>
      style={{ marginTop: 12 }}
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={commands.data}
      columns={[
        {
          title: t('meters.commandAt'),
          dataIndex: 'createdAt',
          render: (at: string) => formatOfficeTime(at, i18n.language, true),
        },
        {
          title: t('meters.command'),
          dataIndex: 'command',
          render: (c: MeterCommand) => t(`meters.relay.${c}`),
        },
        { title: t('meters.reason'), dataIndex: 'reason' },
        {
          title: t('meters.commandState'),
          dataIndex: 'state',
          render: (s: MeterCommandView['state'], row) => (
            <Tag
              color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'gold'}
              title={row.error ?? ''}
            >
              {t(`meters.commandStates.${s}`)}
            </Tag>
          ),
        },
        { title: t('meters.operator'), dataIndex: 'operatorName' },
      ]}
    />
  );
}

/** A command to one meter, with its reason: a relay command, or the tariff pushed down. */
function RelayDialog({
  meter,
  command,
  onClose,
}: {
  meter: MeterView;
  command: RelayCommand | 'setTariff';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [relay, relaying] = useRelayMutation();
  const [pushTariff, pushing] = usePushTariffMutation();
  const sending = command === 'setTariff' ? pushing : relaying;
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    const result =
      command === 'setTariff'
        ? await pushTariff({ meterId: meter.id, reason })
        : await relay({ meterId: meter.id, command, reason });
    if ('data' in result) {
      void message.success(t('meters.relayDone', { command: t(`meters.relay.${command}`) }));
      onClose();
    }
  };
  return (
    <Modal
      open
      title={`${t(`meters.relay.${command}`)} · ${meter.meterNo}`}
      okText={t('meters.relaySend')}
      okButtonProps={{ danger: command === 'trip', loading: sending.isLoading }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t(`meters.relayText.${command}`)}</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('meters.reason')}
          rules={[{ required: true, whitespace: true, message: t('meters.reasonRequired') }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Form>
      {sending.error && <Alert type="error" showIcon title={errorText(sending.error)} />}
    </Modal>
  );
}

interface LineForm {
  kind: 'serial' | 'tcp' | 'none';
  path?: string;
  baudRate?: number;
  parity?: 'even' | 'odd' | 'none';
  stopBits?: 1 | 2;
  host?: string;
  port?: number;
  password?: string;
  operatorCode?: string;
}

function LineSettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const settings = useMeterLineSettingsQuery();
  const ports = useSerialPortsQuery();
  const [configure, saving] = useConfigureMeterLineMutation();
  const [form] = Form.useForm<LineForm>();
  const kind = Form.useWatch('kind', form);
  if (!settings.data) return null;
  const line = settings.data.line;
  const initial: LineForm = {
    kind: line?.kind ?? 'none',
    ...(line?.kind === 'serial'
      ? { path: line.path, baudRate: line.baudRate, parity: line.parity, stopBits: line.stopBits }
      : { baudRate: 2400, parity: 'even' as const, stopBits: 1 as const }),
    ...(line?.kind === 'tcp' && { host: line.host, port: line.port }),
    operatorCode: settings.data.operatorCode,
  };
  const submit = async () => {
    const v = await form.validateFields();
    const next: MeterLineConfig | null =
      v.kind === 'serial'
        ? {
            kind: 'serial',
            path: v.path!,
            baudRate: v.baudRate as (typeof BAUD_RATES)[number],
            parity: v.parity!,
            stopBits: v.stopBits ?? 1,
          }
        : v.kind === 'tcp'
          ? { kind: 'tcp', host: v.host!, port: v.port! }
          : null;
    const result = await configure({
      line: next,
      ...(v.password ? { password: v.password } : {}),
      ...(v.operatorCode ? { operatorCode: v.operatorCode } : {}),
    });
    if ('error' in result) return notifyError(result.error);
    onClose();
  };
  const hex8 = { pattern: /^[0-9A-Fa-f]{8}$/, message: t('meters.hex8') };
  return (
    <Modal
      open
      width={560}
      title={t('meters.lineSettings')}
      okText={t('common.save')}
      okButtonProps={{ loading: saving.isLoading }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="kind" label={t('meters.lineKind')}>
          <Radio.Group
            options={[
              { value: 'serial', label: t('meters.lineKinds.serial') },
              { value: 'tcp', label: t('meters.lineKinds.tcp') },
              { value: 'none', label: t('meters.lineKinds.none') },
            ]}
          />
        </Form.Item>
        {kind === 'serial' && (
          <>
            <Form.Item name="path" label={t('meters.port')} rules={[{ required: true }]}>
              <Select
                showSearch
                allowClear
                placeholder="/dev/ttyUSB0 · COM3"
                options={(ports.data ?? []).map((p) => ({
                  value: p.path,
                  label: `${p.path} ${p.description}`,
                }))}
                notFoundContent={t('meters.noPorts')}
              />
            </Form.Item>
            <Space>
              <Form.Item name="baudRate" label={t('meters.baud')}>
                <Select
                  style={{ width: 120 }}
                  options={BAUD_RATES.map((b) => ({ value: b, label: b }))}
                />
              </Form.Item>
              <Form.Item name="parity" label={t('meters.parity')}>
                <Select
                  style={{ width: 120 }}
                  options={(['even', 'odd', 'none'] as const).map((p) => ({
                    value: p,
                    label: t(`meters.parities.${p}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="stopBits" label={t('meters.stopBits')}>
                <Select
                  style={{ width: 90 }}
                  options={[1, 2].map((b) => ({ value: b, label: b }))}
                />
              </Form.Item>
            </Space>
          </>
        )}
        {kind === 'tcp' && (
          <Space>
            <Form.Item
              name="host"
              label={t('meters.host')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input style={{ width: 240 }} placeholder="192.168.1.200" />
            </Form.Item>
            <Form.Item name="port" label={t('meters.tcpPort')} rules={[{ required: true }]}>
              <InputNumber min={1} max={65_535} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item
          name="password"
          label={t('meters.password')}
          extra={settings.data.passwordSet ? t('meters.passwordSet') : t('meters.passwordNotSet')}
          rules={[hex8]}
        >
          <Input.Password autoComplete="off" placeholder="02123456" />
        </Form.Item>
        <Form.Item name="operatorCode" label={t('meters.operatorCode')} rules={[hex8]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
