// Every method of the contract, called by every role and by nobody: the dispatcher must let in
// exactly the roles the contract declares.
import { api, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { ROLES, type Role } from '../../shared/roles';
import { openTestCore, setUpOffice, type TestCore } from '../../core/testing';

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

  it.each(rows)('%s as %s', async (method, role) => {
    const { access } = api[method];
    const result = await callAs(method, role);
    const code = result.ok ? null : result.error.code;
    if (access === 'public') {
      expect(code).not.toBe('FORBIDDEN');
      expect(code).not.toBe('NOT_SIGNED_IN');
    } else if (role === null) {
      expect(code).toBe('NOT_SIGNED_IN');
    } else if (access.includes(role)) {
      expect(code).not.toBe('FORBIDDEN');
      expect(code).not.toBe('NOT_SIGNED_IN');
    } else {
      expect(code).toBe('FORBIDDEN');
    }
  });

  it('keeps the sensitive methods where the office expects them', () => {
    const accessOf = (m: MethodName) => api[m].access;
    expect(accessOf('operators.create')).toEqual(['admin']);
    expect(accessOf('operators.update')).toEqual(['admin']);
    expect(accessOf('operators.resetPassword')).toEqual(['admin']);
    expect(accessOf('secret.export')).toEqual(['admin']);
    expect(accessOf('secret.import')).toEqual(['admin']);
    expect(accessOf('settings.update')).toEqual(['admin']);
    expect(accessOf('audit.verify')).toEqual(['supervisor', 'admin']);
    expect(accessOf('backups.restore')).toEqual(['admin']);
    expect(accessOf('backups.inspect')).toEqual(['admin']);
    const publicMethods = METHOD_NAMES.filter((m) => api[m].access === 'public').sort();
    expect(publicMethods).toEqual([
      'auth.login',
      'setup.initialize',
      'setup.status',
      'system.info',
    ]);
  });
});
