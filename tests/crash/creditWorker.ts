// The NK refund crash test's worker: opens the office, then on its NK meters (in the test process,
// behind a TCP serial gateway, so they outlive every kill) buys, suspends with a refund taken off
// the meter over the line (a balance preset), refunds again while suspended, resumes, closes (the
// credit cleared off the meter, or held while it is silent) and opens the next tenant's account
// on the meter, as fast as it can until it is killed. A preset whose answer was lost is settled by the next attempt on
// that account (suspend or refund), which the loop makes as the till would.
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { sequence } from './harness';
import { adminSession } from './workerOffice';

const [dataDir, seedText] = process.argv.slice(2) as [string, string];
const next = sequence(Number(seedText));
const random = () => next() / 2 ** 31;

/** What the test's spoilt replies may answer; anything else is a bug. */
const EXPECTED = [
  'METER_NO_ANSWER',
  'RECHARGE_UNCONFIRMED',
  'OPERATION_PENDING',
  'METER_PRESET_UNCONFIRMED',
  'METER_PRESET_PENDING',
  'REFUND_OVER_REFUNDABLE',
  'REFUND_NOTHING_LEFT',
  'ACCOUNT_NOT_ACTIVE',
  'ACCOUNT_NOT_SUSPENDED',
  'REFUND_ACCOUNT_ACTIVE',
  'METER_CREDIT_HELD',
];

async function main() {
  const core = await openCore({ dataDir, appVersion: 'credit-crash-test', logger: silentLogger() });
  const sessionId = adminSession(core);
  const call = async (method: string, input: unknown) => {
    const result = await core.dispatcher.dispatch({ method, input, sessionId });
    if (!result.ok && !EXPECTED.includes(result.error.code))
      throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result;
  };
  process.stdout.write('ready\n');
  // Each meter's latest account: a closed one is followed by the next tenant's on that meter.
  const latest = core.services.db.prepare(
    `SELECT a.id, a.state, a.meter_id AS meterId, a.tariff_id AS tariffId FROM accounts a
     WHERE a.id = (SELECT max(id) FROM accounts WHERE meter_id = a.meter_id)`,
  );
  for (;;) {
    const accounts = latest.all() as {
      id: number;
      state: string;
      meterId: number;
      tariffId: number;
    }[];
    const { id, state, meterId, tariffId } = accounts[Math.floor(random() * accounts.length)]!;
    const refund = { amountFen: 100 + Math.floor(random() * 2_000), paymentMethod: 'cash' };
    if (state === 'closed') {
      // 销户 done: the next tenant moves in (refused while the last one's credit is held on it).
      const customer = await call('customers.create', { name: '新商户' });
      if (customer.ok)
        await call('accounts.open', {
          customerId: (customer.value as { id: number }).id,
          meterId,
          tariffId,
        });
    } else if (state === 'active') {
      const roll = random();
      if (roll < 0.45)
        await call('sales.sell', {
          accountId: id,
          amountFen: 1_000 + Math.floor(random() * 5_000),
          paymentMethod: 'cash',
        });
      else if (roll < 0.85)
        await call('accounts.suspend', { accountId: id, reason: '装修', refund });
      // 销户: the credit cleared off the meter over the line and paid back; a silent meter's is
      // held until it answers, or the closing is refused.
      else
        await call('accounts.close', {
          accountId: id,
          reason: '退租',
          finalReading: 0,
          holdIfSilent: random() < 0.5,
        });
    } else if (random() < 0.5) {
      await call('refunds.create', { accountId: id, reason: '再退', ...refund });
    } else {
      await call('accounts.resume', { accountId: id, reason: '复业' });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
