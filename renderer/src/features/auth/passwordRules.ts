// Form rules that mirror the backend's password policy, so the cashier hears it before submit.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

export const passwordRules = (t: TFunction): FormRule[] => [
  { required: true, message: t('common.required') },
  {
    validator: (_rule, value: string | undefined) =>
      !value || (value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value))
        ? Promise.resolve()
        : Promise.reject(new Error(t('setup.passwordHint'))),
  },
];

export const confirmRules = (t: TFunction, field: string): FormRule[] => [
  { required: true, message: t('common.required') },
  ({ getFieldValue }) => ({
    validator: (_rule, value: string | undefined) =>
      !value || value === getFieldValue(field)
        ? Promise.resolve()
        : Promise.reject(new Error(t('setup.passwordMismatch'))),
  }),
];
