// Command-line flags shared by the HTTP host and the Electron shell.
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../paths';

export interface LaunchOptions {
  headless: boolean;
  /** `npm start` opens the browser host even where the desktop window could start. */
  browser: boolean;
  port: number;
  dataDir: string;
  demo: boolean;
  /** Training on virtual cards (vpcd) and simulated card meters instead of simulated delivery. */
  virtualCards: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: npm start -- [--browser | --headless] [--port N] [--data-dir DIR] [--demo [--virtual-cards]]
  --browser       PowerTill in the browser, even where the desktop window could start
  --headless      HTTP host only; do not open a browser (servers, tests)
  --port N        port on 127.0.0.1 (default: any free port)
  --data-dir DIR  where the ledger lives (default: the OS's per-user app data folder,
                  or POWERTILL_DATA_DIR)
  --demo          training mode: simulated hardware and a separate database
  --virtual-cards with --demo: the trainee's cards are virtual cards on vpcd (Linux: pcscd and
                  vsmartcard-vpcd), sold to through the real card path, and go into
                  simulated card meters`;

export function parseLaunchOptions(
  argv: string[],
  env = process.env,
  /** The desktop shell's argv also carries Chromium's switches (--no-sandbox, …). */
  { chromiumSwitches = false } = {},
): LaunchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: chromiumSwitches ? withoutChromiumSwitches(argv) : argv,
      options: {
        headless: { type: 'boolean', default: false },
        browser: { type: 'boolean', default: false },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean', default: false },
        'virtual-cards': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  if (values['virtual-cards'] && !values.demo)
    throw new UsageError('--virtual-cards is for training mode: add --demo');
  return {
    virtualCards: values['virtual-cards'] ?? false,
    headless: values.headless ?? false,
    browser: values.browser ?? false,
    port,
    dataDir: values['data-dir'] ?? defaultDataDir(env),
    demo: values.demo ?? false,
  };
}

const OWN_FLAGS = new Set([
  '--headless',
  '--browser',
  '--port',
  '--data-dir',
  '--demo',
  '--virtual-cards',
]);

/** Leaves out switches that are not PowerTill's (Chromium's own; `--port=N` forms kept). */
function withoutChromiumSwitches(argv: string[]): string[] {
  return argv.filter((arg, i) => {
    if (!arg.startsWith('--')) return OWN_FLAGS.has(argv[i - 1]?.split('=')[0] ?? '');
    return OWN_FLAGS.has(arg.split('=')[0]!);
  });
}

export const readyLine = (url: string, token: string) => `PowerTill ready at ${url}?token=${token}`;
