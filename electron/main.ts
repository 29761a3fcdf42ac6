// The Electron main process: one instance, one hardened window, the office opened in-process
// through the same composition root as the browser host (core/host/openOffice.ts), and the IPC
// transport between them. Anything that keeps it from starting is one translated message box,
// with the stack in startup-failure.log, never on screen.
// The backend speaks English in its logs and English receipts: the error texts' English too.
import '../shared/errorTexts/en';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { runningInstance, takeLock } from '../core/host/instanceLock';
import { openRunningInstance } from '../core/host/openBrowser';
import type { Office } from '../core/host/openOffice';
import { parseLaunchOptions } from '../core/host/options';
import { recordStartFailure, startFailure, startFailureText } from '../core/host/startFailure';
import { dataPaths, defaultDataDir } from '../core/paths';
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

/** What a browser host finds in the lock file while the window holds the folder. */
const WINDOW_HOLDS_FOLDER = 'PowerTill desktop window';

let mainWindow: BrowserWindow | null = null;
let office: Office | null = null;
let folderLock: { release(): void } | null = null;

if (!app.requestSingleInstanceLock()) {
  // The first instance brings its window forward (below); this one has nothing to add.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // The books are closed before the process ends: quitting waits for it, then quits again.
  app.on('will-quit', (event) => {
    folderLock?.release();
    folderLock = null;
    const closing = office;
    if (!closing) return;
    office = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => void fail(error));
}

const launchArgs = () => process.argv.slice(app.isPackaged ? 1 : 2);

async function start() {
  const options = parseLaunchOptions(launchArgs(), process.env, { chromiumSwitches: true });
  const paths = dataPaths(options.dataDir, options.demo);
  // The browser host on the same data folder (another user session, a technician's `npm start
  // --browser`): one ledger, one card reader, so send the user there instead.
  const existing = runningInstance(paths.root);
  if (existing) {
    void openRunningInstance(existing);
    throw new AppError('ALREADY_RUNNING', { dir: paths.root });
  }
  const secretSealer = osSecretSealer(safeStorage);
  // Loaded here, not at the top: a native module that fails to load (better-sqlite3 built for
  // Node's ABI) is then a start failure told in a message box, not Electron's raw error dialog.
  const { openOffice } = await import('../core/host/openOffice');
  office = await openOffice(options, {
    appVersion: app.getVersion(),
    ...(secretSealer && { secretSealer }),
  });
  folderLock = takeLock(paths.root, WINDOW_HOLDS_FOLDER);
  const { core } = office;
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
  await office
    .welcome()
    .catch((error: unknown) =>
      core.services.log.warn({ err: error }, 'training card not put on the reader'),
    );
}

async function fail(error: unknown) {
  const dataDir = dataDirOf(launchArgs());
  if (!(error instanceof AppError)) recordStartFailure(error, dataDir);
  dialog.showErrorBox('PowerTill', startFailureText(startFailure(error, dataDir)));
  // app.exit skips will-quit: the books are closed here.
  folderLock?.release();
  await office?.close().catch(() => undefined);
  app.exit(1);
}

/** The data folder a launch names, for telling a start-up failure (flags already failed once). */
function dataDirOf(argv: string[]): string {
  try {
    return parseLaunchOptions(argv, process.env, { chromiumSwitches: true }).dataDir;
  } catch {
    return defaultDataDir();
  }
}
