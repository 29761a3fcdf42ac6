import { ADMIN, openTestCore, setUpOffice, signInAs, type TestCore } from '../testing';

describe('first run', () => {
  let core: TestCore;
  beforeEach(async () => (core = await openTestCore()));
  afterEach(() => core.dispose());

  it('starts needing setup and refuses sign-in until then', async () => {
    await expect(core.ok('setup.status')).resolves.toEqual({ needsSetup: true });
    await expect(
      core.call('auth.login', { username: 'admin', password: 'Admin1234' }),
    ).resolves.toMatchObject({
      error: { code: 'NOT_SET_UP' },
    });
  });

  it('creates the office, its secret and the first admin, signed in', async () => {
    const result = await core.ok('setup.initialize', {
      officeName: '  万达广场  ',
      receiptHeader: '收据',
      admin: ADMIN,
    });
    expect(result.session.operator).toMatchObject({
      username: 'admin',
      role: 'admin',
      mustChangePassword: false,
    });
    expect(result.secretFingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(core.services.secret.read()?.secret).toHaveLength(32);
    await expect(core.ok('system.info')).resolves.toMatchObject({
      needsSetup: false,
      officeName: '万达广场',
    });
    await expect(core.ok('settings.get', {}, result.session.sessionId)).resolves.toMatchObject({
      receiptHeader: '收据',
    });
  });

  it('refuses a weak first password and creates nothing', async () => {
    const result = await core.call('setup.initialize', {
      officeName: 'x',
      receiptHeader: '',
      admin: { ...ADMIN, password: 'password' },
    });
    expect(result).toMatchObject({ error: { code: 'PASSWORD_TOO_WEAK', params: { min: 8 } } });
    expect(core.services.operators.count()).toBe(0);
    expect(core.services.secret.read()).toBeUndefined();
  });

  it('runs only once, even when two wizards race', async () => {
    const input = { officeName: 'x', receiptHeader: '', admin: ADMIN };
    const results = await Promise.all([
      core.call('setup.initialize', input),
      core.call('setup.initialize', input),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'ALREADY_SET_UP' } });
    expect(core.services.operators.count()).toBe(1);
  });
});

describe('signing in', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await openTestCore();
    await setUpOffice(core);
  });
  afterEach(() => core.dispose());

  const login = (password: string, username = 'admin') =>
    core.call('auth.login', { username, password });

  it('signs in with the right password, case-insensitive user name', async () => {
    const result = await login(ADMIN.password, 'ADMIN');
    expect(result).toMatchObject({ ok: true, value: { operator: { username: 'admin' } } });
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const unknown = await login('whatever1', 'nobody');
    const wrong = await login('whatever1');
    expect(unknown).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS', params: { left: 4 } } });
    expect(wrong).toEqual(unknown);
  });

  it('locks the account after 5 failures for 5 minutes, even for the right password', async () => {
    // Each wrong try says how many are left.
    for (let i = 0; i < 4; i += 1)
      await expect(login('wrong1234')).resolves.toMatchObject({
        error: { code: 'BAD_CREDENTIALS', params: { left: 4 - i } },
      });
    await expect(login('wrong1234')).resolves.toMatchObject({
      error: { code: 'ACCOUNT_LOCKED', params: { minutes: 5 } },
    });
    await expect(login(ADMIN.password)).resolves.toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    core.clock.advance(4 * 60_000);
    await expect(login(ADMIN.password)).resolves.toMatchObject({
      error: { code: 'ACCOUNT_LOCKED', params: { minutes: 1 } },
    });
    core.clock.advance(60_001);
    await expect(login(ADMIN.password)).resolves.toMatchObject({ ok: true });
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i += 1) await login('wrong1234');
    await expect(login(ADMIN.password)).resolves.toMatchObject({ ok: true });
    for (let i = 0; i < 4; i += 1)
      await expect(login('wrong1234')).resolves.toMatchObject({
        error: { code: 'BAD_CREDENTIALS' },
      });
  });

  it('audits failed sign-ins against the operator they tried', async () => {
    await login('wrong1234');
    const [entry] = core.services.audit.list({ limit: 1 }).entries;
    expect(entry).toMatchObject({
      method: 'auth.login',
      outcome: 'refused',
      operatorName: 'admin',
      detail: { error: 'BAD_CREDENTIALS' },
    });
  });

  it('lets an admin unlock a locked operator at once', async () => {
    const session = await core.ok('auth.login', { username: 'admin', password: ADMIN.password });
    const cashier = await signInAs(core, session.sessionId, 'cashier');
    for (let i = 0; i < 5; i += 1) await login('wrong1234', 'cashier');
    await expect(login('Working123', 'cashier')).resolves.toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    const view = await core.ok('operators.unlock', { id: cashier.operator.id }, session.sessionId);
    expect(view.lockedUntil).toBeNull();
    await expect(login('Working123', 'cashier')).resolves.toMatchObject({ ok: true });
  });

  it('signs out after the idle timeout and says why', async () => {
    const session = await core.ok('auth.login', { username: 'admin', password: ADMIN.password });
    await core.ok('settings.update', { idleTimeoutMinutes: 10 }, session.sessionId);
    core.clock.advance(9 * 60_000);
    await expect(core.call('settings.get', {}, session.sessionId)).resolves.toMatchObject({
      ok: true,
    });
    core.clock.advance(10 * 60_000 + 1);
    await expect(core.call('settings.get', {}, session.sessionId)).resolves.toMatchObject({
      error: { code: 'SESSION_EXPIRED' },
    });
    await expect(core.call('settings.get', {}, session.sessionId)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
  });

  it('signs out on request', async () => {
    const session = await core.ok('auth.login', { username: 'admin', password: ADMIN.password });
    await core.ok('auth.logout', {}, session.sessionId);
    await expect(core.call('settings.get', {}, session.sessionId)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
  });
});

describe('passwords and language', () => {
  let core: TestCore;
  let admin: string;
  beforeEach(async () => {
    core = await openTestCore();
    admin = (await setUpOffice(core)).sessionId;
  });
  afterEach(() => core.dispose());

  it('makes a new operator change the initial password before anything else', async () => {
    await core.ok(
      'operators.create',
      { username: 'li', displayName: '李收费', role: 'cashier', password: 'Initial123' },
      admin,
    );
    const first = await core.ok('auth.login', { username: 'li', password: 'Initial123' });
    expect(first.operator.mustChangePassword).toBe(true);
    await expect(core.call('settings.get', {}, first.sessionId)).resolves.toMatchObject({
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    await core.ok(
      'auth.changePassword',
      { currentPassword: 'Initial123', newPassword: 'Mine12345' },
      first.sessionId,
    );
    await expect(core.call('settings.get', {}, first.sessionId)).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      core.call('auth.login', { username: 'li', password: 'Initial123' }),
    ).resolves.toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
  });

  it('refuses a wrong current password, a reused one and a weak one', async () => {
    await expect(
      core.call(
        'auth.changePassword',
        { currentPassword: 'nope12345', newPassword: 'Other1234' },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'WRONG_CURRENT_PASSWORD' } });
    await expect(
      core.call(
        'auth.changePassword',
        { currentPassword: ADMIN.password, newPassword: ADMIN.password },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'PASSWORD_REUSED' } });
    await expect(
      core.call(
        'auth.changePassword',
        { currentPassword: ADMIN.password, newPassword: 'weak' },
        admin,
      ),
    ).resolves.toMatchObject({ error: { code: 'PASSWORD_TOO_WEAK' } });
  });

  it('ends the other sessions of an operator who changed their password', async () => {
    const other = await core.ok('auth.login', { username: 'admin', password: ADMIN.password });
    await core.ok(
      'auth.changePassword',
      { currentPassword: ADMIN.password, newPassword: 'Changed123' },
      admin,
    );
    await expect(core.call('settings.get', {}, other.sessionId)).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    await expect(core.call('settings.get', {}, admin)).resolves.toMatchObject({ ok: true });
  });

  it("remembers an operator's language for their next sign-in", async () => {
    const before = await core.ok('auth.login', { username: 'admin', password: ADMIN.password });
    expect(before.language).toBeNull();
    await core.ok('auth.setLanguage', { language: 'en' }, admin);
    const after = await core.ok('auth.login', { username: 'admin', password: ADMIN.password });
    expect(after.language).toBe('en');
  });
});
