// 集体开户: a building's rooms floor by floor, each on the next free circuit of the boxes listed,
// all at one tariff. The office sees how many rooms and circuits before it saves.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BOX_CIRCUITS,
  MAX_FLOOR,
  MAX_ROOMS_PER_FLOOR,
  type BuildingSummary,
  type CircuitPurpose,
  type RoomPlan,
} from '../../../../shared/api/dorms';
import { TRAINING_DORM } from '../../../../shared/training';
import { useNotifyError } from '../../app/hooks';
import { useSystemInfoQuery } from '../../app/systemApi';
import { FormDialog } from '../../components/FormDialog';
import { useTariffsQuery } from '../ledger/ledgerApi';
import { useOpenRoomsMutation } from './dormsApi';

/** How a room's circuits are laid out: one for the whole room, or one per time-controlled use. */
const LAYOUTS = {
  whole: ['all'],
  lightingSockets: ['lighting', 'sockets'],
  three: ['lighting', 'sockets', 'aircon'],
} as const satisfies Record<string, readonly CircuitPurpose[]>;

/** What the dialog asks for: the plan, in the building it was opened on, its circuits by layout. */
type Plan = Omit<RoomPlan, 'buildingId' | 'purposes'> & { layout: keyof typeof LAYOUTS };

export function OpenRooms({
  building,
  onClose,
}: {
  building: BuildingSummary;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Plan>();
  const [openRooms, { isLoading }] = useOpenRoomsMutation();
  // Training opens rooms on the training dorm's simulated boxes.
  const training = useSystemInfoQuery().data?.demo === true;
  const tariffs = (useTariffsQuery().data ?? []).filter((tariff) => tariff.current);
  // The dialog may open before the tariffs arrive: the first one is chosen then.
  const firstTariff = tariffs[0]?.id;
  useEffect(() => {
    if (firstTariff !== undefined && form.getFieldValue('tariffId') === undefined)
      form.setFieldValue('tariffId', firstTariff);
  }, [firstTariff, form]);
  const plan = Form.useWatch([], form) as Partial<Plan> | undefined;
  const floors = Math.max(0, (plan?.floorTo ?? 0) - (plan?.floorFrom ?? 0) + 1);
  const rooms = floors * (plan?.roomsPerFloor ?? 0);
  const circuits = (plan?.boxes ?? []).reduce((sum, box) => sum + (box?.circuits ?? 0), 0);
  const perRoom = LAYOUTS[plan?.layout ?? 'whole'].length;
  return (
    <FormDialog
      title={`${t('dorms.openRooms')} — ${building.name}`}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form<Plan>
        form={form}
        layout="vertical"
        initialValues={{
          floorFrom: 1,
          floorTo: 1,
          roomsPerFloor: 10,
          firstRoom: 1,
          beds: 4,
          tariffId: tariffs[0]?.id,
          boxes: training ? TRAINING_DORM.boxes.map((box) => ({ ...box })) : [{ circuits: 36 }],
          layout: 'whole',
        }}
        onFinish={async ({ layout, ...values }) => {
          const result = await openRooms({
            ...values,
            purposes: [...LAYOUTS[layout]],
            buildingId: building.id,
          });
          if ('error' in result) return notifyError(result.error, form);
          void message.success(t('dorms.opened', { count: result.data.opened }));
          onClose();
        }}
      >
        <Space wrap>
          <Form.Item name="floorFrom" label={t('dorms.floorFrom')} rules={[{ required: true }]}>
            <InputNumber min={1} max={MAX_FLOOR} precision={0} />
          </Form.Item>
          <Form.Item name="floorTo" label={t('dorms.floorTo')} rules={[{ required: true }]}>
            <InputNumber min={1} max={MAX_FLOOR} precision={0} />
          </Form.Item>
          <Form.Item
            name="roomsPerFloor"
            label={t('dorms.roomsPerFloor')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={MAX_ROOMS_PER_FLOOR} precision={0} />
          </Form.Item>
          <Form.Item name="firstRoom" label={t('dorms.firstRoom')} rules={[{ required: true }]}>
            <InputNumber min={1} max={MAX_ROOMS_PER_FLOOR} precision={0} />
          </Form.Item>
          <Form.Item name="beds" label={t('dorms.beds')} rules={[{ required: true }]}>
            <InputNumber min={0} max={24} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item
          name="tariffId"
          label={t('customers.tariff')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={tariffs.map((tariff) => ({ value: tariff.id, label: tariff.name }))} />
        </Form.Item>
        <Form.Item name="layout" label={t('dorms.layout')}>
          <Select
            options={(Object.keys(LAYOUTS) as (keyof typeof LAYOUTS)[]).map((layout) => ({
              value: layout,
              label: t(`dorms.layouts.${layout}`),
            }))}
          />
        </Form.Item>
        <Form.List name="boxes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline">
                  <Form.Item
                    name={[field.name, 'meterNo']}
                    label={index === 0 ? t('dorms.boxNo') : undefined}
                    rules={[
                      {
                        required: true,
                        pattern: /^\d{12}$/,
                        message: t('customers.meterNoInvalid'),
                      },
                    ]}
                  >
                    <Input aria-label={`${t('dorms.boxNo')} ${index + 1}`} maxLength={12} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'circuits']}
                    label={index === 0 ? t('dorms.circuits') : undefined}
                    rules={[{ required: true }]}
                  >
                    <Select
                      aria-label={`${t('dorms.circuits')} ${index + 1}`}
                      style={{ width: 110 }}
                      options={BOX_CIRCUITS.map((n) => ({
                        value: n,
                        label: t('dorms.circuitCount', { count: n }),
                      }))}
                    />
                  </Form.Item>
                  {/* Empty for a box on DL/T 645; a box on Modbus gives circuit 1's station. */}
                  <Form.Item
                    name={[field.name, 'modbusUnit']}
                    label={index === 0 ? t('dorms.modbusUnit') : undefined}
                    tooltip={index === 0 ? t('dorms.modbusUnitHelp') : undefined}
                  >
                    <InputNumber
                      aria-label={`${t('dorms.modbusUnit')} ${index + 1}`}
                      min={1}
                      max={247}
                      precision={0}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined
                      aria-label={t('dorms.removeBox')}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ circuits: 36 })}>
                {t('dorms.addBox')}
              </Button>
            </>
          )}
        </Form.List>
        <Alert
          style={{ marginTop: 16 }}
          type={rooms * perRoom > circuits ? 'warning' : 'info'}
          showIcon
          message={t('dorms.planSummary', { rooms, floors, circuits, perRoom })}
        />
      </Form>
    </FormDialog>
  );
}
