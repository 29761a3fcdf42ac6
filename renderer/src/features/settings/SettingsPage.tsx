// Settings: office details, language, the office secret, audit chain check, diagnostics, about.
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Upload,
  Switch,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemInfo } from '../../../../shared/api/types';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { formatYuan, parseYuan } from '../../../../shared/units';
import { parsedRule } from '../../components/formRules';
import { useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { formatOfficeTime } from '../../components/officeClock';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader';
import { AuditCard } from './AuditCard';
import { BackupsCard } from './BackupsCard';
import { PrintingCard } from './PrintingCard';
import {
  useExportDiagnosticsMutation,
  useExportSecretMutation,
  useImportSecretMutation,
  useSecretFingerprintQuery,
  useSettingsQuery,
  useUpdateSettingsMutation,
} from './settingsApi';

export function SettingsPage({ info, role }: { info: SystemInfo; role: Role }) {
  const { t } = useTranslation();
  const supervisor = isSupervisor(role);
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
        {supervisor && <BackupsCard admin={role === 'admin'} />}
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

interface OfficeFormValues {
  officeName: string;
  receiptHeader: string;
  idleTimeoutMinutes: number;
  minSale: string;
  maxSale: string;
  hoardingLimit: string;
  cardIssueFee: string;
  cardReissueFee: string;
  handoverTolerance: string;
  billingOverdraft: string;
  reversalNeedsApproval: boolean;
}

/** The contract's fen fields and the form's yuan fields that hold them. */
const YUAN_FIELDS = {
  minSaleFen: 'minSale',
  maxSaleFen: 'maxSale',
  hoardingLimitFen: 'hoardingLimit',
  cardIssueFeeFen: 'cardIssueFee',
  cardReissueFeeFen: 'cardReissueFee',
  handoverToleranceFen: 'handoverTolerance',
  billingOverdraftFen: 'billingOverdraft',
};

/** A sales-rule amount: at least one fen. */
const moneyAtLeastFen = (text: string) => parseYuan(text) >= 1;
/** A fee or a tolerance: zero is allowed (no fee, no difference tolerated). */
const moneyAtLeastZero = (text: string) => parseYuan(text) >= 0;

function OfficeCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<OfficeFormValues>();
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
        form={form}
        layout="vertical"
        disabled={!admin}
        initialValues={{
          ...settings.data,
          minSale: formatYuan(settings.data.minSaleFen),
          maxSale: formatYuan(settings.data.maxSaleFen),
          hoardingLimit: formatYuan(settings.data.hoardingLimitFen),
          cardIssueFee: formatYuan(settings.data.cardIssueFeeFen),
          cardReissueFee: formatYuan(settings.data.cardReissueFeeFen),
          handoverTolerance: formatYuan(settings.data.handoverToleranceFen),
          billingOverdraft: formatYuan(settings.data.billingOverdraftFen),
        }}
        onFinish={async ({
          minSale,
          maxSale,
          hoardingLimit,
          cardIssueFee,
          cardReissueFee,
          handoverTolerance,
          billingOverdraft,
          ...values
        }: OfficeFormValues) => {
          const result = await update({
            ...values,
            minSaleFen: parseYuan(minSale),
            maxSaleFen: parseYuan(maxSale),
            hoardingLimitFen: parseYuan(hoardingLimit),
            cardIssueFeeFen: parseYuan(cardIssueFee),
            cardReissueFeeFen: parseYuan(cardReissueFee),
            handoverToleranceFen: parseYuan(handoverTolerance),
            billingOverdraftFen: parseYuan(billingOverdraft),
          });
          if ('error' in result) notifyError(result.error, form, YUAN_FIELDS);
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
        {/* The sales rules (售电规则): the cashier's sale form refuses outside them. */}
        <Space wrap size="middle" align="start" style={{ display: 'flex' }}>
          {(['minSale', 'maxSale', 'hoardingLimit'] as const).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`settings.${name}`)}
              extra={name === 'hoardingLimit' ? t('settings.hoardingLimitHint') : undefined}
              rules={[
                parsedRule(moneyAtLeastFen, t('settings.moneyInvalid'), t('common.required')),
              ]}
            >
              <Input prefix="¥" style={{ width: 180 }} inputMode="decimal" />
            </Form.Item>
          ))}
        </Space>
        {/* The cash rules (收费规则): card fees, the hand-over tolerance, reversal approval. */}
        <Space wrap size="middle" align="start" style={{ display: 'flex' }}>
          {(
            ['cardIssueFee', 'cardReissueFee', 'handoverTolerance', 'billingOverdraft'] as const
          ).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`settings.${name}`)}
              extra={t(`settings.${name}Hint`)}
              rules={[
                parsedRule(moneyAtLeastZero, t('settings.moneyInvalid'), t('common.required')),
              ]}
            >
              <Input prefix="¥" style={{ width: 180 }} inputMode="decimal" />
            </Form.Item>
          ))}
        </Space>
        <Form.Item
          name="reversalNeedsApproval"
          label={t('settings.reversalNeedsApproval')}
          extra={t('settings.reversalNeedsApprovalHint')}
          valuePropName="checked"
        >
          <Switch />
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
