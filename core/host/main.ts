// Entry of the loopback HTTP host (`npm start` without Electron, tests, training mode):
// opens the backend, serves the renderer and prints the one ready line.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { dataPaths, appRoot } from '../paths';
import { startHttpHost, type HttpHost } from './httpHost';
import { runningInstance, takeLock } from './instanceLock';
import { openBrowser, openRunningInstance } from './openBrowser';
import { openOffice, type Office } from './openOffice';
import { parseLaunchOptions, readyLine, USAGE, UsageError } from './options';
import { recordStartFailure, startFailure, startFailureText } from './startFailure';

export function appVersion(root = appRoot()): string {
  return (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

export async function runHost(argv: string[]): Promise<void> {
  let options;
  try {
    options = parseLaunchOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const paths = dataPaths(options.dataDir, options.demo);
  const existing = runningInstance(paths.root);
  if (existing) {
    console.log(existing);
    console.error(startFailureText(new AppError('ALREADY_RUNNING', { dir: paths.root })));
    if (!options.headless) await openRunningInstance(existing);
    return;
  }

  const root = appRoot();
  let office: Office;
  try {
    office = await openOffice(options, { appVersion: appVersion(root) });
  } catch (error) {
    if (!(error instanceof AppError)) recordStartFailure(error, paths.root);
    console.error(startFailureText(startFailure(error, paths.root)));
    process.exitCode = 1;
    return;
  }
  const { core } = office;
  const staticDir = path.join(root, 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    console.error(
      `The renderer is not built (${staticDir}); run "npm run build". The API still works.`,
    );
  }
  let host: HttpHost | undefined;
  let lock: { release(): void };
  let line: string;
  try {
    host = await startHttpHost({
      dispatcher: core.dispatcher,
      events: core.services.events,
      log: core.services.log,
      staticDir,
      port: options.port,
    });
    line = readyLine(host.url, host.token);
    // Written before the ready line is printed: a second start must find this one.
    lock = takeLock(paths.root, line);
  } catch (error) {
    core.services.log.error({ err: error }, 'start-up failed');
    recordStartFailure(error, paths.root);
    console.error(startFailureText(startFailure(error, paths.root)));
    await host?.close();
    await office.close();
    process.exitCode = 1;
    return;
  }
  console.log(line);
  if (office.training)
    console.log(`Training mode: ${office.training}, database at ${paths.database}`);
  await office.welcome().catch((error: unknown) => console.error(error));
  // Never the token on a command line: the browser gets a one-time code.
  if (!options.headless) openBrowser(host.launchUrl());

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.services.log.info({ signal }, 'host stopping');
    await host!.close();
    lock.release();
    await office.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  runHost(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
