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

export function sectionFromHash(hash: string, allowed: readonly Section[]): SectionKey {
  const key = hash.replace(/^#\/?/, '');
  return allowed.find((s) => s.key === key)?.key ?? allowed[0]?.key ?? 'sales';
}
