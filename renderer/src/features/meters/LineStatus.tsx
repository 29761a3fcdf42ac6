// The RS485 line at a glance: the port or gateway in use, whether its last exchange worked, and
// its counters.
import { Alert, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/hooks';
import { useMeterLineStatusQuery } from './metersApi';

export function LineStatus() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useMeterLineStatusQuery(undefined, { pollingInterval: 5_000 });
  const s = status.data;
  if (!s) return null;
  if (!s.line) return <Alert type="info" showIcon title={t('meters.noLine')} />;
  const last = s.lastOutcome;
  return (
    <Card size="small" data-testid="meter-line-status">
      <Space wrap size="large">
        <span>
          {t('meters.line')}: <code>{s.line}</code>{' '}
          {last && (
            <Tag color={last.ok ? 'green' : 'red'}>
              {last.ok ? t('meters.lineOk') : t('meters.lineFailing')}
            </Tag>
          )}
        </span>
        <span>{t('meters.stats', { ...s.stats })}</span>
        {last?.error && <span className="pt-hint">{errorText(last.error)}</span>}
      </Space>
    </Card>
  );
}
