// 审计日志: the chain check (against the head printed on a daily report or hand-over slip, if
// typed in) and the records, newest first.
import type { TFunction } from 'i18next';
import { Alert, Button, Card, Input, InputNumber, Popover, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditVerification } from '../../../../shared/api/types';
import { actionName } from '../../../../shared/api/actionNames';
import { auditDetailText } from '../../../../shared/api/auditText';
import type { Language } from '../../../../shared/errors';
import { useNotifyError } from '../../app/hooks';
import { formatOfficeTime } from '../../components/officeClock';
import { useAuditPageQuery, useVerifyAuditMutation } from './settingsApi';

function outcomeText(outcome: AuditVerification, paperSeq: number | null, t: TFunction) {
  if (outcome.firstBadSeq !== null) return t('settings.auditBroken', { seq: outcome.firstBadSeq });
  if (outcome.anchor === 'missing') return t('settings.auditAnchorMissing', { seq: paperSeq });
  if (outcome.anchor === 'differs') return t('settings.auditAnchorDiffers', { seq: paperSeq });
  if (outcome.anchor === 'matches')
    return t('settings.auditAnchorMatches', { count: outcome.checked, seq: paperSeq });
  return t('settings.auditOk', { count: outcome.checked });
}

export function AuditCard() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [verify, { isLoading }] = useVerifyAuditMutation();
  const [outcome, setOutcome] = useState<AuditVerification | null>(null);
  const [paperSeq, setPaperSeq] = useState<number | null>(null);
  const [paperHash, setPaperHash] = useState('');
  const { i18n } = useTranslation();
  const [beforeSeq, setBeforeSeq] = useState<number | undefined>(undefined);
  const page = useAuditPageQuery({ limit: 20, ...(beforeSeq !== undefined && { beforeSeq }) });
  const entries = page.data?.entries ?? [];
  const hash = paperHash.trim().replace(/[\s-]/g, '').toUpperCase();
  const anchorTyped = paperSeq !== null || hash !== '';
  const anchorValid = paperSeq !== null && /^[0-9A-F]{8}$/.test(hash);
  return (
    <Card title={t('settings.audit')} size="small">
      <p style={{ marginTop: 0, color: '#5b6b78' }}>{t('settings.auditText')}</p>
      <Space wrap>
        <InputNumber
          min={1}
          precision={0}
          placeholder={t('settings.auditPaperSeq')}
          value={paperSeq}
          onChange={(v) => setPaperSeq(typeof v === 'number' ? v : null)}
          style={{ width: 150 }}
          aria-label={t('settings.auditPaperSeq')}
        />
        <Input
          placeholder={t('settings.auditPaperHash')}
          value={paperHash}
          maxLength={9}
          onChange={(e) => setPaperHash(e.target.value)}
          style={{ width: 150 }}
          aria-label={t('settings.auditPaperHash')}
          status={hash !== '' && !/^[0-9A-F]{8}$/.test(hash) ? 'error' : ''}
        />
        <Button
          loading={isLoading}
          disabled={anchorTyped && !anchorValid}
          onClick={async () => {
            const result = await verify(anchorValid ? { anchor: { seq: paperSeq!, hash } } : {});
            if ('error' in result) return notifyError(result.error);
            setOutcome(result.data);
          }}
        >
          {t('settings.auditVerify')}
        </Button>
      </Space>
      <div style={{ color: '#5b6b78', fontSize: 12, marginTop: 4 }}>
        {t('settings.auditPaperHelp')}
      </div>
      {outcome && (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          type={outcome.ok ? 'success' : 'error'}
          title={outcomeText(outcome, paperSeq, t)}
          description={
            outcome.head
              ? t('settings.auditHead', { seq: outcome.head.seq, hash: outcome.head.hash })
              : undefined
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
            render: (m: string) => actionName(m, i18n.language as Language),
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
            // In words for the office; the raw record one click away, for an engineer.
            render: (detail: unknown, entry) => (
              <Space size={4}>
                <span>{auditDetailText(detail, i18n.language as Language, entry.method)}</span>
                <Popover
                  trigger="click"
                  content={
                    <pre style={{ maxWidth: 520, whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}>
                      {JSON.stringify(detail, null, 2)}
                    </pre>
                  }
                >
                  <Button size="small" type="link">
                    {t('settings.auditRaw')}
                  </Button>
                </Popover>
              </Space>
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
