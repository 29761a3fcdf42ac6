// The roles' permission sets dialog with the backend behind a fake bridge (this component's unit
// test): a tick changes one role's set, saving sends only the roles that changed, "restore
// defaults" puts back the roles as shipped, and the administrator's hold on operators stays.
import { act, fireEvent, screen } from '@testing-library/react';
import { ROLE_DEFAULTS, type Permission } from '../../../../shared/permissions';
import { ROLES, type Role } from '../../../../shared/roles';
import { setBridge } from '../../app/bridge';
import i18n from '../../i18n';
import { renderAtTheOffice } from '../../test/atTheOffice';
import { stubBrowser } from '../../test/browserStubs';
import { RolePermissions } from './RolePermissions';

function office(sets: Record<Role, readonly Permission[]>) {
  const saved: unknown[] = [];
  const closed = jest.fn();
  renderAtTheOffice(<RolePermissions onClose={closed} />, (method, input) => {
    switch (method) {
      case 'permissions.roles':
        return { ok: true, value: ROLES.map((role) => ({ role, permissions: sets[role] })) };
      case 'permissions.setRole':
        saved.push(input);
        return { ok: true, value: input };
      default:
        return undefined;
    }
  });
  return { saved, closed };
}

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const save = () =>
  act(async () => fireEvent.click(screen.getByRole('button', { name: /保\s?存/ })));

describe("the roles' permission sets", () => {
  beforeAll(stubBrowser);
  beforeEach(() => act(() => i18n.changeLanguage('zh-CN')));
  afterEach(() => setBridge(null));

  it("sends only the role whose set changed, and keeps the administrator's hold on operators", async () => {
    const { saved, closed } = office(ROLE_DEFAULTS);
    const reports = await screen.findByRole('checkbox', { name: '收费员 · 查看与导出报表' });
    expect((reports as HTMLInputElement).checked).toBe(true);
    await act(async () => fireEvent.click(reports));
    expect(box('收费员 · 查看与导出报表').checked).toBe(false);
    expect(box('管理员 · 操作员与权限').disabled).toBe(true);
    await save();
    expect(saved).toEqual([
      { role: 'cashier', permissions: ROLE_DEFAULTS.cashier.filter((p) => p !== 'reports') },
    ]);
    expect(closed).toHaveBeenCalled();
  });

  it('restores the roles as shipped', async () => {
    const { saved } = office({ ...ROLE_DEFAULTS, supervisor: ['sell'] });
    await screen.findByRole('checkbox', { name: '主管 · 用电检查（稽查）' });
    expect(box('主管 · 用电检查（稽查）').checked).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '恢复出厂设置' })));
    expect(box('主管 · 用电检查（稽查）').checked).toBe(true);
    await save();
    expect(saved).toEqual([{ role: 'supervisor', permissions: ROLE_DEFAULTS.supervisor }]);
  });
});
