// An honest page for a section this version does not have yet: what it will hold, nothing fake.
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SectionKey } from './sections';

export function SectionPending({
  section,
}: {
  section: Exclude<
    SectionKey,
    'settings' | 'operators' | 'sales' | 'customers' | 'tariffs' | 'reports' | 'cards'
  >;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ paddingTop: 64 }}>
      <Empty
        description={
          <div>
            <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>
              {t('shell.sectionPending')}
            </div>
            <div style={{ color: '#5b6b78', maxWidth: 480, margin: '0 auto' }}>
              {t('shell.sectionPendingText', {
                section: t(`sections.${section}`),
                scope: t(`scope.${section}`),
              })}
            </div>
          </div>
        }
      />
    </div>
  );
}
