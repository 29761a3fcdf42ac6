// The office secret that keys the cards, the audit chain and the backups: its fingerprint and
// when it was made, and an administrator's export and import of it under a passphrase.
import { App, Button, Card, Checkbox, Descriptions, Input, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/hooks';
import { downloadFile } from '../../components/download';
import { formatOfficeTime } from '../../components/officeClock';
import {
  useExportSecretMutation,
  useImportSecretMutation,
  useSecretFingerprintQuery,
} from './settingsApi';

export function SecretCard({ mayExport }: { mayExport: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const fingerprint = useSecretFingerprintQuery();
  const [exportSecret, exporting] = useExportSecretMutation();
  const [importSecret, importing] = useImportSecretMutation();
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [importFile, setImportFile] = useState<{ name: string; content: string } | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [confirmReplace, setConfirmReplace] = useState(false);

  return (
    <Card title={t('settings.secret')} size="small">
      <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('settings.secretText')}</p>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'f',
            label: t('settings.fingerprint'),
            children: (
              <code data-testid="secret-fingerprint">{fingerprint.data?.fingerprint ?? '…'}</code>
            ),
          },
          {
            key: 'c',
            label: t('settings.createdAt'),
            children: fingerprint.data
              ? formatOfficeTime(fingerprint.data.createdAt, i18n.language)
              : '…',
          },
        ]}
      />
      {mayExport && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
            <Input.Password
              placeholder={t('settings.passphrase')}
              value={exportPassphrase}
              onChange={(e) => setExportPassphrase(e.target.value)}
            />
            <Button
              disabled={exportPassphrase.length < 8}
              loading={exporting.isLoading}
              onClick={async () => {
                const result = await exportSecret({ passphrase: exportPassphrase });
                if ('error' in result) return notifyError(result.error);
                downloadFile(result.data.fileName, result.data.content, 'application/json');
                setExportPassphrase('');
                void message.success(t('settings.exported'));
              }}
            >
              {t('settings.export')}
            </Button>
          </Space.Compact>
          <Space wrap>
            <Upload
              accept=".json,application/json"
              maxCount={1}
              showUploadList={false}
              beforeUpload={async (file) => {
                setImportFile({ name: file.name, content: await file.text() });
                return false;
              }}
            >
              <Button>{importFile ? importFile.name : t('settings.importFile')}</Button>
            </Upload>
            <Input.Password
              placeholder={t('settings.passphrase')}
              value={importPassphrase}
              onChange={(e) => setImportPassphrase(e.target.value)}
              style={{ width: 240 }}
            />
            <Checkbox
              checked={confirmReplace}
              onChange={(e) => setConfirmReplace(e.target.checked)}
            >
              {t('settings.importConfirmReplace')}
            </Checkbox>
            <Button
              danger
              disabled={!importFile || importPassphrase.length < 8}
              loading={importing.isLoading}
              onClick={async () => {
                if (!importFile) return;
                const result = await importSecret({
                  file: importFile.content,
                  passphrase: importPassphrase,
                  confirmReplace,
                });
                if ('error' in result) return notifyError(result.error);
                setImportPassphrase('');
                setImportFile(null);
                void message.success(
                  result.data.replaced
                    ? t('settings.imported', { fingerprint: result.data.fingerprint })
                    : t('settings.importSame'),
                );
              }}
            >
              {t('settings.import')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
