// 中文 / English switch. The choice stays on this PC; once signed in it is also kept as the
// operator's own preference and follows them to their next sign-in.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/errors';
import { useAppSelector } from '../app/hooks';
import { useSetLanguageMutation } from '../features/auth/authApi';
import { applyLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const signedIn = useAppSelector((state) => state.session.current !== null);
  const [saveForOperator] = useSetLanguageMutation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      value={i18n.language as Language}
      options={[
        { label: t('language.zh'), value: 'zh-CN' },
        { label: t('language.en'), value: 'en' },
      ]}
      onChange={(language) => {
        void applyLanguage(language);
        // Best effort: failing to remember the preference must not block the switch.
        if (signedIn) void saveForOperator({ language });
      }}
    />
  );
}
