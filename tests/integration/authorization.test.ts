// Every method of the contract, called by every role and by nobody: the dispatcher must let in
// exactly the operators whose permissions the contract's access asks for, with the roles' default
// sets, with a role's set edited, and with one operator's own grants and withholdings.
import { api, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { PERMISSIONS, ROLE_DEFAULTS, type Permission } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';
import { openTestCore, setUpOffice, type TestCore } from '../../core/testing';
import type { ApiResult } from '../../shared/errors';

type ApiOutcome = ApiResult<unknown>;

describe('authorization table', () => {
  let core: TestCore;
  const operatorIds = {} as Record<Role, number>;

  beforeAll(async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    operatorIds.admin = admin.operator.id;
    for (const role of ['cashier', 'supervisor'] as const) {
      const op = core.services.operators.insert({
        username: role,
        displayName: role,
        role,
        passwordHash: 'unused',
        mustChangePassword: false,
        createdAt: core.clock.now.toISOString(),
      });
      operatorIds[role] = op.id;
    }
  });
  afterAll(() => core.dispose());

  // A fresh session per call, so that auth.logout cannot spoil the next row.
  const callAs = (method: MethodName, role: Role | null) =>
    core.dispatcher.dispatch({
      method,
      input: {},
      ...(role && { sessionId: core.services.sessions.open(operatorIds[role], core.clock.now) }),
    });

  const rows = METHOD_NAMES.flatMap((method) =>
    [...ROLES, null].map((role) => [method, role] as const),
  );

  /** What the contract lets an operator holding `held` do, read from its table, not from mayCall. */
  const letIn = (method: MethodName, held: readonly Permission[] | null) => {
    const { access } = api[method];
    if (access === 'public') return 'in';
    if (held === null) return 'NOT_SIGNED_IN';
    return access === 'signedIn' || held.includes(access) ? 'in' : 'FORBIDDEN';
  };

  const judge = async (method: MethodName, expected: string, result: Promise<ApiOutcome>) => {
    const outcome = await result;
    const code = outcome.ok ? null : outcome.error.code;
    if (expected === 'in') {
      expect(code).not.toBe('FORBIDDEN');
      expect(code).not.toBe('NOT_SIGNED_IN');
    } else {
      expect({ method, code }).toEqual({ method, code: expected });
    }
  };

  it.each(rows)('%s as %s', async (method, role) => {
    await judge(method, letIn(method, role && ROLE_DEFAULTS[role]), callAs(method, role));
  });

  describe('with the sets changed', () => {
    // A cashier's role loses refunds and gains the tariffs; one supervisor is granted the
    // backups' restore and has the audit log withheld.
    const cashierSet: Permission[] = [
      ...ROLE_DEFAULTS.cashier.filter((p) => p !== 'refund'),
      'tariffs',
    ];
    let changed: number;

    beforeAll(async () => {
      const admin = core.services.sessions.open(operatorIds.admin, core.clock.now);
      const set = await core.dispatcher.dispatch({
        method: 'permissions.setRole',
        sessionId: admin,
        input: { role: 'cashier', permissions: cashierSet },
      });
      expect(set.ok).toBe(true);
      changed = core.services.operators.insert({
        username: 'changed',
        displayName: 'changed',
        role: 'supervisor',
        passwordHash: 'unused',
        mustChangePassword: false,
        createdAt: core.clock.now.toISOString(),
      }).id;
      const own = await core.dispatcher.dispatch({
        method: 'operators.setPermissions',
        sessionId: admin,
        input: { id: changed, granted: ['backups.restore'], withheld: ['audit'] },
      });
      expect(own.ok).toBe(true);
    });

    const changedSupervisor: Permission[] = PERMISSIONS.filter(
      (p) => (ROLE_DEFAULTS.supervisor.includes(p) || p === 'backups.restore') && p !== 'audit',
    );

    it.each(METHOD_NAMES)('%s as a cashier of the edited role', async (method) => {
      const sessionId = core.services.sessions.open(operatorIds.cashier, core.clock.now);
      await judge(
        method,
        letIn(method, cashierSet),
        core.dispatcher.dispatch({ method, input: {}, sessionId }),
      );
    });

    it.each(METHOD_NAMES)('%s as a supervisor with own exceptions', async (method) => {
      const sessionId = core.services.sessions.open(changed, core.clock.now);
      await judge(
        method,
        letIn(method, changedSupervisor),
        core.dispatcher.dispatch({ method, input: {}, sessionId }),
      );
    });
  });

  it('keeps the sensitive methods where the office expects them', () => {
    const accessOf = (m: MethodName) => api[m].access;
    for (const m of [
      'operators.create',
      'operators.update',
      'operators.resetPassword',
      'operators.setPermissions',
      'permissions.setRole',
    ] as const)
      expect(accessOf(m)).toBe('operators');
    expect(accessOf('secret.export')).toBe('settings');
    expect(accessOf('secret.import')).toBe('settings');
    expect(accessOf('settings.update')).toBe('settings');
    expect(accessOf('audit.verify')).toBe('audit');
    expect(accessOf('backups.restore')).toBe('backups.restore');
    expect(accessOf('backups.inspect')).toBe('backups.restore');
    // Only administrators hold these by default.
    for (const p of ['operators', 'settings', 'backups.restore'] as const) {
      expect(ROLES.filter((r) => ROLE_DEFAULTS[r].includes(p))).toEqual(['admin']);
    }
    const publicMethods = METHOD_NAMES.filter((m) => api[m].access === 'public').sort();
    expect(publicMethods).toEqual([
      'auth.login',
      'setup.initialize',
      'setup.status',
      'system.info',
    ]);
  });
});
