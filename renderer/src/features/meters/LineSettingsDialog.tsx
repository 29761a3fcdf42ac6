// The RS485 line's settings: the USB-RS485 port (speed, parity, stop bits) or a TCP serial
// gateway, or none; the meters' password and operator code.
import { Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { BAUD_RATES, type MeterLineConfig } from '../../../../shared/api/meterLink';
import { defaultGapMs, GATEWAY_GAP_MS } from '../../../../shared/lineTiming';
import { useNotifyError } from '../../app/hooks';
import {
  useConfigureMeterLineMutation,
  useMeterLineSettingsQuery,
  useSerialPortsQuery,
} from './metersApi';

interface LineForm {
  kind: 'serial' | 'tcp' | 'none';
  path?: string;
  baudRate?: number;
  parity?: 'even' | 'odd' | 'none';
  stopBits?: 1 | 2;
  host?: string;
  port?: number;
  /** Blank: from the line's speed (serial) or 20 ms (gateway). */
  gapMs?: number | null;
  password?: string;
  operatorCode?: string;
}

export function LineSettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const settings = useMeterLineSettingsQuery();
  const ports = useSerialPortsQuery();
  const [configure, saving] = useConfigureMeterLineMutation();
  const [form] = Form.useForm<LineForm>();
  const kind = Form.useWatch('kind', form);
  const baudRate = Form.useWatch('baudRate', form);
  const parity = Form.useWatch('parity', form);
  const stopBits = Form.useWatch('stopBits', form);
  if (!settings.data) return null;
  const line = settings.data.line;
  const initial: LineForm = {
    kind: line?.kind ?? 'none',
    ...(line?.kind === 'serial'
      ? { path: line.path, baudRate: line.baudRate, parity: line.parity, stopBits: line.stopBits }
      : { baudRate: 2400, parity: 'even' as const, stopBits: 1 as const }),
    ...(line?.kind === 'tcp' && { host: line.host, port: line.port }),
    gapMs: line?.gapMs ?? null,
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
            ...(typeof v.gapMs === 'number' && { gapMs: v.gapMs }),
          }
        : v.kind === 'tcp'
          ? {
              kind: 'tcp',
              host: v.host!,
              port: v.port!,
              ...(typeof v.gapMs === 'number' && { gapMs: v.gapMs }),
            }
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
        {kind !== 'none' && kind !== undefined && (
          <Form.Item
            name="gapMs"
            label={t('meters.gap')}
            extra={t('meters.gapHint', {
              ms:
                kind === 'tcp'
                  ? GATEWAY_GAP_MS
                  : defaultGapMs({
                      baudRate: baudRate ?? 2400,
                      parity: parity ?? 'even',
                      stopBits: stopBits ?? 1,
                    }),
            })}
          >
            <InputNumber min={0} max={1_000} style={{ width: 120 }} suffix="ms" />
          </Form.Item>
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
