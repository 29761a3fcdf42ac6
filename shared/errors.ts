// Error codes the backend returns, each with the message a cashier reads in zh-CN and English
// (the texts: shared/errorTexts/). A message says what happened and what to do next; the log
// gets the technical detail.
import { fieldLabel, issueText, type FieldIssue } from './api/fieldIssues';
import { ZH_ERRORS } from './errorTexts/zh-CN';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export type ErrorCode = keyof typeof ZH_ERRORS;

/**
 * Each language's texts of the codes: Chinese always here, English once loaded
 * (shared/errorTexts/en.ts adds itself when imported: the backend imports it at start, the till
 * when English is chosen). A language not loaded yet reads in Chinese.
 */
const TEXTS: Record<Language, Readonly<Record<ErrorCode, string>> | null> = {
  'zh-CN': ZH_ERRORS,
  en: null,
};

export function addErrorTexts(
  language: Language,
  texts: Readonly<Record<ErrorCode, string>>,
): void {
  TEXTS[language] = texts;
}

/** A code's text in a language, its placeholders unfilled. */
export function errorTemplate(code: ErrorCode, language: Language): string {
  return (TEXTS[language] ?? ZH_ERRORS)[code];
}
export type ErrorParams = Record<string, string | number>;

/** The error shape that crosses both transports. */
export interface ApiError {
  code: ErrorCode;
  params?: ErrorParams;
  /** Field-level problems for forms, from input validation: codes with parameters. */
  issues?: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ZH_ERRORS, value);
}

/** Parameters a message takes from its field issues, in the reader's language. */
function issueParams(error: ApiError, language: Language): ErrorParams {
  const [first, ...more] = error.issues ?? [];
  if (!first) return {};
  const others =
    more.length === 0
      ? ''
      : language === 'zh-CN'
        ? `（另有 ${more.length} 处）`
        : ` (and ${more.length} more)`;
  return {
    detail: `${issueText(first, language)}${others}`,
    field: fieldLabel(first.path, language),
  };
}

export function formatErrorMessage(error: ApiError, language: Language): string {
  const template = errorTemplate(error.code, language);
  const params = { ...issueParams(error, language), ...error.params };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Thrown inside the backend; the dispatcher turns it into an ApiError. */
export class AppError extends Error {
  readonly issues?: ApiError['issues'];

  constructor(
    readonly code: ErrorCode,
    readonly params?: ErrorParams,
    options?: { cause?: unknown; issues?: ApiError['issues'] },
  ) {
    super(
      formatErrorMessage(
        { code, ...(params && { params }), ...(options?.issues && { issues: options.issues }) },
        'en',
      ),
      options,
    );
    this.name = 'AppError';
    if (options?.issues) this.issues = options.issues;
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      ...(this.params && { params: this.params }),
      ...(this.issues && { issues: this.issues }),
    };
  }
}
