// The dorm allowance crash test's worker: opens the office at the month given (start-up settles
// what the last run left pending), then does what the office's minute timer does, over and over,
// until it is killed: the month's free allowance (基础免费电量) to every room circuit of the
// building, a batch taken up again where a kill left it. The box lives in the test process
// behind a TCP serial gateway.
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';

const [dataDir, startsAt] = process.argv.slice(2) as [string, string];
const began = Date.now();
/** The office's clock: the month's moment given, running on from there. */
const clock = () => new Date(Date.parse(startsAt) + (Date.now() - began));

async function main() {
  const core = await openCore({
    dataDir,
    appVersion: 'allowance-crash-test',
    logger: silentLogger(),
    pollMeters: false,
    clock,
  });
  process.stdout.write('ready\n');
  for (;;) {
    await core.services.poller.tick();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
