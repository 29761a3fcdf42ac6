// 待确认 in the status bar: how many card and meter operations wait to be settled, and, opened,
// which ones, for whom, since when and what settles each (PendingDrawer, loaded when opened).
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingOperationsQuery } from './journalApi';

const PendingDrawer = lazy(() => import('./PendingDrawer'));

export function PendingOperations() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Polled as the status bar is: a meter may answer, or a card be read, at another till's hand.
  const pending = usePendingOperationsQuery(undefined, { pollingInterval: 30_000 });
  const rows = pending.data ?? [];
  if (rows.length === 0) return null;
  return (
    <>
      <Button
        type="link"
        size="small"
        className="pt-statusbar-link"
        data-testid="status-pending"
        onClick={() => setOpen(true)}
      >
        <span className="pt-dot pt-dot-warn" />
        {t('journal.pending', { count: rows.length })}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <PendingDrawer rows={rows} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
