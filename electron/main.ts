// The Electron main process: one instance, one hardened window, the backend in-process, and the
// IPC transport between them.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { openCore, type Core } from '../core/app';
import { parseLaunchOptions } from '../core/host/options';
import { recordStartFailure, startFailure, startFailureText } from '../core/host/startFailure';
import { dataPaths, defaultDataDir } from '../core/paths';
import { SimulatedCards } from '../sim/simulatedCards';
import { AppError } from '../shared/errors';
import { APP_ORIGIN, APP_SCHEME } from './constants';
import { forwardEvents, registerInvoke } from './ipc';
import { appProtocolHandler } from './protocol';
import { denyPermissions, guardWebContents } from './security';
import { osSecretSealer } from './secretSealer';
import { mainWindowOptions } from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void core?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

async function start() {
  const options = parseLaunchOptions(process.argv.slice(app.isPackaged ? 1 : 2));
  // Training mode sells to simulated cards kept beside its own database.
  const simulated = options.demo
    ? new SimulatedCards(
        path.join(dataPaths(options.dataDir, true).root, 'simulated-cards.sqlite3'),
      )
    : null;
  const secretSealer = osSecretSealer(safeStorage);
  core = await openCore({
    ...(secretSealer && { secretSealer }),
    dataDir: options.dataDir,
    demo: options.demo,
    appVersion: app.getVersion(),
    // Sales go onto tenants' cards through the PC/SC reader (training mode: simulated cards).
    useCardReader: true,
    ...(simulated && { target: simulated, training: simulated }),
  });
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(path.join(__dirname, '..', 'renderer')));
  registerInvoke(ipcMain, core.dispatcher);

  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  const stopEvents = forwardEvents(core.services.events, mainWindow.webContents);
  mainWindow.on('closed', () => {
    stopEvents();
    mainWindow = null;
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(`${APP_ORIGIN}/`);
}

function fail(error: unknown) {
  const dataDir = dataDirOf(process.argv.slice(app.isPackaged ? 1 : 2));
  if (!(error instanceof AppError)) recordStartFailure(error, dataDir);
  dialog.showErrorBox('PowerTill', startFailureText(startFailure(error, dataDir)));
  app.exit(1);
}

/** The data folder a launch names, for telling a start-up failure (flags already failed once). */
function dataDirOf(argv: string[]): string {
  try {
    return parseLaunchOptions(argv).dataDir;
  } catch {
    return defaultDataDir();
  }
}
