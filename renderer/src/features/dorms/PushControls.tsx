// 下发宿舍控制参数: the box controls a building's circuits are to hold — time control on the week
// grid, a power limit, forbidden-load detection — chosen by floors and purpose (the lighting
// circuits for lights-out, say), each part sent only when ticked. It goes as a batch: the dialog
// then shows it circuit by circuit, with cancel and retry of the failed.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ALLOWED_LOADS,
  MAX_LIMIT_W,
  MAX_ON_PERIODS,
  type BoxControls,
  type MalignantLoad,
  type PowerLimit,
  type TimeControl,
} from '../../../../shared/api/boxControls';
import {
  CIRCUIT_PURPOSES,
  type BuildingSummary,
  type CircuitPurpose,
} from '../../../../shared/api/dorms';
import { useNotifyError } from '../../app/hooks';
import { BatchProgress } from '../meters/BatchProgress';
import { useRetryBatchMutation } from '../meters/metersApi';
import { usePushControlsMutation } from './dormsApi';
import { WeekGrid } from './WeekGrid';

interface Choice {
  floorFrom?: number;
  floorTo?: number;
  purpose: CircuitPurpose | 'any';
  reason: string;
  parts: ('timeControl' | 'powerLimit' | 'malignantLoad')[];
  powerLimit: PowerLimit;
  malignantLoad: MalignantLoad;
}

/** What a campus usually starts from: lights out 23:00–06:30 on weekdays. */
export const LIGHTS_OUT: TimeControl = {
  mode: 'auto',
  weekday: [{ from: '06:30', to: '23:00' }],
  holiday: [{ from: '06:30', to: '24:00' }],
};

export function PushControls({
  building,
  onClose,
}: {
  building: BuildingSummary;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Choice>();
  const [timeControl, setTimeControl] = useState<TimeControl>(LIGHTS_OUT);
  const [push, pushing] = usePushControlsMutation();
  const [retry, retrying] = useRetryBatchMutation();
  const [batchId, setBatchId] = useState<number | null>(null);
  const parts = Form.useWatch('parts', form) ?? [];
  const tooMany =
    timeControl.weekday.length > MAX_ON_PERIODS || timeControl.holiday.length > MAX_ON_PERIODS;

  const submit = async (v: Choice) => {
    const controls: BoxControls = {
      ...(v.parts.includes('timeControl') && { timeControl }),
      ...(v.parts.includes('powerLimit') && { powerLimit: v.powerLimit }),
      ...(v.parts.includes('malignantLoad') && {
        malignantLoad: { ...v.malignantLoad, allowed: v.malignantLoad.allowed ?? [] },
      }),
    };
    const result = await push({
      buildingId: building.id,
      ...(v.floorFrom !== undefined && v.floorFrom !== null && { floorFrom: v.floorFrom }),
      ...(v.floorTo !== undefined && v.floorTo !== null && { floorTo: v.floorTo }),
      ...(v.purpose !== 'any' && { purpose: v.purpose }),
      controls,
      reason: v.reason,
    });
    if ('error' in result) return notifyError(result.error, form);
    setBatchId(result.data.id);
  };

  return (
    <Modal
      open
      width={820}
      title={`${t('dorms.pushControls')} — ${building.name}`}
      onCancel={onClose}
      footer={
        batchId === null ? (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={pushing.isLoading}
              disabled={parts.length === 0 || tooMany}
              onClick={() => form.submit()}
            >
              {t('dorms.push')}
            </Button>
          </Space>
        ) : (
          <Button onClick={onClose}>{t('common.close')}</Button>
        )
      }
    >
      {batchId !== null ? (
        <BatchProgress
          key={batchId}
          id={batchId}
          retrying={retrying.isLoading}
          onRetry={async () => {
            const result = await retry({ id: batchId });
            if ('data' in result && result.data) setBatchId(result.data.id);
          }}
        />
      ) : (
        <Form<Choice>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            purpose: 'lighting',
            parts: ['timeControl'],
            powerLimit: { limitW: 1_500, restoreAfterMin: 10 },
            malignantLoad: {
              enabled: true,
              powerFactorMin: 0.95,
              stepMinW: 800,
              restoreAfterMin: 5,
              restoresMax: 3,
              allowed: [{ fromW: 400, toW: 600 }],
            },
          }}
        >
          <Space wrap>
            <Form.Item name="floorFrom" label={t('dorms.floorFrom')}>
              <InputNumber min={-9} max={199} precision={0} placeholder={t('dorms.allFloors')} />
            </Form.Item>
            <Form.Item name="floorTo" label={t('dorms.floorTo')}>
              <InputNumber min={-9} max={199} precision={0} placeholder={t('dorms.allFloors')} />
            </Form.Item>
            <Form.Item name="purpose" label={t('dorms.purpose')}>
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'any', label: t('dorms.purposes.any') },
                  ...CIRCUIT_PURPOSES.map((p) => ({ value: p, label: t(`dorms.purposes.${p}`) })),
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item name="parts" label={t('dorms.parts')} rules={[{ required: true }]}>
            <Checkbox.Group
              options={(['timeControl', 'powerLimit', 'malignantLoad'] as const).map((p) => ({
                value: p,
                label: t(`dorms.partNames.${p}`),
              }))}
            />
          </Form.Item>
          {parts.includes('timeControl') && (
            <Card
              size="small"
              title={t('dorms.partNames.timeControl')}
              style={{ marginBottom: 12 }}
            >
              <WeekGrid value={timeControl} onChange={setTimeControl} />
            </Card>
          )}
          {parts.includes('powerLimit') && (
            <Card size="small" title={t('dorms.partNames.powerLimit')} style={{ marginBottom: 12 }}>
              <Space wrap>
                <Form.Item name={['powerLimit', 'limitW']} label={t('dorms.limitW')}>
                  <InputNumber min={0} max={MAX_LIMIT_W} precision={0} addonAfter="W" />
                </Form.Item>
                <Form.Item name={['powerLimit', 'restoreAfterMin']} label={t('dorms.restoreAfter')}>
                  <InputNumber min={0} max={9_999} precision={0} addonAfter={t('dorms.minutes')} />
                </Form.Item>
              </Space>
            </Card>
          )}
          {parts.includes('malignantLoad') && (
            <Card
              size="small"
              title={t('dorms.partNames.malignantLoad')}
              style={{ marginBottom: 12 }}
            >
              <Space wrap align="start">
                <Form.Item
                  name={['malignantLoad', 'enabled']}
                  label={t('dorms.detect')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
                <Form.Item
                  name={['malignantLoad', 'powerFactorMin']}
                  label={t('dorms.powerFactorMin')}
                >
                  <InputNumber min={0.5} max={1} step={0.01} precision={2} />
                </Form.Item>
                <Form.Item name={['malignantLoad', 'stepMinW']} label={t('dorms.stepMinW')}>
                  <InputNumber min={50} max={MAX_LIMIT_W} precision={0} addonAfter="W" />
                </Form.Item>
                <Form.Item
                  name={['malignantLoad', 'restoreAfterMin']}
                  label={t('dorms.restoreAfter')}
                >
                  <InputNumber min={0} max={9_999} precision={0} addonAfter={t('dorms.minutes')} />
                </Form.Item>
                <Form.Item name={['malignantLoad', 'restoresMax']} label={t('dorms.restoresMax')}>
                  <InputNumber min={0} max={99} precision={0} />
                </Form.Item>
              </Space>
              <Form.List name={['malignantLoad', 'allowed']}>
                {(fields, { add, remove }) => (
                  <>
                    <div style={{ marginBottom: 4 }}>{t('dorms.allowed')}</div>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline">
                        <Form.Item name={[field.name, 'fromW']}>
                          <InputNumber min={0} max={MAX_LIMIT_W} precision={0} addonAfter="W" />
                        </Form.Item>
                        <span>—</span>
                        <Form.Item name={[field.name, 'toW']}>
                          <InputNumber min={0} max={MAX_LIMIT_W} precision={0} addonAfter="W" />
                        </Form.Item>
                        <MinusCircleOutlined
                          aria-label={t('dorms.removeAllowed')}
                          onClick={() => remove(field.name)}
                        />
                      </Space>
                    ))}
                    {fields.length < MAX_ALLOWED_LOADS && (
                      <Button
                        type="dashed"
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => add({ fromW: 0, toW: 0 })}
                      >
                        {t('dorms.addAllowed')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Card>
          )}
          <Form.Item
            name="reason"
            label={t('meters.reason')}
            rules={[{ required: true, whitespace: true, message: t('meters.reasonRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
