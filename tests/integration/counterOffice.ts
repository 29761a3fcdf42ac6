// An office at the counter on simulated cards: set up, a cashier and a supervisor signed in, a
// flat tariff of 0.85 yuan/kWh, one account on a card meter and a first ¥100.00 cash sale on it.
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';
import { SimulatedCards } from '../../sim/simulatedCards';

export interface CounterOffice {
  core: TestCore;
  cards: SimulatedCards;
  admin: string;
  adminId: number;
  cashier: string;
  cashierId: number;
  supervisorId: number;
  accountId: number;
  close(): Promise<void>;
}

export async function openCounterOffice(): Promise<CounterOffice> {
  const cards = new SimulatedCards();
  const core = await openTestCore({ target: cards });
  const office = await setUpOffice(core);
  const admin = office.sessionId;
  const cashier = await signInAs(core, admin, 'cashier');
  const supervisor = await signInAs(core, admin, 'supervisor');
  const tariff = await core.ok(
    'tariffs.create',
    { name: 't', definition: { kind: 'flat', price: 8_500 } },
    admin,
  );
  const customer = await core.ok('customers.create', { name: '商户' }, cashier.sessionId);
  const meter = await core.ok(
    'meters.register',
    { meterNo: '000000000001', model: 'DDSY1352' },
    cashier.sessionId,
  );
  const accountId = (
    await core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId: tariff.id },
      cashier.sessionId,
    )
  ).id;
  await core.ok(
    'sales.sell',
    { accountId, amountFen: 10_000, paymentMethod: 'cash' },
    cashier.sessionId,
  );
  return {
    core,
    cards,
    admin,
    adminId: office.operator.id,
    cashier: cashier.sessionId,
    cashierId: cashier.operator.id,
    supervisorId: supervisor.operator.id,
    accountId,
    async close() {
      await core.dispose();
      cards.close();
    },
  };
}
