// 批量开户: pick an .xlsx or .csv, see every row checked (nothing written), then import all rows
// in one go; a file with any bad row is not imported and the rows to fix are listed.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult, ImportRowError } from '../../../../shared/api/ledgerTypes';
import { useErrorText, useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useImportCustomersMutation, useImportTemplateMutation } from '../ledger/ledgerApi';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [importCustomers, importing] = useImportCustomersMutation();
  const [template] = useImportTemplateMutation();

  const run = async (chosen: { name: string; base64: string }, dryRun: boolean) => {
    const done = await importCustomers({ fileName: chosen.name, base64: chosen.base64, dryRun });
    if ('error' in done) {
      setResult(null);
      return notifyError(done.error);
    }
    setResult(done.data);
  };

  const ready = result?.dryRun && result.errors.length === 0;
  return (
    <Modal
      open
      width={720}
      title={t('import.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>
            {result?.imported ? t('common.close') : t('common.cancel')}
          </Button>
          {!result?.imported && (
            <Button
              type="primary"
              disabled={!ready || !file}
              loading={importing.isLoading}
              onClick={() => file && run(file, false)}
            >
              {t('import.run', { count: result?.rows ?? 0 })}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title={t('import.hint')}
          action={
            <Button
              size="small"
              onClick={async () => {
                const file = await template({});
                if ('error' in file) return notifyError(file.error);
                downloadFile(file.data.fileName, base64ToBytes(file.data.base64), XLSX);
              }}
            >
              {t('import.template')}
            </Button>
          }
        />
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={async (chosen) => {
            const picked = { name: chosen.name, base64: await fileToBase64(chosen) };
            setFile(picked);
            await run(picked, true);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{file ? file.name : t('import.pick')}</p>
        </Upload.Dragger>
        {result && result.errors.length > 0 && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('import.hasErrors', { count: result.errors.length })}
            />
            <Table<ImportRowError>
              size="small"
              rowKey={(e) => `${e.row}-${e.field}-${e.error.code}`}
              dataSource={result.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70 },
                {
                  title: t('import.column'),
                  dataIndex: 'field',
                  width: 120,
                  render: (f: string | null) => (f ? t(`import.columns.${f}`) : '—'),
                },
                {
                  title: t('import.problem'),
                  key: 'problem',
                  render: (_, e) => errorText(e.error),
                },
              ]}
            />
          </>
        )}
        {ready && (
          <Alert
            type="success"
            showIcon
            title={t('import.checked', {
              rows: result.rows,
              accounts: result.counts.accounts,
            })}
          />
        )}
        {result?.imported && (
          <Alert
            type="success"
            showIcon
            title={t('import.done', {
              customers: result.counts.customers,
              accounts: result.counts.accounts,
            })}
          />
        )}
      </Space>
    </Modal>
  );
}
