// One operator's permissions dialog with the backend behind a fake bridge (this component's unit
// test): ticks start as the operator has them now, and saving sends only what differs from the
// role's set, as grants and withholdings; an administrator's hold on operators stays ticked.
import { act, fireEvent, screen } from '@testing-library/react';
import type { OperatorView } from '../../../../shared/api/types';
import { ROLE_DEFAULTS } from '../../../../shared/permissions';
import { setBridge } from '../../app/bridge';
import i18n from '../../i18n';
import { renderAtTheOffice } from '../../test/atTheOffice';
import { stubBrowser } from '../../test/browserStubs';
import { OperatorPermissions } from './OperatorPermissions';

const zhao: OperatorView = {
  id: 7,
  username: 'zhao',
  displayName: '赵小燕',
  role: 'cashier',
  active: true,
  lockedUntil: null,
  mustChangePassword: false,
  lastLoginAt: null,
  createdAt: '2026-12-01T00:00:00Z',
  // Already withheld: refunds.
  granted: [],
  withheld: ['refund'],
  permissions: ROLE_DEFAULTS.cashier.filter((p) => p !== 'refund'),
};

function office(operator: OperatorView) {
  const saved: unknown[] = [];
  const closed = jest.fn();
  renderAtTheOffice(
    <OperatorPermissions operator={operator} onClose={closed} />,
    (method, input) => {
      switch (method) {
        case 'permissions.roles':
          return {
            ok: true,
            value: (['cashier', 'supervisor', 'admin'] as const).map((role) => ({
              role,
              permissions: ROLE_DEFAULTS[role],
            })),
          };
        case 'operators.setPermissions':
          saved.push(input);
          return { ok: true, value: operator };
        default:
          return undefined;
      }
    },
  );
  return { saved, closed };
}

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe("an operator's permissions", () => {
  beforeAll(stubBrowser);
  beforeEach(() => act(() => i18n.changeLanguage('zh-CN')));
  afterEach(() => setBridge(null));

  it('saves what differs from the role: selling withheld, inspection granted, refunds still withheld', async () => {
    const { saved, closed } = office(zhao);
    expect(await screen.findByText('已收回')).toBeTruthy();
    expect(box('退费（收费员需主管审批）').checked).toBe(false);
    expect(box('售电、发卡与打印收据').checked).toBe(true);
    await act(async () => fireEvent.click(box('售电、发卡与打印收据')));
    await act(async () => fireEvent.click(box('用电检查（稽查）')));
    expect(box('售电、发卡与打印收据').checked).toBe(false);
    expect(box('用电检查（稽查）').checked).toBe(true);
    expect(screen.getAllByText('已收回')).toHaveLength(2);
    expect(screen.getByText('另行授予')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /保\s?存/ })));
    expect(saved).toEqual([{ id: 7, granted: ['inspection'], withheld: ['sell', 'refund'] }]);
    expect(closed).toHaveBeenCalled();
  });

  it("keeps an administrator's hold on operators ticked and out of what is withheld", async () => {
    const { saved } = office({
      ...zhao,
      role: 'admin',
      withheld: [],
      permissions: [...ROLE_DEFAULTS.admin],
    });
    await screen.findAllByText('✓');
    const operators = box('操作员与权限');
    expect(operators.checked).toBe(true);
    expect(operators.disabled).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /保\s?存/ })));
    expect(saved).toEqual([{ id: 7, granted: [], withheld: [] }]);
  });
});
