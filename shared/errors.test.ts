import { AppError, errorTemplate, formatErrorMessage, isErrorCode, LANGUAGES } from './errors';
import { EN_ERRORS } from './errorTexts/en';
import { ZH_ERRORS } from './errorTexts/zh-CN';

describe('error messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(Object.keys(ZH_ERRORS))('%s has the same placeholders in every language', (code) => {
    const reference = placeholders(ZH_ERRORS[code as keyof typeof ZH_ERRORS]);
    for (const language of LANGUAGES) {
      const text = errorTemplate(code as keyof typeof ZH_ERRORS, language);
      expect(text.trim()).not.toBe('');
      expect(placeholders(text)).toEqual(reference);
    }
  });

  it('has English for every code and no more', () => {
    expect(Object.keys(EN_ERRORS).sort()).toEqual(Object.keys(ZH_ERRORS).sort());
    expect(errorTemplate('FORBIDDEN', 'en')).toBe(EN_ERRORS.FORBIDDEN);
  });

  it('fills params and leaves unknown placeholders visible', () => {
    expect(formatErrorMessage({ code: 'ACCOUNT_LOCKED', params: { minutes: 5 } }, 'en')).toContain(
      'in 5 min',
    );
    expect(formatErrorMessage({ code: 'ACCOUNT_LOCKED' }, 'zh-CN')).toContain('{minutes}');
  });

  it('recognises only real codes, not inherited object keys', () => {
    expect(isErrorCode('FORBIDDEN')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });

  it('carries code, params and issues from backend to API shape', () => {
    const issues = [{ path: 'amountFen', code: 'too_large', limit: 100, unit: 'money' } as const];
    const error = new AppError('VALIDATION_FAILED', undefined, { issues: [...issues] });
    expect(error.toApiError()).toEqual({ code: 'VALIDATION_FAILED', issues });
    // The words come from the issue, in each language, with the limit in yuan.
    expect(formatErrorMessage(error.toApiError(), 'zh-CN')).toBe(
      '输入有误：金额不能超过 ¥1.00。请检查后重试。',
    );
    expect(formatErrorMessage(error.toApiError(), 'en')).toBe(
      'Please check the input: Amount may be at most ¥1.00.',
    );
  });
});
