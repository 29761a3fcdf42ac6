// Entry of `npm run -s card -- …` (bundled by scripts/cli.mjs).
import { nodeIo, runCardCli } from './cardCli';

void runCardCli(process.argv.slice(2), nodeIo).then((code) => {
  process.exitCode = code;
});
