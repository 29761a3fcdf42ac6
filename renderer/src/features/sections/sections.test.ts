import { api, mayCall } from '../../../../shared/api/contract';
import { ROLE_DEFAULTS, type Permission } from '../../../../shared/permissions';
import type { Role } from '../../../../shared/roles';
import { HOME_SECTION, sectionFromHash, SECTIONS, sectionsFor } from './sections';

const holding = (permissions: readonly Permission[]) =>
  sectionsFor((method) => mayCall(api[method], permissions));
const ofRole = (role: Role) => holding(ROLE_DEFAULTS[role]);

describe('sections', () => {
  it('gives the nine sections F1 to F9 in menu order', () => {
    expect(SECTIONS.map((s) => `${s.functionKey}:${s.key}`)).toEqual([
      'F1:sales',
      'F2:customers',
      'F3:cards',
      'F4:meters',
      'F5:tariffs',
      'F6:reports',
      'F7:inspection',
      'F8:settings',
      'F9:operators',
    ]);
  });

  it('with the default sets, shows operators to admins only and inspection to supervisors and admins', () => {
    expect(ofRole('cashier').map((s) => s.key)).not.toContain('operators');
    expect(ofRole('cashier').map((s) => s.key)).not.toContain('inspection');
    expect(ofRole('supervisor').map((s) => s.key)).toContain('inspection');
    expect(ofRole('admin')).toHaveLength(9);
  });

  it('follows permissions, not role names: a cashier granted inspection sees it, one without selling does not see the till', () => {
    const keys = (ps: readonly Permission[]) => holding(ps).map((s) => s.key);
    expect(keys([...ROLE_DEFAULTS.cashier, 'inspection'])).toContain('inspection');
    const noSelling = ROLE_DEFAULTS.cashier.filter((p) => p !== 'sell');
    expect(keys(noSelling)).not.toContain('sales');
    // Home is the till, which this cashier may not open: the first section they may see instead.
    expect(sectionFromHash('', holding(noSelling), HOME_SECTION.cashier)).toBe('customers');
  });

  it('opens the section named in the address, else the role’s home', () => {
    expect(sectionFromHash('#/settings', SECTIONS, 'sales')).toBe('settings');
    expect(sectionFromHash('#/operators', ofRole('cashier'), HOME_SECTION.cashier)).toBe('sales');
    expect(sectionFromHash('', ofRole('supervisor'), HOME_SECTION.supervisor)).toBe('reports');
    expect(sectionFromHash('', ofRole('admin'), HOME_SECTION.admin)).toBe('settings');
    expect(sectionFromHash('#/nowhere', ofRole('cashier'), HOME_SECTION.cashier)).toBe('sales');
  });

  it('gives every role a home it may open', () => {
    for (const role of ['cashier', 'supervisor', 'admin'] as const)
      expect(ofRole(role).map((s) => s.key)).toContain(HOME_SECTION[role]);
  });
});
