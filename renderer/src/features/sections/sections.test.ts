import { HOME_SECTION, sectionFromHash, SECTIONS, sectionsFor } from './sections';

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

  it('shows operators to admins only and inspection to supervisors and admins', () => {
    expect(sectionsFor('cashier').map((s) => s.key)).not.toContain('operators');
    expect(sectionsFor('cashier').map((s) => s.key)).not.toContain('inspection');
    expect(sectionsFor('supervisor').map((s) => s.key)).toContain('inspection');
    expect(sectionsFor('admin')).toHaveLength(9);
  });

  it('opens the section named in the address, else the role’s home', () => {
    expect(sectionFromHash('#/settings', SECTIONS, 'sales')).toBe('settings');
    expect(sectionFromHash('#/operators', sectionsFor('cashier'), HOME_SECTION.cashier)).toBe(
      'sales',
    );
    expect(sectionFromHash('', sectionsFor('supervisor'), HOME_SECTION.supervisor)).toBe('reports');
    expect(sectionFromHash('', sectionsFor('admin'), HOME_SECTION.admin)).toBe('settings');
    expect(sectionFromHash('#/nowhere', sectionsFor('cashier'), HOME_SECTION.cashier)).toBe(
      'sales',
    );
  });

  it('gives every role a home it may open', () => {
    for (const role of ['cashier', 'supervisor', 'admin'] as const)
      expect(sectionsFor(role).map((s) => s.key)).toContain(HOME_SECTION[role]);
  });
});
