// An office for RS485 tests: set up, a cashier and a supervisor signed in, a flat tariff of 0.85
// yuan/kWh, and simulated NK meters (installed with this office's recharge keys) on a TCP serial
// gateway on 127.0.0.1 that the office's meter line is set to, with the meters' password.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { NkMeter } from '../../sim/rs485/nkMeter';
import { TcpBus } from '../../sim/rs485/tcpBus';

export interface LineOffice {
  core: TestCore;
  admin: string;
  cashier: string;
  supervisor: string;
  tariffId: number;
  meters: NkMeter[];
  bus: TcpBus;
  port: number;
  close(): Promise<void>;
}

export async function openLineOffice(
  meters: ConstructorParameters<typeof NkMeter>[0][],
  coreOptions: Parameters<typeof openTestCore>[0] = {},
): Promise<LineOffice> {
  const core = await openTestCore(coreOptions);
  const admin = (await setUpOffice(core)).sessionId;
  const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
  const supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
  const secret = core.services.secret.read()!.secret;
  const simulated = meters.map((init) => new NkMeter(init, meterRechargeKey(secret, init.address)));
  const bus = new TcpBus(simulated);
  const port = await bus.listen();
  await core.ok(
    'meterLink.configure',
    { line: { kind: 'tcp', host: '127.0.0.1', port }, password: '02123456' },
    supervisor,
  );
  const tariff = await core.ok(
    'tariffs.create',
    { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
    admin,
  );
  const office: LineOffice = {
    core,
    admin,
    cashier,
    supervisor,
    tariffId: tariff.id,
    meters: simulated,
    bus,
    port,
    async close() {
      await core.dispose();
      await office.bus.close();
    },
  };
  return office;
}

/** A tenant with an account on a new NK meter at `meterNo` (at the office's tariff), as a cashier opens it. */
export async function openNkAccount(
  o: LineOffice,
  tenant: { name: string; phone?: string },
  meterNo: string,
): Promise<{ customerId: number; meterId: number; accountId: number }> {
  const customer = await o.core.ok('customers.create', tenant, o.cashier);
  const meter = await o.core.ok('meters.register', { meterNo, model: 'DDSY1352-NK' }, o.cashier);
  const account = await o.core.ok(
    'accounts.open',
    { customerId: customer.id, meterId: meter.id, tariffId: o.tariffId },
    o.cashier,
  );
  return { customerId: customer.id, meterId: meter.id, accountId: account.id };
}
