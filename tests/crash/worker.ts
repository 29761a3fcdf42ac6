// The crash test's worker: opens the office (which reconciles whatever the last run left
// pending), then sells to simulated cards as fast as it can until it is killed.
import path from 'node:path';
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { SimulatedCards } from '../../sim/simulatedCards';
import { workerOffice } from './workerOffice';

const [dataDir, seedText] = process.argv.slice(2) as [string, string];
let seed = Number(seedText);
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function main() {
  const cards = new SimulatedCards(path.join(dataDir, 'cards.sqlite3'));
  const core = await openCore({
    dataDir,
    appVersion: 'crash-test',
    logger: silentLogger(),
    target: cards,
  });
  const { session } = await workerOffice(
    core,
    {
      officeName: 'crash',
      meters: [1, 2, 3, 4].map((i) => ({
        meterNo: String(i).padStart(12, '0'),
        model: 'DDSY1352',
      })),
    },
    (call, sessionId) =>
      call('settings.update', { hoardingLimitFen: 1_000_000_000 }, sessionId).then(() => undefined),
  );
  process.stdout.write('ready\n');

  const accounts = core.services.db
    .prepare(
      'SELECT a.id, a.account_no, m.meter_no FROM accounts a JOIN meters m ON m.id = a.meter_id',
    )
    .all() as {
    id: number;
    account_no: string;
    meter_no: string;
  }[];
  for (;;) {
    const account = accounts[Math.floor(random() * accounts.length)]!;
    const ref = { accountNo: account.account_no, meterNo: account.meter_no };
    const roll = random();
    if (roll < 0.3) cards.insertIntoMeter(ref);
    if (roll > 0.9) cards.faults.nextWrite = random() < 0.5 ? 'lost' : 'unconfirmed';
    const result = await core.dispatcher.dispatch({
      method: 'sales.sell',
      input: {
        accountId: account.id,
        amountFen: 100 + Math.floor(random() * 10_000),
        paymentMethod: 'cash',
        addToUnloaded: random() < 0.5,
      },
      sessionId: session,
    });
    const expected = ['PURCHASE_NOT_LOADED', 'NOTHING_TO_ADD_TO', 'TARGET_UNREACHABLE'];
    if (!result.ok && !expected.includes(result.error.code))
      throw new Error(JSON.stringify(result.error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
