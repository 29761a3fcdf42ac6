// 用电检查 (F7, supervisors): what the rules found in meters' reports (tenant cards' write-backs,
// check cards), most serious first, each with what it likely means; the supervisor looks into it,
// writes what they found, and prints the list to take on a site visit.
import { Alert, Button, DatePicker, Input, Segmented, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '../../../../shared/api/inspection';
import type { Language } from '../../../../shared/errors';
import { describeFinding, SEVERITY_NAMES } from '../../../../shared/inspectionText';
import { officeDateTime, officeDayRange } from '../../../../shared/officeTime';
import { useErrorText, useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { PageHeader } from '../../components/PageHeader';
import { useFindingsQuery, useInspectionReportMutation } from './inspectionApi';
import { AcknowledgeDialog } from './AcknowledgeFinding';

const SEVERITY_COLORS: Record<FindingView['severity'], string> = {
  critical: 'red',
  warning: 'orange',
  notice: 'blue',
};

export function InspectionPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState(true);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [meterNo, setMeterNo] = useState('');
  const [acknowledging, setAcknowledging] = useState<FindingView | null>(null);
  const query = {
    open,
    ...(range && {
      from: officeDayRange(range[0].format('YYYY-MM-DD')).from,
      to: officeDayRange(range[1].format('YYYY-MM-DD')).to,
    }),
    ...(/^\d{12}$/.test(meterNo) && { meterNo }),
  };
  const findings = useFindingsQuery(query);
  const [report, reporting] = useInspectionReportMutation();

  const download = async () => {
    const result = await report(query);
    if ('error' in result) return notifyError(result.error);
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/pdf');
  };

  return (
    <div>
      <PageHeader
        title={t('inspection.title')}
        extra={
          <Button loading={reporting.isLoading} onClick={() => void download()}>
            {t('inspection.print')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={open ? 'open' : 'all'}
          options={[
            { value: 'open', label: t('inspection.open') },
            { value: 'all', label: t('inspection.all') },
          ]}
          onChange={(v) => setOpen(v === 'open')}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <Input.Search
          allowClear
          placeholder={t('inspection.meterNo')}
          style={{ width: 240 }}
          onSearch={(v) => setMeterNo(v.trim())}
        />
      </Space>
      {findings.error && (
        <Alert
          type="error"
          showIcon
          title={errorText(findings.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<FindingView>
        rowKey="id"
        size="middle"
        loading={findings.isFetching}
        dataSource={findings.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: open ? t('inspection.noneOpen') : t('inspection.none') }}
        columns={[
          {
            title: t('inspection.severity'),
            dataIndex: 'severity',
            width: 80,
            render: (s: FindingView['severity']) => (
              <Tag color={SEVERITY_COLORS[s]}>{SEVERITY_NAMES[language]?.[s] ?? s}</Tag>
            ),
          },
          {
            title: t('inspection.foundAt'),
            key: 'found',
            width: 170,
            render: (_, f) => (
              <>
                <div>{officeDateTime(f.foundAt)}</div>
                <div className="pt-hint">
                  {t(`inspection.source.${f.source}`)} {f.cardNo}
                </div>
              </>
            ),
          },
          {
            title: t('inspection.where'),
            key: 'where',
            width: 200,
            render: (_, f) => (
              <>
                <div>
                  {t('sales.meterNo')} {f.meterNo}
                </div>
                <div className="pt-hint">
                  {f.accountNo ? `${f.accountNo} ${f.customerName ?? ''} ${f.shopUnit ?? ''}` : '—'}
                </div>
              </>
            ),
          },
          {
            title: t('inspection.what'),
            key: 'what',
            render: (_, f) => {
              const text = describeFinding(f.rule, f.details, language);
              return (
                <>
                  <div>
                    <b>{text.title}</b>
                  </div>
                  <div>{text.detail}</div>
                  <div className="pt-hint">{text.advice}</div>
                </>
              );
            },
          },
          {
            title: t('inspection.handled'),
            key: 'handled',
            width: 220,
            render: (_, f) =>
              f.acknowledgedAt ? (
                <>
                  <div>
                    {f.acknowledgedBy} {officeDateTime(f.acknowledgedAt)}
                  </div>
                  <div className="pt-hint">{f.note}</div>
                </>
              ) : (
                <Button size="small" type="primary" ghost onClick={() => setAcknowledging(f)}>
                  {t('inspection.acknowledge')}
                </Button>
              ),
          },
        ]}
      />
      {acknowledging && (
        <AcknowledgeDialog finding={acknowledging} onClose={() => setAcknowledging(null)} />
      )}
    </div>
  );
}
