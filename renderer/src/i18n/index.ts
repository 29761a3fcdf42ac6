// i18next set up with zh-CN by default and English, the choice kept on this PC. English is
// loaded when first chosen (the office works in Chinese; the dictionary need not be in the first
// load); `i18nReady` settles once the saved choice can be shown.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/errors';
import { zhCN } from './zh-CN';

const LANGUAGE_KEY = 'powertill.language';

export function savedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let englishLoaded = false;

/**
 * Adds the English dictionary, once. Merged into what is there: a lazily loaded panel may have
 * put its own English words in first.
 */
export async function loadEnglish(): Promise<void> {
  if (englishLoaded) return;
  // The error texts' English comes with the dictionary's (shared/errorTexts/en.ts adds itself).
  const [{ en }] = await Promise.all([import('./en'), import('../../../shared/errorTexts/en')]);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  englishLoaded = true;
}

export async function applyLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage may be off in a locked-down browser; the switch still works for this page.
  }
  if (language === 'en') await loadEnglish();
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The saved language, ready to show. */
export const i18nReady: Promise<void> =
  savedLanguage() === 'en' ? applyLanguage('en') : Promise.resolve();

export default i18n;
