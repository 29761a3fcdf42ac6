// 客显 in settings: how the customer display is connected (serial or USB-HID), which command set
// and characters it takes, its greeting; a test pattern to check the wiring; what it shows now.
import { Alert, AutoComplete, Button, Card, Form, Input, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DISPLAY_BAUD_RATES,
  DISPLAY_CHARSETS,
  DISPLAY_KINDS,
  DISPLAY_PROTOCOLS,
  showsLines,
  type DisplaySettings,
} from '../../../../shared/api/display';
import { useErrorText, useFeedback } from '../../app/hooks';
import { useSerialPortsQuery } from '../meters/metersApi';
import { DisplayMirror } from './DisplayMirror';
import {
  useConfigureDisplayMutation,
  useDisplayStateQuery,
  useHidDevicesQuery,
  useTestDisplayMutation,
} from './displayApi';
import { addDisplayWords } from './words';

addDisplayWords();

export function DisplayCard({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const feedback = useFeedback();
  const state = useDisplayStateQuery({});
  const [configure, configuring] = useConfigureDisplayMutation();
  const [test, testing] = useTestDisplayMutation();
  const [form] = Form.useForm<DisplaySettings>();
  const kind = Form.useWatch('kind', form) ?? state.data?.settings.kind;
  const protocol = Form.useWatch('protocol', form) ?? state.data?.settings.protocol;
  const ports = useSerialPortsQuery({}, { skip: !mayEdit || kind !== 'serial' });
  const hid = useHidDevicesQuery({}, { skip: !mayEdit || kind !== 'hid' });
  if (!state.data) return <Card loading title={t('display.title')} size="small" />;
  const s = state.data;
  return (
    <Card title={t('display.title')} size="small" data-testid="display-card">
      <div className="pt-hint" style={{ marginBottom: 12 }}>
        {t('display.hint')}
      </div>
      <Form<DisplaySettings>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '110px' }}
        disabled={!mayEdit}
        initialValues={s.settings}
        onFinish={async (values) => {
          feedback(
            await configure({ ...s.settings, ...values, port: values.port || null }),
            t('common.saved'),
            form,
          );
        }}
      >
        <Form.Item name="kind" label={t('display.kind')}>
          <Segmented
            options={DISPLAY_KINDS.map((k) => ({ value: k, label: t(`display.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind !== 'none' && (
          <>
            <Form.Item name="protocol" label={t('display.protocol')}>
              <Select
                style={{ width: 320 }}
                options={DISPLAY_PROTOCOLS.map((p) => ({
                  value: p,
                  label: t(`display.protocols.${p}`),
                }))}
              />
            </Form.Item>
            {kind === 'serial' ? (
              <Space size="large" wrap>
                <Form.Item name="port" label={t('display.port')}>
                  <AutoComplete
                    style={{ width: 220 }}
                    placeholder="/dev/ttyUSB0 · COM3"
                    options={(ports.data ?? []).map((p) => ({
                      value: p.path,
                      label: p.description ? `${p.path} · ${p.description}` : p.path,
                    }))}
                  />
                </Form.Item>
                <Form.Item name="baudRate" label={t('display.baudRate')}>
                  <Select
                    style={{ width: 100 }}
                    options={DISPLAY_BAUD_RATES.map((b) => ({ value: b, label: String(b) }))}
                  />
                </Form.Item>
              </Space>
            ) : (
              <Form.Item name="hidPath" label={t('display.hidPath')}>
                <Select
                  style={{ width: 420 }}
                  loading={hid.isFetching}
                  notFoundContent={hid.error ? errorText(hid.error) : t('display.hidNone')}
                  options={(hid.data ?? []).map((d) => ({
                    value: d.path,
                    label: `${d.manufacturer ?? ''} ${d.product ?? ''} (${d.vendorId
                      .toString(16)
                      .padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')})`.trim(),
                  }))}
                />
              </Form.Item>
            )}
          </>
        )}
        {(kind === 'none' || showsLines(protocol)) && (
          <>
            <Form.Item name="charset" label={t('display.charset')}>
              <Segmented
                options={DISPLAY_CHARSETS.map((c) => ({
                  value: c,
                  label: t(`display.charsets.${c}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="greeting"
              label={t('display.greeting')}
              extra={t('display.greetingHint')}
            >
              <Input style={{ width: 260 }} maxLength={20} />
            </Form.Item>
          </>
        )}
        {mayEdit && (
          <Space>
            <Button type="primary" htmlType="submit" loading={configuring.isLoading}>
              {t('common.save')}
            </Button>
            <Button
              disabled={s.settings.kind === 'none'}
              loading={testing.isLoading}
              onClick={async () => {
                feedback(await test({}), t('display.testDone'));
              }}
            >
              {t('display.test')}
            </Button>
          </Space>
        )}
      </Form>
      <div style={{ marginTop: 16 }}>
        <div style={{ marginBottom: 6 }}>{t('display.now')}</div>
        <DisplayMirror state={s} />
        {s.error && (
          <Alert style={{ marginTop: 8 }} type="warning" showIcon title={errorText(s.error)} />
        )}
      </div>
    </Card>
  );
}
