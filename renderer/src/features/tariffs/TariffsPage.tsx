// Tariffs: the prices in force and their history; supervisors create tariffs of every kind and
// schedule price changes (调价) here.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TariffView } from '../../../../shared/api/ledgerTypes';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { TOU_RATES, type TariffDefinition, type TouRate } from '../../../../shared/tariff';
import { describeTariffPrices } from '../../../../shared/tariffText';
import { useNotifyError } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { PageHeader } from '../../components/PageHeader';
import { TariffPushesNotice } from '../meters/TariffPushesNotice';
import {
  useCreateTariffMutation,
  useScheduleTariffMutation,
  useTariffsQuery,
} from '../ledger/ledgerApi';
import {
  DefinitionFields,
  fromDefinition,
  NEW_TARIFF,
  toDefinition,
  type DefinitionValues,
} from './TariffForm';
import { formatOfficeTime } from '../../components/officeClock';
import { TouDayBar } from './TouDayBar';

/** A tariff version's prices in one line, as the office reads them. */
export function useDescribe() {
  const { t } = useTranslation();
  const names = Object.fromEntries(TOU_RATES.map((rate) => [rate, t(`tariffs.rates.${rate}`)]));
  return (definition: TariffDefinition): string =>
    describeTariffPrices(definition, names as Record<TouRate, string>);
}

export function TariffsPage({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const tariffs = useTariffsQuery();
  const describe = useDescribe();
  const [creating, setCreating] = useState(false);
  const [scheduling, setScheduling] = useState<TariffView | null>(null);
  const supervisor = isSupervisor(role);
  return (
    <div>
      <PageHeader
        title={t('tariffs.title')}
        extra={
          supervisor && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('tariffs.add')}
            </Button>
          )
        }
      />
      {!supervisor && (
        <Alert
          type="info"
          showIcon
          title={t('tariffs.supervisorOnly')}
          style={{ marginBottom: 12 }}
        />
      )}
      {/* A price change in force reaches the NK meters by itself; what still waits is said here. */}
      <TariffPushesNotice role={role} />
      <Table<TariffView>
        rowKey="id"
        size="middle"
        loading={tariffs.isLoading}
        dataSource={tariffs.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (tariff) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={tariff.versions}
              columns={[
                {
                  title: t('tariffs.effectiveFrom'),
                  dataIndex: 'effectiveFrom',
                  render: (at: string) => formatOfficeTime(at, i18n.language),
                },
                {
                  title: t('tariffs.kind'),
                  key: 'kind',
                  render: (_, v) => t(`tariffs.kinds.${v.definition.kind}`),
                },
                {
                  title: t('tariffs.price'),
                  key: 'price',
                  render: (_, v) => describe(v.definition),
                },
                {
                  title: t('tariffs.day'),
                  key: 'day',
                  render: (_, v) => <TouDayBar definition={v.definition} />,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('tariffs.name'), dataIndex: 'name' },
          {
            title: t('tariffs.kind'),
            key: 'kind',
            render: (_, tariff) =>
              tariff.current ? (
                <Tag>{t(`tariffs.kinds.${tariff.current.definition.kind}`)}</Tag>
              ) : (
                '—'
              ),
          },
          {
            title: t('tariffs.current'),
            key: 'current',
            render: (_, tariff) =>
              tariff.current ? (
                <>
                  <div>{describe(tariff.current.definition)}</div>
                  <TouDayBar definition={tariff.current.definition} />
                </>
              ) : (
                t('tariffs.noCurrent')
              ),
          },
          {
            title: t('tariffs.versions'),
            key: 'versions',
            render: (_, tariff) => tariff.versions.length,
          },
          ...(supervisor
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, tariff: TariffView) => (
                    <Button size="small" onClick={() => setScheduling(tariff)}>
                      {t('tariffs.schedule')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {creating && <CreateTariff onClose={() => setCreating(false)} />}
      {scheduling && <ScheduleTariff tariff={scheduling} onClose={() => setScheduling(null)} />}
    </div>
  );
}

function CreateTariff({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<DefinitionValues & { name: string }>();
  const [create, { isLoading }] = useCreateTariffMutation();
  return (
    <FormDialog title={t('tariffs.add')} form={form} loading={isLoading} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={NEW_TARIFF}
        onFinish={async (values) => {
          const result = await create({ name: values.name, definition: toDefinition(values) });
          if ('error' in result) return notifyError(result.error);
          void message.success(t('tariffs.createdOk'));
          onClose();
        }}
      >
        <Form.Item
          name="name"
          label={t('tariffs.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus />
        </Form.Item>
        <DefinitionFields />
      </Form>
    </FormDialog>
  );
}

/** 调价: new prices from a chosen moment; the prices in force stay until then, history is kept. */
function ScheduleTariff({ tariff, onClose }: { tariff: TariffView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<DefinitionValues & { effectiveFrom: Dayjs }>();
  const [schedule, { isLoading }] = useScheduleTariffMutation();
  const latest = tariff.versions.at(-1)?.definition;
  return (
    <FormDialog
      title={t('tariffs.scheduleTitle', { name: tariff.name })}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ...NEW_TARIFF,
          ...(latest && fromDefinition(latest)),
          effectiveFrom: dayjs().add(1, 'day').startOf('day'),
        }}
        onFinish={async ({ effectiveFrom, ...values }) => {
          const result = await schedule({
            tariffId: tariff.id,
            definition: toDefinition(values),
            effectiveFrom: effectiveFrom.toISOString(),
          });
          if ('error' in result) return notifyError(result.error);
          void message.success(t('tariffs.scheduledOk'));
          onClose();
        }}
      >
        <Form.Item
          name="effectiveFrom"
          label={t('tariffs.effectiveFrom')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          />
        </Form.Item>
        <DefinitionFields />
      </Form>
    </FormDialog>
  );
}

export default TariffsPage;
