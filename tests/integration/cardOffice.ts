// An office for card tests on the real PC/SC stack: set up, a cashier and a supervisor signed in,
// the virtual reader chosen, a flat tariff of 0.85 yuan/kWh, and accounts opened on card meters.
import { PcscReaderService } from '../../card/reader/pcsc';
import type { TrainingHooks } from '../../core/hardware';
import { openTestCore, setUpOffice, signInAs, type TestCore } from '../../core/testing';

export interface CardOffice {
  core: TestCore;
  admin: string;
  cashier: string;
  supervisor: string;
  tariffId: number;
  /** Opens an account for a new customer on a newly registered card meter; its id. */
  openAccount(name: string, meterNo: string, model?: 'DDSY1352' | 'DTSY1352'): Promise<number>;
}

export async function openCardOffice(
  options: { reader?: string; training?: TrainingHooks } = {},
): Promise<CardOffice> {
  const core = await openTestCore({
    readers: new PcscReaderService(),
    ...(options.training && { training: options.training }),
  });
  const admin = (await setUpOffice(core)).sessionId;
  const cashier = (await signInAs(core, admin, 'cashier')).sessionId;
  const supervisor = (await signInAs(core, admin, 'supervisor')).sessionId;
  if (options.reader) await core.ok('cards.chooseReader', { reader: options.reader }, supervisor);
  const tariffId = (
    await core.ok(
      'tariffs.create',
      { name: '商业电价', definition: { kind: 'flat', price: 8_500 } },
      admin,
    )
  ).id;
  const openAccount = async (
    name: string,
    meterNo: string,
    model: 'DDSY1352' | 'DTSY1352' = 'DDSY1352',
  ) => {
    const customer = await core.ok('customers.create', { name }, cashier);
    const meter = await core.ok('meters.register', { meterNo, model }, cashier);
    const account = await core.ok(
      'accounts.open',
      { customerId: customer.id, meterId: meter.id, tariffId },
      cashier,
    );
    return account.id;
  };
  return { core, admin, cashier, supervisor, tariffId, openAccount };
}
