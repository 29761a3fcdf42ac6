// 电价历史: every version of every tariff, newest first, as a table and as a file.
import { App, Button, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { officeDateTime } from '../../../../shared/officeTime';
import { useErrorText } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useTariffHistoryFileMutation, useTariffsQuery } from '../ledger/ledgerApi';
import { useDescribe } from '../tariffs/useDescribe';
import { FILE_TYPES } from './fileTypes';

/** 电价历史: every version of every tariff, newest first, with when it took effect. */
export function TariffHistoryTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tariffs = useTariffsQuery();
  const describe = useDescribe();
  const now = new Date().toISOString();
  const rows = (tariffs.data ?? [])
    .flatMap((tariff) =>
      tariff.versions.map((v) => ({
        key: v.id,
        name: tariff.name,
        effectiveFrom: v.effectiveFrom,
        createdAt: v.createdAt,
        definition: v.definition,
        inForce: tariff.current?.id === v.id,
      })),
    )
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const [exportFile, exporting] = useTariffHistoryFileMutation();
  const download = async (format: 'pdf' | 'xlsx') => {
    const result = await exportFile({ format });
    if ('error' in result) return void message.error(errorText(result.error));
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), FILE_TYPES[format]);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Button loading={exporting.isLoading} onClick={() => download('pdf')}>
          {t('reports.pdf')}
        </Button>
        <Button loading={exporting.isLoading} onClick={() => download('xlsx')}>
          {t('reports.excel')}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="key"
        loading={tariffs.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('tariffs.name'), dataIndex: 'name' },
          {
            title: t('tariffs.effectiveFrom'),
            dataIndex: 'effectiveFrom',
            render: (at: string, row) => (
              <Space>
                {officeDateTime(at)}
                {row.inForce && <Tag color="green">{t('reports.inForce')}</Tag>}
                {at > now && <Tag color="blue">{t('reports.scheduled')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('tariffs.kind'),
            key: 'kind',
            render: (_, row) => t(`tariffs.kinds.${row.definition.kind}`),
          },
          { title: t('tariffs.price'), key: 'price', render: (_, row) => describe(row.definition) },
          {
            title: t('reports.enteredAt'),
            dataIndex: 'createdAt',
            render: (at: string) => officeDateTime(at),
          },
        ]}
      />
    </Space>
  );
}
