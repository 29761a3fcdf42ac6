// The bottom status bar: card reader and RS485 bus as the backend reports them, backend link,
// version and the clock.
import { formatOfficeTime } from './officeClock';
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusState, ReaderState, SystemInfo } from '../../../shared/api/types';
import { useHardwareStatusQuery } from '../app/systemApi';

function readerText(reader: ReaderState | undefined, t: TFunction) {
  if (!reader) return t('status.readerNone');
  if (reader.state === 'ready')
    return `${t('status.readerReady', { count: reader.readers.length })}${
      reader.withCard.length > 0 ? ` · ${t('status.cardIn')}` : ''
    }`;
  switch (reader.reason) {
    case 'no-binding':
      return t('status.readerNoBinding');
    case 'no-service':
      return t('status.readerNoService');
    case 'no-reader':
      return t('status.readerNone');
    default:
      return t('status.readerUnavailable');
  }
}

function busText(bus: BusState | undefined, t: TFunction) {
  if (!bus) return t('status.busNone');
  if (bus.state === 'ready')
    return t(bus.ok === false ? 'status.busFailing' : 'status.busReady', { line: bus.line });
  return bus.reason === 'not-available' ? t('status.busUnavailable') : t('status.busNone');
}

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function StatusBar({ info, extra }: { info: SystemInfo; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const status = useHardwareStatusQuery(undefined, { pollingInterval: 60_000 });
  const now = useClock();
  const reader = status.data?.reader;
  const bus = status.data?.bus;
  return (
    <footer className="pt-statusbar" role="status" aria-label="status">
      <span data-testid="status-reader">
        <span className={`pt-dot ${reader?.state === 'ready' ? 'pt-dot-ok' : ''}`} />
        {t('status.reader')}: {readerText(reader, t)}
      </span>
      <span data-testid="status-bus">
        <span
          className={`pt-dot ${bus?.state === 'ready' && bus.ok !== false ? 'pt-dot-ok' : ''}`}
        />
        {t('status.bus')}: {busText(bus, t)}
      </span>
      <span data-testid="status-backend">
        <span className={`pt-dot ${status.isError ? 'pt-dot-bad' : 'pt-dot-ok'}`} />
        {t('status.backend')}: {status.isError ? t('status.backendDown') : t('status.backendOk')}
      </span>
      {extra}
      <span className="pt-statusbar-spacer" />
      <span>PowerTill {info.appVersion}</span>
      <span>{formatOfficeTime(now, i18n.language, true)}</span>
    </footer>
  );
}
