// Permission sets (操作权限): what an operator may do, one permission per kind of work. Every
// contract method declares the permission it needs (or none beyond being signed in); a role is an
// editable set of permissions, today's three roles being the defaults; an administrator grants or
// withholds single permissions for one operator. Shared so that the dispatcher and the renderer
// decide alike (decision 0028).
import type { Language } from './errors';
import type { Role } from './roles';

/** The counter (收费): every cashier's day. */
const COUNTER = [
  'sell',
  'reverse',
  'refund',
  'accounts.open',
  'cards.lost',
  'meters.read',
  'reports',
] as const;
/** Oversight (主管): approvals, the books, the account lifecycle, tariffs, the meter room. */
const OVERSIGHT = [
  'approve',
  'reverse.any',
  'shifts.oversee',
  'accounts.lifecycle',
  'customers.import',
  'tariffs',
  'cards.management',
  'meters.control',
  'meters.batch',
  'inspection',
  'devices',
  'journal.abandon',
  'messages',
  'audit',
  'backups',
] as const;
/** Administration (管理员). */
const ADMINISTRATION = ['backups.restore', 'settings', 'operators'] as const;

export const PERMISSIONS = [...COUNTER, ...OVERSIGHT, ...ADMINISTRATION] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * The three roles as shipped (and as migration 0023 seeded them): what each did before roles
 * became editable. The office may change a role's set; this is what "restore defaults" gives.
 */
export const ROLE_DEFAULTS: Record<Role, readonly Permission[]> = {
  cashier: COUNTER,
  supervisor: [...COUNTER, ...OVERSIGHT],
  admin: PERMISSIONS,
};

/**
 * What an administrator always keeps, whatever the role's set or the operator's exceptions say:
 * without it nobody could give any permission back.
 */
export const ADMIN_KEEPS: readonly Permission[] = ['operators'];

/** An operator's own exceptions to their role's set. */
export interface PermissionExceptions {
  granted: readonly Permission[];
  withheld: readonly Permission[];
}

/** The role's set, plus what was granted, less what was withheld: in the order of PERMISSIONS. */
export function effectivePermissions(
  role: Role,
  roleSet: readonly Permission[],
  own: PermissionExceptions,
): Permission[] {
  return PERMISSIONS.filter(
    (p) =>
      (role === 'admin' && ADMIN_KEEPS.includes(p)) ||
      ((roleSet.includes(p) || own.granted.includes(p)) && !own.withheld.includes(p)),
  );
}

type Words = Record<Language, string>;
const w = (zh: string, en: string): Words => ({ 'zh-CN': zh, en });

/** What each permission is called on the operators screen (a label, so capitalised in English). */
export const PERMISSION_NAMES: Record<Permission, Words> = {
  sell: w('售电、发卡与打印收据', 'Sell, issue cards and print receipts'),
  reverse: w('冲正本人当日售电', "Reverse one's own sales of the day"),
  refund: w('退费（收费员需主管审批）', 'Refunds (a cashier needs approval)'),
  'accounts.open': w('开户、登记电表、修改用户', 'Open accounts, register meters, edit customers'),
  'cards.lost': w('挂失与补卡', 'Report lost cards and reissue'),
  'meters.read': w('远程抄表与处理告警', 'Read meters over the line and acknowledge alarms'),
  reports: w('查看与导出报表', 'View and export reports'),
  approve: w('审批（退费、交班差额、冲正）', 'Approve (refunds, hand-over differences, reversals)'),
  'reverse.any': w('冲正任何售电', 'Reverse any sale'),
  'shifts.oversee': w('查看所有班次与账面', "See every shift and the books' figures"),
  'accounts.lifecycle': w(
    '报停、恢复、销户、换表、保电',
    'Suspend, resume, close, replace meters, keep power',
  ),
  'customers.import': w('批量开户', 'Bulk import'),
  tariffs: w('电价管理与下发', 'Manage and push tariffs'),
  'cards.management': w('制作与擦除管理卡', 'Make and erase management cards'),
  'meters.control': w('拉合闸、限值与预留电费', 'Relay, limits and held credit'),
  'meters.batch': w('批量充值与 ACRT 终端', 'Batch recharges and ACRT terminals'),
  inspection: w('用电检查（稽查）', 'Inspection'),
  devices: w('读卡器、打印机与表线设置', 'Reader, printer and meter line settings'),
  'journal.abandon': w('放弃未确认的操作', 'Abandon unconfirmed operations'),
  messages: w('短信：短信猫、模板、重发与退订', 'SMS: the modem, templates, resends and opt-outs'),
  audit: w('审计日志与诊断包', 'Audit log and diagnostics'),
  backups: w('备份', 'Backups'),
  'backups.restore': w('查看与恢复备份', 'Inspect and restore backups'),
  settings: w('系统设置与办公室密钥', 'Office settings and secret'),
  operators: w('操作员与权限', 'Operators and permissions'),
};
