// Settings: office details, language, the office secret, audit chain check, diagnostics, about.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditVerification, SystemInfo } from '../../../../shared/api/types';
import type { Role } from '../../../../shared/roles';
import { useAppDispatch, useNotifyError } from '../../app/hooks';
import { sessionEnded } from '../../app/sessionSlice';
import type { BackupInfo } from '../../../../shared/api/ledgerTypes';
import { base64ToBytes, downloadFile } from '../../components/download';
import { formatOfficeTime } from '../../components/officeClock';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader';
import { PrintingCard } from './PrintingCard';
import {
  useExportDiagnosticsMutation,
  useExportSecretMutation,
  useImportSecretMutation,
  useSecretFingerprintQuery,
  useSettingsQuery,
  useUpdateSettingsMutation,
  useVerifyAuditMutation,
  useAuditPageQuery,
  useBackupsQuery,
  useCreateBackupMutation,
  useRestoreBackupMutation,
} from './settingsApi';

export function SettingsPage({ info, role }: { info: SystemInfo; role: Role }) {
  const { t } = useTranslation();
  const supervisor = role === 'supervisor' || role === 'admin';
  return (
    <div style={{ maxWidth: 880 }}>
      <PageHeader title={t('settings.title')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <OfficeCard admin={role === 'admin'} />
        <PrintingCard supervisor={supervisor} />
        <Card title={t('settings.language')} size="small">
          <LanguageSwitch />
        </Card>
        {supervisor && <SecretCard admin={role === 'admin'} />}
        {supervisor && <AuditCard />}
        {supervisor && <BackupsCard />}
        {supervisor && <DiagnosticsCard />}
        <Card title={t('settings.about')} size="small">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'v', label: t('settings.version'), children: info.appVersion },
              { key: 's', label: t('settings.schema'), children: info.schemaVersion },
              {
                key: 'm',
                label: t('settings.mode'),
                children: info.demo ? t('app.training') : t('settings.modeNormal'),
              },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}

function OfficeCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const settings = useSettingsQuery();
  const [update, { isLoading }] = useUpdateSettingsMutation();
  if (!settings.data) return <Card loading title={t('settings.office')} size="small" />;
  return (
    <Card
      title={t('settings.office')}
      size="small"
      extra={!admin && <span style={{ color: '#8a97a3' }}>{t('settings.adminOnly')}</span>}
    >
      <Form
        layout="vertical"
        disabled={!admin}
        initialValues={settings.data}
        onFinish={async (values) => {
          const result = await update(values);
          if ('error' in result) notifyError(result.error);
          else void message.success(t('common.saved'));
        }}
      >
        <Form.Item
          name="officeName"
          label={t('settings.officeName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="receiptHeader" label={t('settings.receiptHeader')} rules={[{ max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="idleTimeoutMinutes"
          label={t('settings.idleTimeout')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={1} max={480} precision={0} />
        </Form.Item>
        {admin && (
          <Button type="primary" htmlType="submit" loading={isLoading}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function SecretCard({ admin }: { admin: boolean }) {
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
      {admin && (
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

function AuditCard() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [verify, { isLoading }] = useVerifyAuditMutation();
  const [outcome, setOutcome] = useState<AuditVerification | null>(null);
  const { i18n } = useTranslation();
  const [beforeSeq, setBeforeSeq] = useState<number | undefined>(undefined);
  const page = useAuditPageQuery({ limit: 20, ...(beforeSeq !== undefined && { beforeSeq }) });
  const entries = page.data?.entries ?? [];
  return (
    <Card title={t('settings.audit')} size="small">
      <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('settings.auditText')}</p>
      <Button
        loading={isLoading}
        onClick={async () => {
          const result = await verify();
          if ('error' in result) return notifyError(result.error);
          setOutcome(result.data);
        }}
      >
        {t('settings.auditVerify')}
      </Button>
      {outcome && (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          type={outcome.ok ? 'success' : 'error'}
          title={
            outcome.ok
              ? t('settings.auditOk', { count: outcome.checked })
              : t('settings.auditBroken', { seq: outcome.firstBadSeq })
          }
        />
      )}
      <h4 style={{ margin: '16px 0 8px' }}>{t('settings.auditBrowse')}</h4>
      <Table<AuditEntry>
        size="small"
        rowKey="seq"
        pagination={false}
        loading={page.isFetching}
        dataSource={entries}
        columns={[
          { title: t('settings.auditSeq'), dataIndex: 'seq', width: 70 },
          {
            title: t('settings.auditAt'),
            dataIndex: 'at',
            width: 170,
            render: (at: string) => formatOfficeTime(at, i18n.language),
          },
          {
            title: t('settings.auditOperator'),
            dataIndex: 'operatorName',
            width: 100,
            render: (name: string | null) => name ?? '—',
          },
          {
            title: t('settings.auditMethod'),
            dataIndex: 'method',
            width: 160,
            render: (m: string) => <code>{m}</code>,
          },
          {
            title: t('settings.auditOutcome'),
            dataIndex: 'outcome',
            width: 70,
            render: (o: AuditEntry['outcome']) => (
              <Tag color={o === 'ok' ? 'green' : o === 'refused' ? 'gold' : 'red'}>
                {t(`settings.auditOutcomes.${o}`)}
              </Tag>
            ),
          },
          {
            title: t('settings.auditDetail'),
            dataIndex: 'detail',
            ellipsis: true,
            render: (detail: unknown) => (
              <span style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}>
                {JSON.stringify(detail)}
              </span>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          disabled={entries.length < 20}
          onClick={() => setBeforeSeq(entries[entries.length - 1]?.seq)}
        >
          {t('settings.auditOlder')}
        </Button>
        <Button
          size="small"
          disabled={beforeSeq === undefined}
          onClick={() => setBeforeSeq(undefined)}
        >
          {t('settings.auditNewest')}
        </Button>
      </Space>
    </Card>
  );
}

function BackupsCard() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const dispatch = useAppDispatch();
  const backups = useBackupsQuery();
  const [create, creating] = useCreateBackupMutation();
  const [restore] = useRestoreBackupMutation();
  const [folder, setFolder] = useState('');

  const backUp = async (target?: string) => {
    const result = await create(target ? { folder: target } : {});
    if ('error' in result) return notifyError(result.error);
    void message.success(t('settings.backedUp', { fileName: result.data.fileName }));
  };

  return (
    <Card title={t('settings.backups')} size="small">
      <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('settings.backupsText')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" loading={creating.isLoading} onClick={() => void backUp()}>
          {t('settings.backupNow')}
        </Button>
        <Space.Compact>
          <Input
            placeholder={t('settings.backupFolder')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            style={{ width: 300 }}
          />
          <Button disabled={folder.trim() === ''} onClick={() => void backUp(folder.trim())}>
            {t('settings.backupTo')}
          </Button>
        </Space.Compact>
      </Space>
      <Table<BackupInfo>
        size="small"
        rowKey="fileName"
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        loading={backups.isLoading}
        dataSource={backups.data ?? []}
        columns={[
          {
            title: t('settings.backupAt'),
            dataIndex: 'createdAt',
            render: (at: string) => formatOfficeTime(at, i18n.language),
          },
          {
            title: t('settings.kindLabel'),
            dataIndex: 'kind',
            render: (kind: BackupInfo['kind']) => t(`settings.backupKind.${kind}`),
          },
          {
            title: t('settings.size'),
            dataIndex: 'sizeBytes',
            render: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
          },
          {
            title: '',
            key: 'restore',
            render: (_, backup) => (
              <Button
                danger
                type="link"
                size="small"
                onClick={() =>
                  modal.confirm({
                    title: t('settings.restore'),
                    content: t('settings.restoreConfirm', { fileName: backup.fileName }),
                    okButtonProps: { danger: true },
                    okText: t('settings.restore'),
                    cancelText: t('common.cancel'),
                    onOk: async () => {
                      const result = await restore({ fileName: backup.fileName });
                      if ('error' in result) return notifyError(result.error);
                      void message.success(t('settings.restored'));
                      dispatch(sessionEnded('logout'));
                    },
                  })
                }
              >
                {t('settings.restore')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function DiagnosticsCard() {
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

export default SettingsPage;
