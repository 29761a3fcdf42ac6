// The NK refund crash test's worker: opens the office, then on its NK meters (in the test process,
// behind a TCP serial gateway, so they outlive every kill) buys, suspends with a refund taken off
// the meter over the line (a balance preset), refunds again while suspended, and resumes, as fast
// as it can until it is killed. A preset whose answer was lost is settled by the next attempt on
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
  const accounts = core.services.db.prepare('SELECT id FROM accounts').all() as { id: number }[];
  for (;;) {
    const { id } = accounts[Math.floor(random() * accounts.length)]!;
    const { state } = core.services.db
      .prepare('SELECT state FROM accounts WHERE id = ?')
      .get(id) as {
      state: string;
    };
    const refund = { amountFen: 100 + Math.floor(random() * 2_000), paymentMethod: 'cash' };
    if (state === 'active') {
      if (random() < 0.5)
        await call('sales.sell', {
          accountId: id,
          amountFen: 1_000 + Math.floor(random() * 5_000),
          paymentMethod: 'cash',
        });
      else await call('accounts.suspend', { accountId: id, reason: '装修', refund });
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
