// The receipt printer and the paper: which printer (or a PDF to download), automatic printing, the
// pre-printed form's layout (where each field prints) with a preview to scale.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintingSettings, ReceiptLayoutName } from '../../../../shared/api/printing';
import type { Language } from '../../../../shared/errors';
import {
  DEFAULT_FORM_LAYOUT,
  FORM_FIELDS,
  FORM_LIMITS,
  type FormField,
  type ReceiptFormLayout,
} from '../../../../shared/receiptForm';
import { useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import {
  useFormCalibrationMutation,
  usePrintersQuery,
  useUpdatePrintingSettingsMutation,
} from './printingApi';
import { FormPreview } from './FormPreview';

const NO_PRINTER = '';
export function PrintingEditor({ saved, mayEdit }: { saved: PrintingSettings; mayEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const printers = usePrintersQuery();
  const [update, updating] = useUpdatePrintingSettingsMutation();
  const [calibrate, calibrating] = useFormCalibrationMutation();
  const [layout, setLayout] = useState<ReceiptLayoutName>(saved.receiptLayout);
  const [printer, setPrinter] = useState<string>(saved.receiptPrinter ?? NO_PRINTER);
  const [autoPrint, setAutoPrint] = useState(saved.autoPrint);
  const [receiptLanguage, setReceiptLanguage] = useState<Language>(saved.receiptLanguage);
  const [form, setForm] = useState<ReceiptFormLayout>(saved.form);

  const save = async () => {
    const result = await update({
      receiptLayout: layout,
      receiptPrinter: printer === NO_PRINTER ? null : printer,
      autoPrint,
      receiptLanguage,
      form,
    });
    if ('error' in result) notifyError(result.error);
    else void message.success(t('common.saved'));
  };

  const calibration = async (toPrinter: boolean) => {
    const result = await calibrate({ form, toPrinter });
    if ('error' in result) return notifyError(result.error);
    if (result.data.printer)
      return void message.success(t('printing.sentTo', { printer: result.data.printer }));
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/pdf');
  };

  const setPage = (changes: Partial<ReceiptFormLayout>) => setForm({ ...form, ...changes });
  const setField = (name: FormField, changes: Partial<ReceiptFormLayout['fields'][FormField]>) =>
    setForm({ ...form, fields: { ...form.fields, [name]: { ...form.fields[name], ...changes } } });
  const number = (value: number | null, fallback: number) => (value === null ? fallback : value);

  return (
    <Card
      title={t('printing.title')}
      size="small"
      extra={!mayEdit && <span style={{ color: '#8a97a3' }}>{t('printing.readOnly')}</span>}
    >
      <Form layout="vertical" disabled={!mayEdit}>
        <Form.Item label={t('printing.layout')}>
          <Radio.Group
            value={layout}
            onChange={(e) => setLayout(e.target.value as ReceiptLayoutName)}
            options={(['thermal80', 'a4', 'form'] as const).map((value) => ({
              value,
              label: t(`printing.layouts.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('printing.receiptLanguage')} extra={t('printing.receiptLanguageHint')}>
          <Radio.Group
            value={receiptLanguage}
            onChange={(e) => setReceiptLanguage(e.target.value as Language)}
            options={[
              { value: 'zh-CN', label: t('language.zh') },
              { value: 'en', label: t('language.en') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('printing.printer')}
          extra={printer === NO_PRINTER ? t('printing.downloadHint') : undefined}
        >
          <Space wrap>
            <Select
              aria-label={t('printing.printer')}
              style={{ width: 320 }}
              value={printer}
              loading={printers.isFetching}
              onChange={setPrinter}
              options={[
                { value: NO_PRINTER, label: t('printing.noPrinter') },
                ...(printers.data?.printers ?? []).map((p) => ({
                  value: p.name,
                  label: p.isDefault ? `${p.name}（${t('printing.default')}）` : p.name,
                })),
              ]}
            />
            <Button onClick={() => void printers.refetch()}>{t('printing.refresh')}</Button>
          </Space>
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={autoPrint}
            disabled={printer === NO_PRINTER}
            onChange={(e) => setAutoPrint(e.target.checked)}
          >
            {t('printing.autoPrint')}
          </Checkbox>
        </Form.Item>
        {printers.data && !printers.data.available && (
          <Alert
            type="warning"
            showIcon
            title={t('printing.unavailable')}
            style={{ marginBottom: 16 }}
          />
        )}
        <h4 style={{ margin: '8px 0' }}>{t('printing.form')}</h4>
        <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('printing.formText')}</p>
        <Space wrap size={16}>
          <Form.Item label={t('printing.pageWidth')}>
            <InputNumber
              aria-label={t('printing.pageWidth')}
              min={FORM_LIMITS.pageMinMm}
              max={FORM_LIMITS.pageMaxMm}
              precision={1}
              value={form.pageWidthMm}
              onChange={(v) => setPage({ pageWidthMm: number(v, form.pageWidthMm) })}
            />
          </Form.Item>
          <Form.Item label={t('printing.pageHeight')}>
            <InputNumber
              aria-label={t('printing.pageHeight')}
              min={FORM_LIMITS.pageMinMm}
              max={FORM_LIMITS.pageMaxMm}
              precision={1}
              value={form.pageHeightMm}
              onChange={(v) => setPage({ pageHeightMm: number(v, form.pageHeightMm) })}
            />
          </Form.Item>
          <Form.Item label={t('printing.offsetX')}>
            <InputNumber
              aria-label={t('printing.offsetX')}
              min={-FORM_LIMITS.offsetMaxMm}
              max={FORM_LIMITS.offsetMaxMm}
              step={0.5}
              precision={1}
              value={form.offsetXMm}
              onChange={(v) => setPage({ offsetXMm: number(v, 0) })}
            />
          </Form.Item>
          <Form.Item label={t('printing.offsetY')}>
            <InputNumber
              aria-label={t('printing.offsetY')}
              min={-FORM_LIMITS.offsetMaxMm}
              max={FORM_LIMITS.offsetMaxMm}
              step={0.5}
              precision={1}
              value={form.offsetYMm}
              onChange={(v) => setPage({ offsetYMm: number(v, 0) })}
            />
          </Form.Item>
          <Form.Item label={t('printing.fontSize')}>
            <InputNumber
              aria-label={t('printing.fontSize')}
              min={FORM_LIMITS.fontMinPt}
              max={FORM_LIMITS.fontMaxPt}
              precision={0}
              value={form.fontSizePt}
              onChange={(v) => setPage({ fontSizePt: number(v, form.fontSizePt) })}
            />
          </Form.Item>
        </Space>
        <FormPreview form={form} />
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          style={{ marginTop: 12 }}
          dataSource={FORM_FIELDS.map((name) => ({ name, ...form.fields[name] }))}
          columns={[
            {
              title: t('printing.field'),
              dataIndex: 'name',
              render: (name: FormField) => t(`printing.fields.${name}`),
            },
            {
              title: t('printing.show'),
              dataIndex: 'show',
              render: (show: boolean, row) => (
                <Checkbox
                  aria-label={`${t(`printing.fields.${row.name}`)} ${t('printing.show')}`}
                  checked={show}
                  onChange={(e) => setField(row.name, { show: e.target.checked })}
                />
              ),
            },
            ...(['xMm', 'yMm'] as const).map((axis) => ({
              title: t(`printing.${axis}`),
              dataIndex: axis,
              render: (value: number, row: { name: FormField }) => (
                <InputNumber
                  aria-label={`${t(`printing.fields.${row.name}`)} ${t(`printing.${axis}`)}`}
                  size="small"
                  min={-50}
                  max={420}
                  step={0.5}
                  precision={1}
                  value={value}
                  onChange={(v) => setField(row.name, { [axis]: number(v, value) })}
                />
              ),
            })),
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {mayEdit && (
            <Button type="primary" loading={updating.isLoading} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          )}
          <Button loading={calibrating.isLoading} onClick={() => void calibration(false)}>
            {t('printing.calibrationDownload')}
          </Button>
          <Button
            disabled={!saved.receiptPrinter}
            loading={calibrating.isLoading}
            onClick={() => void calibration(true)}
          >
            {t('printing.calibrationPrint')}
          </Button>
          <Button onClick={() => setForm(DEFAULT_FORM_LAYOUT)}>{t('printing.resetForm')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
