// The customer display in the status bar: wired and answering, disconnected, or none (the till's
// screen then is the display); a click shows what the tenant sees.
import { Button, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/hooks';
import { DisplayMirror } from './DisplayMirror';
import { useDisplayStateQuery } from './displayApi';

export function DisplayStatus() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  // Only the core's memory is read (no device is asked): cheap enough to follow a sale live.
  const state = useDisplayStateQuery({}, { pollingInterval: open ? 1_000 : 15_000 });
  const s = state.data;
  if (!s) return null;
  const none = s.settings.kind === 'none';
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('status.displayTitle')}
      content={
        <div style={{ maxWidth: 360 }}>
          <DisplayMirror state={s} />
          {s.error && <div style={{ marginTop: 8, color: '#c0392b' }}>{errorText(s.error)}</div>}
        </div>
      }
    >
      <Button
        type="link"
        className="pt-statusbar-link"
        data-testid="status-display"
        style={{ color: 'inherit' }}
      >
        <span className={`pt-dot ${none ? '' : s.error ? 'pt-dot-bad' : 'pt-dot-ok'}`} />
        {t('status.display')}:{' '}
        {none
          ? t('status.displayOnScreen')
          : s.error
            ? t('status.displayDown')
            : t('status.displayOk')}
      </Button>
    </Popover>
  );
}
