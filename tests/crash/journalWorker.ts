// The journal crash test's worker: opens the office (start-up settles what the last run left
// pending), then, until it is killed, does what an office of NK and metering meters does all day:
// starts 批量充值 batches to the NK meters, finishes unfinished ones, polls the line (the office's
// billing charges the metering meters' readings and trips or restores their relays), changes the
// price and pushes it to the NK meters (调价下发), and sells to the office-billed accounts. The meters live in the test process behind a TCP serial gateway.
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import { sequence } from './harness';
import { adminSession } from './workerOffice';

const [dataDir, seedText] = process.argv.slice(2) as [string, string];
const next = sequence(Number(seedText));
const random = () => next() / 2 ** 31;

/** What a spoilt line or a crash before this run may answer; anything else is a bug. */
const EXPECTED = new Set([
  'METER_NO_ANSWER',
  'RECHARGE_UNCONFIRMED',
  'OPERATION_PENDING',
  'BATCH_RUNNING',
  'BATCH_EMPTY',
  'METER_COMMAND_UNCONFIRMED',
  'TARGET_UNREACHABLE',
]);

async function main() {
  const core = await openCore({
    dataDir,
    appVersion: 'journal-crash-test',
    logger: silentLogger(),
    pollMeters: false,
  });
  const sessionId = adminSession(core);
  process.stdout.write('ready\n');
  const ask = async (method: string, input: unknown) => {
    const result = await core.dispatcher.dispatch({ method, input, sessionId });
    if (!result.ok && !EXPECTED.has(result.error.code))
      throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.ok ? (result.value as Record<string, unknown>) : null;
  };
  const billed = core.services.accounts.officeBilled();
  const { id: tariffId } = core.services.db.prepare('SELECT min(id) AS id FROM tariffs').get() as {
    id: number;
  };
  for (;;) {
    const roll = random();
    if (roll < 0.25) {
      await ask('batch.start', {
        operation: 'recharge',
        amountFen: 100 + Math.floor(random() * 400),
        reason: '补贴',
        selection: { area: 'NK' },
      });
      await core.services.batches.settle();
    } else if (roll < 0.35) {
      const unfinished = (await ask('batch.unfinished', {})) as unknown as { id: number }[] | null;
      const first = unfinished?.[0];
      if (first) await ask('batch.retryFailed', { id: first.id });
      await core.services.batches.settle();
    } else if (roll < 0.45) {
      await core.services.poller.pollAll();
    } else if (roll < 0.85) {
      // 调价: a new price comes into force at once and is pushed to every meter that holds prices
      // (each version's price its own, so the meters' programming records tell the pushes apart).
      const { versions } = core.services.db
        .prepare('SELECT count(*) AS versions FROM tariff_versions')
        .get() as { versions: number };
      await ask('tariffs.schedule', {
        tariffId,
        definition: { kind: 'flat', price: 8_000 + versions * 7 },
        effectiveFrom: new Date(Date.now() + 20).toISOString(),
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await ask('meters.pushTariffsNow', {});
    } else {
      await ask('sales.sell', {
        accountId: billed[Math.floor(random() * billed.length)]!,
        amountFen: 100 + Math.floor(random() * 2_000),
        paymentMethod: 'cash',
      });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
