// Error codes the backend returns, each with the message a cashier reads in zh-CN and English.
// A message says what happened and what to do next; the log gets the technical detail.

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

type Messages = Record<Language, string>;

/** Placeholders like {minutes} are filled from the error's params. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: {
    'zh-CN': '输入有误：{detail}。请检查后重试。',
    en: 'Invalid input: {detail}. Please check and try again.',
  },
  UNKNOWN_METHOD: {
    'zh-CN': '程序版本不一致（未知的操作 {method}）。请重新启动 PowerTill。',
    en: 'Version mismatch (unknown operation {method}). Please restart PowerTill.',
  },
  NOT_SIGNED_IN: {
    'zh-CN': '请先登录。',
    en: 'Please sign in first.',
  },
  SESSION_EXPIRED: {
    'zh-CN': '长时间未操作，已自动退出。请重新登录。',
    en: 'You were signed out after a period of inactivity. Please sign in again.',
  },
  FORBIDDEN: {
    'zh-CN': '当前操作员无权执行此操作，请联系主管。',
    en: 'Your role may not do this. Please ask a supervisor.',
  },
  BAD_CREDENTIALS: {
    'zh-CN': '用户名或密码错误。连续错误 5 次将锁定 5 分钟。',
    en: 'Wrong user name or password. Five wrong tries in a row lock the account for 5 minutes.',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或请管理员解锁。',
    en: 'Too many wrong passwords: this account is locked. Try again in {minutes} min or ask an administrator to unlock it.',
  },
  OPERATOR_DISABLED: {
    'zh-CN': '该操作员已停用，请联系管理员。',
    en: 'This operator is disabled. Please contact an administrator.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '请先修改初始密码。',
    en: 'Please change your initial password first.',
  },
  WRONG_CURRENT_PASSWORD: {
    'zh-CN': '当前密码不正确。',
    en: 'The current password is wrong.',
  },
  PASSWORD_TOO_WEAK: {
    'zh-CN': '密码至少 {min} 位，且须同时包含字母和数字。',
    en: 'The password needs at least {min} characters with both letters and digits.',
  },
  PASSWORD_REUSED: {
    'zh-CN': '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  USERNAME_TAKEN: {
    'zh-CN': '用户名 {username} 已存在，请换一个。',
    en: 'The user name {username} is taken. Please choose another.',
  },
  OPERATOR_NOT_FOUND: {
    'zh-CN': '找不到该操作员。',
    en: 'Operator not found.',
  },
  LAST_ADMIN: {
    'zh-CN': '不能停用或降级最后一位管理员。',
    en: 'The last administrator cannot be disabled or demoted.',
  },
  ALREADY_SET_UP: {
    'zh-CN': '系统已完成初始设置。',
    en: 'PowerTill has already been set up.',
  },
  NOT_SET_UP: {
    'zh-CN': '系统尚未完成初始设置，请先完成设置向导。',
    en: 'PowerTill is not set up yet. Please finish the setup wizard.',
  },
  SECRET_PASSPHRASE_WRONG: {
    'zh-CN': '口令不正确，或文件已损坏。',
    en: 'Wrong passphrase, or the file is damaged.',
  },
  SECRET_FILE_INVALID: {
    'zh-CN': '这不是 PowerTill 的办公室密钥文件。',
    en: 'This is not a PowerTill office secret file.',
  },
  SECRET_REPLACE_UNCONFIRMED: {
    'zh-CN':
      '本机已有不同的办公室密钥（指纹 {current}）。替换后用旧密钥发行的卡将无法使用，请确认后再导入。',
    en: 'This PC already has a different office secret (fingerprint {current}). Cards issued under it will stop working; confirm to replace it.',
  },
  DATABASE_NEWER_THAN_APP: {
    'zh-CN':
      '数据库由更新版本的 PowerTill 创建（版本 {dbVersion}，本程序支持到 {appVersion}）。请安装新版本，不要降级。',
    en: 'The database was made by a newer PowerTill (schema {dbVersion}, this app knows up to {appVersion}). Install the newer version; do not downgrade.',
  },
  MIGRATION_FAILED: {
    'zh-CN': '数据库升级失败，数据未改动，升级前的备份在 {backup}。请联系技术支持。',
    en: 'The database upgrade failed and nothing was changed; the pre-upgrade backup is at {backup}. Please contact support.',
  },
  DISK_FULL: {
    'zh-CN': '磁盘已满，本次操作未保存。请清理磁盘空间后重试。',
    en: 'The disk is full; nothing was saved. Free some disk space and try again.',
  },
  DATABASE_BUSY: {
    'zh-CN': '数据库正忙，请稍后重试。',
    en: 'The database is busy. Please try again in a moment.',
  },
  TRANSPORT_FAILED: {
    'zh-CN': '无法连接 PowerTill 后台服务，请重新启动程序。',
    en: 'Cannot reach the PowerTill backend. Please restart the app.',
  },
  INTERNAL: {
    'zh-CN': '发生内部错误（编号 {ref}），数据未改动。请导出诊断包并联系技术支持。',
    en: 'Internal error (ref {ref}); nothing was changed. Please export diagnostics and contact support.',
  },
} as const satisfies Record<string, Messages>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type ErrorParams = Record<string, string | number>;

/** The error shape that crosses both transports. */
export interface ApiError {
  code: ErrorCode;
  params?: ErrorParams;
  /** Field-level problems for forms, from input validation. */
  issues?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

export function formatErrorMessage(error: ApiError, language: Language): string {
  const template = ERROR_MESSAGES[error.code][language];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = error.params?.[name];
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
    super(formatErrorMessage({ code, params }, 'en'), options);
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
