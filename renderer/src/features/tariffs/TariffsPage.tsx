// Tariffs: the prices in force and their history; supervisors create tariffs of every kind and
// schedule price changes (调价) here.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TariffView } from '../../../../shared/api/ledgerTypes';
import { useMayCall } from '../../app/permissions';
import { PageHeader } from '../../components/PageHeader';
import { TariffPushesNotice } from '../meters/TariffPushesNotice';
import { useTariffsQuery } from '../ledger/ledgerApi';
import { formatOfficeTime } from '../../components/officeClock';
import { TouDayBar } from './TouDayBar';
import { CreateTariff } from './CreateTariff';
import { ScheduleTariff } from './ScheduleTariff';
import { useDescribe } from './useDescribe';

export function TariffsPage() {
  const mayCall = useMayCall();
  const { t, i18n } = useTranslation();
  const tariffs = useTariffsQuery();
  const describe = useDescribe();
  const [creating, setCreating] = useState(false);
  const [scheduling, setScheduling] = useState<TariffView | null>(null);
  const manages = mayCall('tariffs.create');
  return (
    <div>
      <PageHeader
        title={t('tariffs.title')}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('tariffs.add')}
            </Button>
          )
        }
      />
      {!manages && (
        <Alert type="info" showIcon title={t('tariffs.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {/* A price change in force reaches the NK meters by itself; what still waits is said here. */}
      <TariffPushesNotice />
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
          ...(mayCall('tariffs.schedule')
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

export default TariffsPage;
