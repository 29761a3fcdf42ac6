// Entry of the loopback HTTP host (`npm start` without Electron, tests, training mode):
// opens the backend, serves the renderer and prints the one ready line.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { SimulatedCards } from '../../sim/simulatedCards';
import { TrainingCardRoom } from '../../sim/trainingCardRoom';
import { TrainingMeterRoom } from '../../sim/rs485/trainingMeterRoom';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { openCore } from '../app';
import { dataPaths, appRoot } from '../paths';
import { startHttpHost, type HttpHost } from './httpHost';
import { runningInstance, takeLock } from './instanceLock';
import { openBrowser, openRunningInstance } from './openBrowser';
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
  // Training mode sells to simulated cards kept beside its own database, or (--virtual-cards) to
  // virtual cards on vpcd through the real card path, with simulated card meters.
  const simulated =
    options.demo && !options.virtualCards
      ? new SimulatedCards(path.join(paths.root, 'simulated-cards.sqlite3'))
      : null;
  let core: Awaited<ReturnType<typeof openCore>> | undefined;
  const room = options.virtualCards
    ? new TrainingCardRoom(
        new VirtualCardHost(),
        path.join(paths.root, 'training-meters.json'),
        () => core?.services.secret.read()?.secret ?? null,
      )
    : null;
  // Training's NK meters: a simulated meter room behind a gateway on this PC, reached over the
  // training office's own meter line, so remote recharge is learnt on the real path.
  const meterRoom = options.demo
    ? new TrainingMeterRoom(
        path.join(paths.root, 'training-nk-meters.json'),
        () => core?.services.secret.read()?.secret ?? null,
      )
    : null;
  try {
    core = await openCore({
      dataDir: options.dataDir,
      demo: options.demo,
      appVersion: appVersion(root),
      // Sales go onto tenants' cards through the PC/SC reader (training mode: simulated cards).
      useCardReader: true,
      ...(simulated && { cardTarget: simulated, training: simulated }),
      ...(room && { training: room }),
    });
    if (meterRoom) {
      const port = await meterRoom.listen();
      const { settings } = core.services;
      settings.setMeterLine({ kind: 'tcp', host: '127.0.0.1', port });
      // The simulated meters' password, so a trainee can also trip and close relays.
      if (!settings.meterPassword()) settings.setMeterPassword('02123456');
      core.services.meterLine.reconfigured();
    }
  } catch (error) {
    if (!(error instanceof AppError)) recordStartFailure(error, paths.root);
    console.error(startFailureText(startFailure(error, paths.root)));
    await meterRoom?.close();
    await room?.close();
    process.exitCode = 1;
    return;
  }
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
    await core.close();
    await room?.close();
    await meterRoom?.close();
    process.exitCode = 1;
    return;
  }
  console.log(line);
  if (options.demo)
    console.log(
      `Training mode: ${room ? 'virtual cards on vpcd and simulated meters' : 'simulated hardware'}, database at ${paths.database}`,
    );
  // A trainee starts with a blank card on the virtual reader.
  if (room) await room.putBlankCard().catch((error: unknown) => console.error(error));
  // Never the token on a command line: the browser gets a one-time code.
  if (!options.headless) openBrowser(host.launchUrl());

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.services.log.info({ signal }, 'host stopping');
    await host!.close();
    lock.release();
    await core!.close();
    await room?.close();
    await meterRoom?.close();
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
