// An import from a spreadsheet, all rows or none: pick an .xlsx or .csv, see every row checked
// (nothing written), then import them in one go; a file with any bad row is not imported and the
// rows to fix are listed with their column. What is imported (shops, dorm rooms) is the caller's.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import type { ImportRowError, OfficeFile } from '../../../shared/api/ledgerTypes';
import { useErrorText, useNotifyError } from '../app/hooks';
import { base64ToBytes, downloadFile } from './download';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** What an import answers: checked or done, and every row's problem. */
export interface SheetResult {
  dryRun: boolean;
  rows: number;
  imported: boolean;
  errors: ImportRowError[];
}

type Outcome<T> = { data: T } | { error: unknown };

export function SheetImportDialog<R extends SheetResult>({
  title,
  hint,
  extra,
  disabled,
  importFile,
  template,
  columnLabel,
  checkedText,
  doneText,
  onClose,
}: {
  title: string;
  hint: string;
  /** Asked before a file is picked (the tariff a building's rooms open at, say). */
  extra?: ReactNode;
  /** Not ready for a file yet. */
  disabled?: boolean;
  importFile: (file: { fileName: string; base64: string; dryRun: boolean }) => Promise<Outcome<R>>;
  template: () => Promise<Outcome<OfficeFile>>;
  columnLabel: (field: string) => string;
  checkedText: (result: R) => string;
  doneText: (result: R) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (chosen: { name: string; base64: string }, dryRun: boolean) => {
    setBusy(true);
    const done = await importFile({ fileName: chosen.name, base64: chosen.base64, dryRun });
    setBusy(false);
    if ('error' in done) {
      setResult(null);
      return notifyError(done.error as ApiError);
    }
    setResult(done.data);
  };

  const ready = result?.dryRun && result.errors.length === 0;
  return (
    <Modal
      open
      width={720}
      title={title}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>
            {result?.imported ? t('common.close') : t('common.cancel')}
          </Button>
          {!result?.imported && (
            <Button
              type="primary"
              disabled={!ready || !file || disabled}
              loading={busy}
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
          title={hint}
          action={
            <Button
              size="small"
              onClick={async () => {
                const made = await template();
                if ('error' in made) return notifyError(made.error as ApiError);
                downloadFile(made.data.fileName, base64ToBytes(made.data.base64), XLSX);
              }}
            >
              {t('import.template')}
            </Button>
          }
        />
        {extra}
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          disabled={disabled ?? false}
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
                  render: (f: string | null) => (f ? columnLabel(f) : '—'),
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
        {ready && <Alert type="success" showIcon title={checkedText(result)} />}
        {result?.imported && <Alert type="success" showIcon title={doneText(result)} />}
      </Space>
    </Modal>
  );
}
