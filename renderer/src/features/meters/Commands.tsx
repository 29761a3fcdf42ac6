// The commands sent to one meter over the line, newest first, with how each ended.
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type MeterCommand, type MeterCommandView } from '../../../../shared/api/meterLink';
import { formatOfficeTime } from '../../components/officeClock';
import { useMeterCommandsQuery } from './metersApi';

export function Commands({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const commands = useMeterCommandsQuery({ meterId, limit: 20 });
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
