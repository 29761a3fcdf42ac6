// Permission sets at work: a role's set edited, one operator's grants and withholdings, the
// approvals and the blind count that follow permissions rather than role names, what an
// administrator always keeps, and the audit naming who changed what.
import { signInAs, type TestCore } from '../../core/testing';
import { ROLE_DEFAULTS } from '../../shared/permissions';
import { openCounterOffice, type CounterOffice } from './counterOffice';

describe('permission sets', () => {
  let office: CounterOffice;
  let core: TestCore;
  let admin: string;
  let adminId: number;
  let cashier: string;
  let cashierId: number;
  let supervisorId: number;
  let accountId: number;
  const zero = { cash: 0, wechat: 0, alipay: 0, bank_card: 0 };

  beforeEach(async () => {
    office = await openCounterOffice();
    ({ core, admin, adminId, cashier, cashierId, supervisorId, accountId } = office);
  });
  afterEach(() => office.close());

  // Added to the first sale, which the simulated meter has not loaded yet.
  const sell = () =>
    core.call(
      'sales.sell',
      { accountId, amountFen: 1_000, paymentMethod: 'cash', addToUnloaded: true },
      cashier,
    );
  const close = (cash: number, extra: object = {}) =>
    core.call('shifts.close', { counted: { ...zero, cash }, ...extra }, cashier);

  it('starts from the three roles as they were, and the session says what the operator may do', async () => {
    const roles = await core.ok('permissions.roles', {}, admin);
    expect(roles).toEqual([
      { role: 'cashier', permissions: [...ROLE_DEFAULTS.cashier] },
      { role: 'supervisor', permissions: ROLE_DEFAULTS.supervisor },
      { role: 'admin', permissions: ROLE_DEFAULTS.admin },
    ]);
    const session = await core.ok('auth.session', {}, cashier);
    expect(session.operator.permissions).toEqual(ROLE_DEFAULTS.cashier);
    expect(session.operator).toMatchObject({ granted: [], withheld: [] });
  });

  it("a role's edited set applies at the operator's next call, without signing in again", async () => {
    await core.ok(
      'permissions.setRole',
      { role: 'cashier', permissions: ROLE_DEFAULTS.cashier.filter((p) => p !== 'sell') },
      admin,
    );
    await expect(sell()).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    const session = await core.ok('auth.session', {}, cashier);
    expect(session.operator.permissions).not.toContain('sell');
    // Given back, the same session sells again.
    await core.ok(
      'permissions.setRole',
      { role: 'cashier', permissions: [...ROLE_DEFAULTS.cashier] },
      admin,
    );
    await expect(sell()).resolves.toMatchObject({ ok: true });
  });

  it('withholds from one operator what the role gives, and grants what it does not', async () => {
    await core.ok(
      'operators.setPermissions',
      { id: cashierId, granted: ['shifts.oversee'], withheld: ['sell'] },
      admin,
    );
    await expect(sell()).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    // Overseeing shifts, the cashier sees the books of their own open shift and every shift.
    const open = await core.ok('shifts.current', {}, cashier);
    expect(open.expected).toMatchObject({ cash: 10_000 });
    await expect(core.call('shifts.list', {}, cashier)).resolves.toMatchObject({ ok: true });
    const view = (await core.ok('operators.list', {}, admin)).find((o) => o.id === cashierId);
    expect(view).toMatchObject({ granted: ['shifts.oversee'], withheld: ['sell'] });
    expect(view?.permissions).toEqual(
      [...ROLE_DEFAULTS.cashier.filter((p) => p !== 'sell'), 'shifts.oversee'].sort(
        (a, b) => permissionOrder(a) - permissionOrder(b),
      ),
    );
  });

  it('approvals follow the approve permission, not the role name', async () => {
    // A supervisor without it cannot sign off a shortage ...
    await core.ok(
      'operators.setPermissions',
      { id: supervisorId, granted: [], withheld: ['approve'] },
      admin,
    );
    const bySupervisor = await close(7_000, {
      note: '少 30 元',
      approval: { username: 'supervisor', password: 'Working123' },
    });
    expect(!bySupervisor.ok && bySupervisor.error.code).toBe('APPROVER_NOT_SUPERVISOR');
    // ... while a senior cashier granted it can.
    const senior = await signInAs(core, admin, 'cashier', 'senior');
    await core.ok(
      'operators.setPermissions',
      { id: senior.operator.id, granted: ['approve'], withheld: [] },
      admin,
    );
    const closed = await close(7_000, {
      note: '少 30 元',
      approval: { username: 'senior', password: 'Working123' },
    });
    expect(closed.ok && closed.value).toMatchObject({
      state: 'closed',
      approverName: 'cashier user',
    });
  });

  it('an administrator always keeps operators and permissions', async () => {
    await expect(
      core.call(
        'permissions.setRole',
        { role: 'admin', permissions: ROLE_DEFAULTS.admin.filter((p) => p !== 'operators') },
        admin,
      ),
    ).resolves.toEqual({ ok: false, error: { code: 'ADMIN_KEEPS_OPERATORS' } });
    await expect(
      core.call(
        'operators.setPermissions',
        { id: adminId, granted: [], withheld: ['operators'] },
        admin,
      ),
    ).resolves.toEqual({ ok: false, error: { code: 'ADMIN_KEEPS_OPERATORS' } });
    // Other permissions may be withheld from an administrator, and nothing changed above.
    await core.ok(
      'operators.setPermissions',
      { id: adminId, granted: [], withheld: ['sell'] },
      admin,
    );
    const roles = await core.ok('permissions.roles', {}, admin);
    expect(roles.find((r) => r.role === 'admin')?.permissions).toEqual(ROLE_DEFAULTS.admin);
    await expect(core.call('operators.list', {}, admin)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a permission both granted and withheld, an unknown one, and a repeat, in words', async () => {
    const both = await core.call(
      'operators.setPermissions',
      { id: cashierId, granted: ['audit'], withheld: ['audit'] },
      admin,
    );
    expect(!both.ok && both.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'withheld', code: 'rule', rule: 'grant_or_withhold' }],
    });
    const unknown = await core.call(
      'permissions.setRole',
      // A name this version does not know, as an older or forged client might send.
      { role: 'cashier', permissions: ['sell', 'everything' as never] },
      admin,
    );
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'permissions.1', code: 'not_a_choice' }],
    });
    const repeat = await core.call(
      'permissions.setRole',
      { role: 'cashier', permissions: ['sell', 'sell'] },
      admin,
    );
    expect(!repeat.ok && repeat.error).toMatchObject({
      issues: [{ code: 'rule', rule: 'no_repeats' }],
    });
    // A supervisor does not hold "operators and permissions" by default.
    const supervisor = await core.ok('auth.login', {
      username: 'supervisor',
      password: 'Working123',
    });
    await expect(
      core.call('permissions.setRole', { role: 'cashier', permissions: [] }, supervisor.sessionId),
    ).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the audit names who changed a permission, with the set before and after', async () => {
    await core.ok(
      'permissions.setRole',
      { role: 'supervisor', permissions: ROLE_DEFAULTS.supervisor.filter((p) => p !== 'audit') },
      admin,
    );
    await core.ok(
      'operators.setPermissions',
      { id: cashierId, granted: ['tariffs'], withheld: [] },
      admin,
    );
    const rows = core.services.db
      .prepare(
        "SELECT method, operator_name AS who, outcome, detail FROM audit_log WHERE method IN ('permissions.setRole', 'operators.setPermissions') ORDER BY seq",
      )
      .all() as { method: string; who: string; outcome: string; detail: string }[];
    expect(rows.map(({ method, who, outcome }) => ({ method, who, outcome }))).toEqual([
      { method: 'permissions.setRole', who: 'admin', outcome: 'ok' },
      { method: 'operators.setPermissions', who: 'admin', outcome: 'ok' },
    ]);
    const role = JSON.parse(rows[0]!.detail);
    expect(role.before).toContain('audit');
    expect(role.after).not.toContain('audit');
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({
      operator: 'cashier',
      before: { granted: [], withheld: [] },
      after: { granted: ['tariffs'], withheld: [] },
    });
    await expect(core.ok('audit.verify', {}, admin)).resolves.toMatchObject({ ok: true });
  });
});

const permissionOrder = (p: string) => (ROLE_DEFAULTS.admin as readonly string[]).indexOf(p);
