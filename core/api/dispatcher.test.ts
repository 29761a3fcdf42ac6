import { ADMIN, openTestCore, setUpOffice, signInAs, type TestCore } from '../testing';

describe('the dispatcher', () => {
  let core: TestCore;
  let admin: string;

  beforeEach(async () => {
    core = await openTestCore();
    admin = (await setUpOffice(core)).sessionId;
  });
  afterEach(() => core.dispose());

  const auditCount = () => core.services.audit.list({ limit: 1 }).total;

  it('answers an unknown method with a coded error, not a crash', async () => {
    await expect(
      core.dispatcher.dispatch({ method: 'ledger.dropTables', input: {} }),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', params: { method: 'ledger.dropTables' } },
    });
  });

  it.each([
    ['a prototype key', { method: '__proto__' }],
    ['toString', { method: 'toString' }],
    ['a number', { method: 42 }],
    ['null', null],
    ['undefined', undefined],
    ['an array', [1, 2]],
  ])('survives %s as a call', async (_label, call) => {
    const result = await core.dispatcher.dispatch(call as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses invalid input with the field that is wrong, and changes nothing', async () => {
    const before = core.services.operators.count();
    const result = await core.call(
      'operators.create',
      { username: 'a b', displayName: '', role: 'boss', password: 'x' } as never,
      admin,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual([
      'displayName',
      'role',
      'username',
    ]);
    expect(core.services.operators.count()).toBe(before);
  });

  it.each([
    ['extra fields', { username: 'x', password: 'y', isAdmin: true }],
    ['a string', 'hello'],
    ['wrong types', { username: 1, password: [] }],
  ])('refuses %s as input', async (_label, input) => {
    const result = await core.dispatcher.dispatch({ method: 'auth.login', input });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('asks for sign-in before anything but the public methods', async () => {
    await expect(core.call('settings.get')).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await expect(core.call('settings.get', {}, 'made-up')).resolves.toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    await expect(core.call('system.info')).resolves.toMatchObject({ ok: true });
  });

  it("refuses a cashier an administrator's method and audits the attempt", async () => {
    const cashier = await signInAs(core, admin, 'cashier');
    const before = auditCount();
    const result = await core.call(
      'operators.create',
      { username: 'sneaky', displayName: 'x', role: 'admin', password: 'Sneaky123' },
      cashier.sessionId,
    );
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.services.operators.byUsername('sneaky')).toBeUndefined();
    const [entry] = core.services.audit.list({ limit: 1 }).entries;
    expect(auditCount()).toBe(before + 1);
    expect(entry).toMatchObject({
      method: 'operators.create',
      outcome: 'refused',
      operatorName: 'cashier',
    });
    expect(entry!.detail).toMatchObject({ error: 'FORBIDDEN', input: { password: '[redacted]' } });
  });

  it('audits every successful mutation with its operator, inside the same transaction', async () => {
    const before = auditCount();
    await core.ok('settings.update', { officeName: '新名称' }, admin);
    const [entry] = core.services.audit.list({ limit: 1 }).entries;
    expect(auditCount()).toBe(before + 1);
    expect(entry).toMatchObject({
      method: 'settings.update',
      outcome: 'ok',
      operatorName: ADMIN.username,
    });
    expect(entry!.detail).toMatchObject({
      before: { officeName: '万达广场物业服务中心' },
      after: { officeName: '新名称' },
    });
  });

  it('does not audit reads', async () => {
    const before = auditCount();
    await core.ok('settings.get', {}, admin);
    await core.ok('operators.list', {}, admin);
    expect(auditCount()).toBe(before);
  });

  it('audits sensitive reads (the secret leaving the PC)', async () => {
    await core.ok('secret.export', { passphrase: 'long passphrase' }, admin);
    const [entry] = core.services.audit.list({ limit: 1 }).entries;
    expect(entry).toMatchObject({ method: 'secret.export', outcome: 'ok' });
    expect(JSON.stringify(entry!.detail)).not.toContain('long passphrase');
  });

  it('turns an unexpected fault into INTERNAL with a reference, and rolls the change back', async () => {
    const operators = core.services.operators.count();
    const spy = jest.spyOn(core.services.operators, 'insert').mockImplementation(() => {
      throw new Error('boom');
    });
    const result = await core.call(
      'operators.create',
      { username: 'li', displayName: '李', role: 'cashier', password: 'Cashier123' },
      admin,
    );
    spy.mockRestore();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', params: { ref: expect.stringMatching(/^[0-9a-f]{8}$/) } },
    });
    expect(core.services.operators.count()).toBe(operators);
    const [entry] = core.services.audit.list({ limit: 1 }).entries;
    expect(entry).toMatchObject({ method: 'operators.create', outcome: 'failed' });
  });

  it('reports a full disk as DISK_FULL, telling the cashier nothing was saved', async () => {
    const spy = jest.spyOn(core.services.settings, 'write').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    const result = await core.call('settings.update', { officeName: 'x' }, admin);
    spy.mockRestore();
    expect(result).toEqual({ ok: false, error: { code: 'DISK_FULL' } });
    expect(core.services.settings.read().officeName).toBe('万达广场物业服务中心');
  });

  it('keeps the audit chain verifiable through a mix of calls', async () => {
    await signInAs(core, admin, 'supervisor');
    await core.call('auth.login', { username: 'admin', password: 'wrong-one1' });
    await core.ok('settings.update', { idleTimeoutMinutes: 20 }, admin);
    expect(core.services.audit.verify()).toMatchObject({ ok: true });
  });
});
