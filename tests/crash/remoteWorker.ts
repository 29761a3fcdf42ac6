// The remote-recharge crash test's worker: opens the office (which reconciles whatever the last
// run left pending by reading the meters over the line), then sells to its NK meters by remote
// recharge as fast as it can until it is killed. The meters live in the test process, behind a
// TCP serial gateway, so they outlive every kill.
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { sequence } from './harness';
import { adminSession } from './workerOffice';

const [dataDir, seedText] = process.argv.slice(2) as [string, string];
const next = sequence(Number(seedText));
const random = () => next() / 2 ** 31;

async function main() {
  const core = await openCore({ dataDir, appVersion: 'remote-crash-test', logger: silentLogger() });
  const sessionId = adminSession(core);
  process.stdout.write('ready\n');
  const accounts = core.services.db.prepare('SELECT id FROM accounts').all() as { id: number }[];
  for (;;) {
    const account = accounts[Math.floor(random() * accounts.length)]!;
    const result = await core.dispatcher.dispatch({
      method: 'sales.sell',
      input: {
        accountId: account.id,
        amountFen: 100 + Math.floor(random() * 10_000),
        paymentMethod: 'cash',
      },
      sessionId,
    });
    // The test spoils replies now and then: a meter unheard, or its answer to a recharge lost.
    const expected = ['METER_NO_ANSWER', 'RECHARGE_UNCONFIRMED', 'OPERATION_PENDING'];
    if (!result.ok && !expected.includes(result.error.code))
      throw new Error(JSON.stringify(result.error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
