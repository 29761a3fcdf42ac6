// An audit record in words for the people who read the log: the fields the office knows by name
// with their values in the office's units, and a refusal as the message the operator saw. What
// has no name in the office's words stays in the raw record, one click away, for an engineer.
import { errorTemplate, isErrorCode, type Language } from '../errors';
import { isPermission, PERMISSION_NAMES } from '../permissions';
import { formatEnergy, formatMoney, formatPrice } from '../units';
import { FIELD_LABELS, unitOfField } from './fieldIssues';

/** Never shown in words: secrets and the plumbing of an operation. */
const HIDDEN = new Set(['password', 'currentPassword', 'newPassword', 'passphrase', 'operationId']);

function valueText(key: string, value: unknown, language: Language): string | null {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean')
    return language === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const unit = unitOfField(key);
    if (unit === 'money') return formatMoney(value);
    if (unit === 'energy') return `${formatEnergy(value)} kWh`;
    if (unit === 'price')
      return `${formatPrice(value)} ${language === 'zh-CN' ? '元/kWh' : 'yuan/kWh'}`;
    return String(value);
  }
  // A code word of the program (in_stock, bank_card) is not the office's: the raw record has it.
  if (typeof value === 'string' && /^[a-z]+([_-][a-z]+|[A-Z]\w*)+$/.test(value)) return null;
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  // Permissions granted, withheld or given to a role: by name, so the log says who may do what.
  if (Array.isArray(value) && value.length > 0 && value.every(isPermission))
    return value.map((p) => PERMISSION_NAMES[p][language]).join(language === 'zh-CN' ? '、' : '; ');
  if (Array.isArray(value))
    return language === 'zh-CN' ? `${value.length} 项` : `${value.length} items`;
  if (typeof value === 'object') {
    const inner = fieldsText(value as Record<string, unknown>, language);
    if (!inner) return null;
    return language === 'zh-CN' ? `（${inner}）` : `(${inner})`;
  }
  return null;
}

function fieldsText(fields: Record<string, unknown>, language: Language): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (HIDDEN.has(key)) continue;
    const label = FIELD_LABELS[key];
    if (!label) continue;
    const text = valueText(key, value, language);
    if (text !== null) parts.push(`${label[language]}${language === 'zh-CN' ? '：' : ': '}${text}`);
  }
  return parts.join(language === 'zh-CN' ? '，' : ', ');
}

/** Records whose detail is the system's own note, not an operator's fields. */
const SYSTEM_NOTES = new Set(['audit.keyed']);

/** The record's detail in words: the refusal's message first, then the named fields. */
export function auditDetailText(detail: unknown, language: Language, method = ''): string {
  if (!detail || typeof detail !== 'object' || SYSTEM_NOTES.has(method)) return '';
  const { error, input, ...rest } = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (isErrorCode(error)) {
    // The parameters are not kept with the refusal: their places are left out.
    const message = errorTemplate(error, language).replace(/\s*[（(]?\{\w+\}[）)]?/g, '');
    parts.push(message);
  }
  const named = fieldsText(
    { ...(input && typeof input === 'object' ? (input as Record<string, unknown>) : {}), ...rest },
    language,
  );
  if (named) parts.push(named);
  return parts.join(' ');
}
