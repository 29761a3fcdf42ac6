// The office's meters, searched and listed: tenant, kind, money left and when seen, last reading,
// state, open alarms and a tariff push still waiting; picking one opens its panel.
import { Input, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterListRow, MeterView } from '../../../../shared/api/ledgerTypes';
import { useMayCall } from '../../app/permissions';
import { formatEnergy, formatMoney } from '../../../../shared/units';
import { formatOfficeTime } from '../../components/officeClock';
import { TariffPushesNotice } from './TariffPushesNotice';
import { HeldCreditsNotice } from './HeldCreditsNotice';
import { useMetersQuery, useTariffPushesQuery } from './metersApi';
import { MeterPanel } from './MeterPanel';

export function MeterList() {
  const mayCall = useMayCall();
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<MeterListRow | null>(null);
  const meters = useMetersQuery({ query, limit: 200 });
  const pushes = useTariffPushesQuery();
  const waitingTariff = new Set(
    (pushes.data ?? []).filter((p) => p.state === 'waiting').map((p) => p.meterId),
  );
  return (
    <div>
      <TariffPushesNotice />
      {mayCall('meters.heldCredits') && <HeldCreditsNotice />}
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
        {selected && <MeterPanel key={selected.id} meter={selected} />}
      </div>
    </div>
  );
}
