// The GSM modem (短信猫) in the status bar, once the office has one: signal bars and what waits,
// or why it cannot be reached (messages wait in the outbox meanwhile).
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/hooks';
import { useModemStatusQuery } from './messagesApi';

export function ModemStatus() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // Each look asks the modem (AT+CSQ …): once a minute is enough for a status bar.
  const status = useModemStatusQuery({}, { pollingInterval: 60_000 });
  const s = status.data;
  if (!s || s.port === null) return null;
  const ready = !s.error && s.sim === 'ready' && (s.network === 'home' || s.network === 'roaming');
  const bars = s.bars ?? 0;
  return (
    <Tooltip
      title={s.error ? errorText(s.error) : `${s.port}${s.operator ? ` · ${s.operator}` : ''}`}
    >
      <span data-testid="status-modem">
        <span
          className={`pt-dot ${ready ? 'pt-dot-ok' : s.error ? 'pt-dot-bad' : 'pt-dot-warn'}`}
        />
        {t('status.modem')}:{' '}
        {s.error
          ? t('status.modemDown')
          : `${'▮'.repeat(bars)}${'▯'.repeat(5 - bars)}${
              s.queued > 0 ? ` · ${t('status.modemQueued', { count: s.queued })}` : ''
            }`}
      </span>
    </Tooltip>
  );
}
