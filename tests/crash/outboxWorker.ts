// The SMS outbox crash test's worker: opens the office (start-up leaves the outbox as the last run
// left it) and does what the office's half-minute timer does, over and over, until it is killed:
// sends what is due through the GSM modem, part by part, taking in the reports the modem kept.
// The simulated modem lives in the test process at the far end of a socat pty pair.
import { openOutboxOffice } from './outboxOffice';

const [dataDir] = process.argv.slice(2) as [string];

async function main() {
  const core = await openOutboxOffice(dataDir);
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
