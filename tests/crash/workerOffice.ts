// How a crash worker gets its office: signs in as the admin when the office exists (the last run
// set it up), or runs the first-run wizard, a flat tariff and the given accounts otherwise.
import type { Core } from '../../core/app';
import type { MeterModel } from '../../shared/api/ledgerTypes';

export type Call = (
  method: string,
  input: unknown,
  sessionId?: string,
) => Promise<Record<string, unknown>>;

export function caller(core: Core): Call {
  return async (method, input, sessionId) => {
    const result = await core.dispatcher.dispatch({
      method,
      input,
      ...(sessionId && { sessionId }),
    });
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value as Record<string, unknown>;
  };
}

/**
 * A session for the office's admin, opened directly: every kill restarts a worker, and a
 * password check (scrypt, made slow on purpose) at each start is time the test spends on nothing
 * it tests — the sign-in has tests of its own.
 */
export function adminSession(core: Core): string {
  const { id } = core.services.db
    .prepare("SELECT id FROM operators WHERE username = 'admin'")
    .get() as { id: number };
  return core.services.sessions.open(id, new Date());
}

export async function workerOffice(
  core: Core,
  setup: { officeName: string; meters: { meterNo: string; model: MeterModel }[] },
  before?: (call: Call, session: string) => Promise<void>,
): Promise<{ call: Call; session: string }> {
  const call = caller(core);
  if (core.services.settings.isSetUp()) {
    return { call, session: adminSession(core) };
  }
  const { session } = (await call('setup.initialize', {
    officeName: setup.officeName,
    receiptHeader: '',
    admin: { username: 'admin', displayName: 'a', password: 'Admin1234' },
  })) as { session: { sessionId: string } };
  const sessionId = session.sessionId;
  await before?.(call, sessionId);
  const tariff = await call(
    'tariffs.create',
    { name: 'flat', definition: { kind: 'flat', price: 8_500 } },
    sessionId,
  );
  for (const [i, m] of setup.meters.entries()) {
    const customer = await call('customers.create', { name: `商户${i + 1}` }, sessionId);
    const meter = await call('meters.register', m, sessionId);
    await call(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
      sessionId,
    );
  }
  return { call, session: sessionId };
}
