// The product mark with the office's name under it.
import { useTranslation } from 'react-i18next';

export function Brand({ officeName }: { officeName?: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="pt-brand">
      <img src="./favicon.svg" alt="" />
      <div>
        <div className="pt-brand-name">{t('app.name')}</div>
        {officeName && <div className="pt-brand-office">{officeName}</div>}
      </div>
    </div>
  );
}
