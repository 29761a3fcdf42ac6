// What the office tells its tenants, as templates a supervisor may edit: {name}-style variables
// filled in at sending. The defaults are the office's own voice, signed with its name in 【】 as
// Chinese operators expect of a sender.

export const TEMPLATE_KINDS = [
  'low-credit',
  'credit-out',
  'purchase',
  'account-closed',
  'dorm-control',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The variables each template may use, and a sample of each for the preview. */
export const TEMPLATE_VARIABLES: Record<TemplateKind, readonly string[]> = {
  'low-credit': ['office', 'name', 'meterNo', 'balance'],
  'credit-out': ['office', 'name', 'meterNo'],
  purchase: ['office', 'name', 'meterNo', 'amount', 'energy', 'time'],
  'account-closed': ['office', 'name', 'accountNo', 'refund'],
  'dorm-control': ['office', 'room', 'event', 'time'],
};

export const SAMPLE_VALUES: Record<string, string> = {
  office: '万达广场物业',
  name: '张三便利店',
  meterNo: '000000000501',
  balance: '8.50',
  amount: '100.00',
  energy: '117.65',
  time: '2026-12-07 10:30',
  accountNo: '00000012',
  refund: '35.20',
  room: '5号楼-203',
  event: '熄灯断电，请提前做好准备',
};

export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  'low-credit':
    '【{office}】{name}：您的电表（{meterNo}）余额 {balance} 元，已不足，请及时购电，以免断电。',
  'credit-out':
    '【{office}】{name}：您的电表（{meterNo}）余额已用完，即将断电，请尽快到物业服务中心购电。',
  purchase:
    '【{office}】{name}：您于 {time} 购电 {amount} 元（{energy} 度），已充入电表（{meterNo}）。',
  'account-closed':
    '【{office}】{name}：您的账户 {accountNo} 已销户，退款 {refund} 元。感谢您的支持。',
  'dorm-control': '【{office}】{room}：{time} {event}。',
};

const VARIABLE = /\{(\w+)\}/g;

/** The template with each known variable filled in; an unknown one is left as written. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(VARIABLE, (whole, name: string) => values[name] ?? whole);
}

/** Variables the template uses that its kind does not have. */
export function unknownVariables(kind: TemplateKind, template: string): string[] {
  const known = new Set(TEMPLATE_VARIABLES[kind]);
  return [...template.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !known.has(name));
}
