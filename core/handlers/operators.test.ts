import { openTestCore, setUpOffice, signInAs, type TestCore } from '../testing';

describe('operator management', () => {
  let core: TestCore;
  let admin: string;
  let adminId: number;
  beforeEach(async () => {
    core = await openTestCore();
    const session = await setUpOffice(core);
    admin = session.sessionId;
    adminId = session.operator.id;
  });
  afterEach(() => core.dispose());

  const create = (username: string, role: 'cashier' | 'supervisor' | 'admin' = 'cashier') =>
    core.ok(
      'operators.create',
      { username, displayName: `${username} 名`, role, password: 'Initial123' },
      admin,
    );

  it('adds operators who must change their password and lists them', async () => {
    const li = await create('li');
    expect(li).toMatchObject({
      username: 'li',
      role: 'cashier',
      active: true,
      mustChangePassword: true,
    });
    const list = await core.ok('operators.list', {}, admin);
    expect(list.map((o) => o.username)).toEqual(['admin', 'li']);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|passwordHash|password_hash/);
  });

  it('refuses a taken user name whatever its case', async () => {
    await create('li');
    await expect(
      core.call(
        'operators.create',
        { username: 'LI', displayName: 'x', role: 'cashier', password: 'Initial123' },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'USERNAME_TAKEN', params: { username: 'LI' } } });
  });

  it('disabling an operator ends their session at once and blocks sign-in', async () => {
    const cashier = await signInAs(core, admin, 'cashier');
    await core.ok('operators.update', { id: cashier.operator.id, active: false }, admin);
    await expect(core.call('settings.get', {}, cashier.sessionId)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    await expect(
      core.call('auth.login', { username: 'cashier', password: 'Working123' }),
    ).resolves.toMatchObject({ error: { code: 'OPERATOR_DISABLED' } });
  });

  it('a role change applies from the next sign-in, ending the current session', async () => {
    const cashier = await signInAs(core, admin, 'cashier');
    await core.ok('operators.update', { id: cashier.operator.id, role: 'supervisor' }, admin);
    await expect(core.call('audit.verify', {}, cashier.sessionId)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    const again = await core.ok('auth.login', { username: 'cashier', password: 'Working123' });
    await expect(core.call('audit.verify', {}, again.sessionId)).resolves.toMatchObject({
      ok: true,
    });
  });

  it('never leaves the office without an active administrator', async () => {
    await expect(
      core.call('operators.update', { id: adminId, role: 'cashier' }, admin),
    ).resolves.toMatchObject({ error: { code: 'LAST_ADMIN' } });
    await expect(
      core.call('operators.update', { id: adminId, active: false }, admin),
    ).resolves.toMatchObject({ error: { code: 'LAST_ADMIN' } });
    const second = await create('boss', 'admin');
    await expect(
      core.call('operators.update', { id: adminId, role: 'supervisor' }, admin),
    ).resolves.toMatchObject({ ok: true });
    expect(core.services.operators.byId(second.id)?.role).toBe('admin');
  });

  it('resetting a password makes the operator change it and ends their sessions', async () => {
    const cashier = await signInAs(core, admin, 'cashier');
    await core.ok(
      'operators.resetPassword',
      { id: cashier.operator.id, password: 'Reset1234' },
      admin,
    );
    await expect(core.call('settings.get', {}, cashier.sessionId)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    const next = await core.ok('auth.login', { username: 'cashier', password: 'Reset1234' });
    expect(next.operator.mustChangePassword).toBe(true);
  });

  it('answers an unknown operator id plainly', async () => {
    await expect(
      core.call('operators.update', { id: 999, active: false }, admin),
    ).resolves.toMatchObject({ error: { code: 'OPERATOR_NOT_FOUND' } });
    await expect(core.call('operators.unlock', { id: 999 }, admin)).resolves.toMatchObject({
      error: { code: 'OPERATOR_NOT_FOUND' },
    });
    await expect(
      core.call('operators.resetPassword', { id: 999, password: 'Reset1234' }, admin),
    ).resolves.toMatchObject({ error: { code: 'OPERATOR_NOT_FOUND' } });
  });
});
