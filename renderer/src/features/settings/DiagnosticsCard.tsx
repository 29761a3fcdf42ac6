// 诊断包: versions, database health and the logs, zipped for support (no secret, no ledger rows).
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { useExportDiagnosticsMutation } from './settingsApi';

export function DiagnosticsCard() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [exportDiagnostics, { isLoading }] = useExportDiagnosticsMutation();
  return (
    <Card title={t('settings.diagnostics')} size="small">
      <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('settings.diagnosticsText')}</p>
      <Button
        loading={isLoading}
        onClick={async () => {
          const result = await exportDiagnostics();
          if ('error' in result) return notifyError(result.error);
          downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/zip');
        }}
      >
        {t('settings.diagnosticsExport')}
      </Button>
    </Card>
  );
}
