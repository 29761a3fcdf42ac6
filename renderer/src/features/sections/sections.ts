// The office's sections in menu order, each with its function key and the method whose access
// decides who sees it (an operator who may not call it would find the section empty).
import type { MethodName } from '../../../../shared/api/contract';
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
  /** Shown to who may call this. */
  opens: MethodName;
}

const OPENS: Record<SectionKey, MethodName> = {
  sales: 'sales.sell',
  customers: 'customers.search',
  cards: 'cards.list',
  meters: 'meters.list',
  tariffs: 'tariffs.list',
  reports: 'reports.sales',
  inspection: 'inspection.list',
  settings: 'settings.get',
  operators: 'operators.list',
};

export const SECTIONS: readonly Section[] = SECTION_KEYS.map((key, index) => ({
  key,
  functionKey: `F${index + 1}`,
  opens: OPENS[key],
}));

/** The sections an operator sees: `mayCall` as the session allows (app/permissions.ts). */
export const sectionsFor = (mayCall: (method: MethodName) => boolean) =>
  SECTIONS.filter((s) => mayCall(s.opens));

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
 * role's home, else the first the operator may see; a section they may not see is never opened.
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
