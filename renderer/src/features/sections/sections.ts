// The office's sections in menu order, each with its function key and who sees it.
import type { Role } from '../../../../shared/roles';

export const SECTION_KEYS = [
  'sales',
  'customers',
  'cards',
  'meters',
  'tariffs',
  'reports',
  'inspection',
  'settings',
  'operators',
] as const;

export type SectionKey = (typeof SECTION_KEYS)[number];

export interface Section {
  key: SectionKey;
  /** F1 ... F9, in menu order. */
  functionKey: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['cashier', 'supervisor', 'admin'];

export const SECTIONS: readonly Section[] = SECTION_KEYS.map((key, index) => ({
  key,
  functionKey: `F${index + 1}`,
  roles:
    key === 'operators' ? ['admin'] : key === 'inspection' ? ['supervisor', 'admin'] : EVERYONE,
}));

export const sectionsFor = (role: Role) => SECTIONS.filter((s) => s.roles.includes(role));

/**
 * Where each role starts its day: the cashier at the till, the supervisor at the day's figures,
 * the administrator (who also sets a new office up) at the office's settings.
 */
export const HOME_SECTION: Record<Role, SectionKey> = {
  cashier: 'sales',
  supervisor: 'reports',
  admin: 'settings',
};

/**
 * The section named in the address (a reload keeps the operator where they were), else the
 * role's home; a section the role may not see is never opened.
 */
export function sectionFromHash(
  hash: string,
  allowed: readonly Section[],
  home: SectionKey,
): SectionKey {
  const key = hash.replace(/^#\/?/, '');
  return (
    allowed.find((s) => s.key === key)?.key ??
    allowed.find((s) => s.key === home)?.key ??
    allowed[0]?.key ??
    'sales'
  );
}

/** A fresh sign-in starts at the role's home, not where the last operator left the till. */
export function forgetSection(): void {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}
