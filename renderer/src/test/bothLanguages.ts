// The component tests switch languages synchronously: both dictionaries are there from the
// start (the app loads English when it is first chosen).
import i18n from '../i18n';
import { en } from '../i18n/en';
import '../../../shared/errorTexts/en';

i18n.addResourceBundle('en', 'translation', en);
