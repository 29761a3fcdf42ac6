// The SMS outbox crash test's worker: opens the office (start-up leaves the outbox as the last run
// left it) and does what the office's half-minute timer does, over and over, until it is killed:
// sends what is due through the GSM modem, part by part, taking in the reports the modem kept.
// The simulated modem lives in the test process at the far end of a socat pty pair.
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';

const [dataDir] = process.argv.slice(2) as [string];

async function main() {
  const core = await openCore({
    dataDir,
    appVersion: 'outbox-crash-test',
    logger: silentLogger(),
    pollMeters: false,
    scheduleBackups: false,
    modemOptions: { commandTimeoutMs: 800, sendTimeoutMs: 1_500 },
    // A part nobody can vouch for goes again after 3 s here (10 minutes in the office).
    smsReportWindowMs: 3_000,
  });
  process.stdout.write('ready\n');
  for (;;) {
    await core.services.messages.smsSender.sendDue();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
