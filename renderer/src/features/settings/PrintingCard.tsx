// 打印设置: which paper receipts use, which printer they go to, and where each value lands on the
// office's pre-printed form (套打), with a live preview and a calibration sheet to check it on
// a blank form. Supervisors change it; everyone sees it.
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrintingSettingsQuery } from './printingApi';
import { PrintingEditor } from './PrintingEditor';

export function PrintingCard({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const settings = usePrintingSettingsQuery();
  if (!settings.data) return <Card loading title={t('printing.title')} size="small" />;
  // Keyed by the saved settings: after a save (or another till's) the editor starts from them.
  return (
    <PrintingEditor key={JSON.stringify(settings.data)} saved={settings.data} mayEdit={mayEdit} />
  );
}
