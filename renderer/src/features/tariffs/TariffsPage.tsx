// Tariffs: the prices in force and their history; supervisors create flat tariffs here.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TariffView } from '../../../../shared/api/ledgerTypes';
import type { Role } from '../../../../shared/roles';
import type { TariffDefinition } from '../../../../shared/tariff';
import { formatEnergy, formatPrice, parsePrice } from '../../../../shared/units';
import { useNotifyError } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { PageHeader } from '../../components/PageHeader';
import { useCreateTariffMutation, useTariffsQuery } from '../ledger/ledgerApi';
import { formatOfficeTime } from '../../components/officeClock';

function useDescribe() {
  const { t } = useTranslation();
  return (definition: TariffDefinition): string => {
    switch (definition.kind) {
      case 'flat':
        return `${formatPrice(definition.price)}`;
      case 'tou':
        return (Object.entries(definition.rates) as [string, number | undefined][])
          .filter(([, price]) => price !== undefined)
          .map(([rate, price]) => `${t(`tariffs.rates.${rate}`)} ${formatPrice(price!)}`)
          .join(' / ');
      case 'stepped':
        return definition.steps
          .map(
            (s) => `${s.upTo === null ? '∞' : `≤${formatEnergy(s.upTo)}`} ${formatPrice(s.price)}`,
          )
          .join(' / ');
    }
  };
}

export function TariffsPage({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const tariffs = useTariffsQuery();
  const describe = useDescribe();
  const [creating, setCreating] = useState(false);
  const supervisor = role === 'supervisor' || role === 'admin';
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
              tariff.current ? describe(tariff.current.definition) : t('tariffs.noCurrent'),
          },
          {
            title: t('tariffs.versions'),
            key: 'versions',
            render: (_, tariff) => tariff.versions.length,
          },
        ]}
      />
      {creating && <CreateFlatTariff onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateFlatTariff({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ name: string; price: string }>();
  const [create, { isLoading }] = useCreateTariffMutation();
  return (
    <FormDialog
      title={`${t('tariffs.add')} · ${t('tariffs.kinds.flat')}`}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ name, price }) => {
          const result = await create({
            name,
            definition: { kind: 'flat', price: parsePrice(price) },
          });
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
        <Form.Item
          name="price"
          label={t('tariffs.price')}
          rules={[
            {
              required: true,
              validator: (_rule, value: string | undefined) => {
                try {
                  if (value && parsePrice(value) > 0) return Promise.resolve();
                } catch {
                  // Falls through to the refusal below.
                }
                return Promise.reject(new Error(t('tariffs.priceInvalid')));
              },
            },
          ]}
        >
          <Input inputMode="decimal" placeholder="0.8500" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

export default TariffsPage;
