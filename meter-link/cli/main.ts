// Entry of `npm run -s meter -- …` (bundled by scripts/cli.mjs).
import { runMeterCli } from './meterCli';

void runMeterCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  now: () => new Date(),
}).then((code) => {
  process.exitCode = code;
});
