// The main process, loaded with electron mocked and the real office behind it: real SQLite files
// in a data folder of the test's own, the real migrations, the real PC/SC client. What a user's
// first launch meets: the first start, a second instance, a folder it may not write, a database
// newer than the app, a failed migration, a database module built for another runtime, the card
// service missing. Each failure is one translated message box, never a stack trace.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../core/testing';
import { loadMigrations, migrate } from '../core/db/migrate';
import { dataPaths, migrationsDir } from '../core/paths';
import { START_FAILURE_LOG } from '../core/host/startFailure';

interface FakeWindow {
  options: { webPreferences: { preload: string } };
  loadURL: jest.Mock;
  focus: jest.Mock;
  restore: jest.Mock;
}

interface Shell {
  app: {
    quit: jest.Mock;
    exit: jest.Mock;
    handlers: Map<string, (...args: unknown[]) => void>;
  };
  windows: FakeWindow[];
  errorBox: jest.Mock;
  invoke?: (event: unknown, envelope: unknown) => Promise<{ ok: boolean; value?: unknown }>;
}

const root = path.resolve(__dirname, '..');
const argv = process.argv;
let shells: Shell[] = [];

function electronFor(shell: Shell, { lock = true } = {}) {
  const handlers = shell.app.handlers;
  return {
    app: {
      requestSingleInstanceLock: () => lock,
      quit: shell.app.quit,
      exit: shell.app.exit,
      on: (name: string, handler: (...args: unknown[]) => void) => handlers.set(name, handler),
      whenReady: () => Promise.resolve(),
      isPackaged: false,
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: jest.fn(), handle: jest.fn() },
    BrowserWindow: jest.fn().mockImplementation((options: FakeWindow['options']) => {
      const window = {
        options,
        webContents: { send: jest.fn(), isDestroyed: () => false },
        loadURL: jest.fn(async () => undefined),
        once: jest.fn(),
        on: jest.fn(),
        show: jest.fn(),
        isMinimized: () => true,
        restore: jest.fn(),
        focus: jest.fn(),
      };
      shell.windows.push(window);
      return window;
    }),
    dialog: { showErrorBox: shell.errorBox },
    ipcMain: {
      handle: (_channel: string, fn: Shell['invoke']) => (shell.invoke = fn),
      removeHandler: jest.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: jest.fn(),
        setPermissionCheckHandler: jest.fn(),
        setDevicePermissionHandler: jest.fn(),
      },
    },
    // A Linux desktop without a keyring: the secret stays under the folder's modes.
    safeStorage: { isEncryptionAvailable: () => false },
  };
}

/** Starts main.ts as `electron . <args>` would; resolves once it opened a window or gave up. */
async function launch(args: string[], options: { lock?: boolean; mock?: () => void } = {}) {
  const shell: Shell = {
    app: { quit: jest.fn(), exit: jest.fn(), handlers: new Map() },
    windows: [],
    errorBox: jest.fn(),
  };
  shells.push(shell);
  process.argv = ['/usr/lib/electron/electron', root, ...args, '--no-sandbox'];
  // Async isolation: the backend main.ts imports once it is ready must come from the same
  // module registry as main.ts itself (one AppError class, the same mocks).
  await jest.isolateModulesAsync(async () => {
    jest.doMock('electron', () => electronFor(shell, options));
    jest.doMock('smartcard', () => stoppedCardService());
    options.mock?.();
    require('./main');
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const opened = shell.windows[0]?.loadURL.mock.calls.length ?? 0;
      const ended = shell.app.exit.mock.calls.length + shell.app.quit.mock.calls.length;
      if (opened > 0 || ended > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  // Let the shell finish what follows the window (the training card, the first status).
  await new Promise((resolve) => setTimeout(resolve, 50));
  return shell;
}

/** Quits as the user closing the window does, waiting until the office is closed. */
async function quit(shell: Shell) {
  const willQuit = shell.app.handlers.get('will-quit');
  if (!willQuit) return;
  const event = { preventDefault: jest.fn() };
  willQuit(event);
  if (event.preventDefault.mock.calls.length === 0) return;
  const deadline = Date.now() + 30_000;
  while (shell.app.quit.mock.calls.length === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(shell.app.quit).toHaveBeenCalled();
}

/**
 * The real binding on a PC whose card service (pcscd, Windows' SCardSvr) is stopped: it loads,
 * and every context and monitor is refused with the binding's own words. (Jest gives tests a
 * copy of process.env, so PCSCLITE_CSOCK_NAME cannot point the real client elsewhere in-process;
 * tests/integration/cardServiceStates.test.ts stops a real pcscd under the real host.)
 */
function stoppedCardService() {
  const real = jest.requireActual<Record<string, unknown>>('smartcard');
  const refuse = () => {
    throw new Error('PC/SC service not running');
  };
  return {
    ...real,
    Context: jest.fn().mockImplementation(refuse),
    ReaderMonitor: jest.fn().mockImplementation(() => ({ start: refuse, stop: () => undefined })),
  };
}

const fromApp = { senderFrame: { parent: null, url: 'app://powertill/' } };

function call(shell: Shell, method: string, input: unknown = {}, sessionId?: string) {
  return shell.invoke!(fromApp, { method, input, ...(sessionId && { sessionId }) });
}

/** The one message box a failed start showed, in both languages. */
function theMessage(shell: Shell): string {
  expect(shell.errorBox).toHaveBeenCalledTimes(1);
  expect(shell.app.exit).toHaveBeenCalledWith(1);
  const [title, text] = shell.errorBox.mock.calls[0] as [string, string];
  expect(title).toBe('PowerTill');
  expect(text.split('\n')).toHaveLength(2);
  expect(text).not.toMatch(/\n\s+at |Error:|SqliteError|node_modules/);
  return text;
}

/** A ledger at the app's latest schema, made as the app makes it. */
async function ledgerAt(dataDir: string): Promise<string> {
  const file = dataPaths(dataDir, false).database;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  await migrate(db, { migrations: loadMigrations(migrationsDir()), backupDir: tempDir() });
  db.close();
  return file;
}

const OFFICE = {
  officeName: '万达广场物业服务中心',
  receiptHeader: '万达广场 预付费电费收据',
  admin: { username: 'admin', displayName: '王主任', password: 'Admin1234' },
};

describe('the desktop shell’s start', () => {
  afterEach(async () => {
    for (const shell of shells) await quit(shell);
    shells = [];
    process.argv = argv;
    jest.dontMock('better-sqlite3');
  });

  it('first start: one hardened window on app://, the first-run wizard through IPC, and the stopped card service said in the status', async () => {
    const dataDir = tempDir();
    const shell = await launch(['--data-dir', dataDir]);
    expect(shell.errorBox).not.toHaveBeenCalled();
    expect(shell.windows).toHaveLength(1);
    const [window] = shell.windows;
    expect(window!.loadURL).toHaveBeenCalledWith('app://powertill/');
    expect(window!.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(await call(shell, 'setup.status')).toEqual({ ok: true, value: { needsSetup: true } });
    const setUp = await call(shell, 'setup.initialize', OFFICE);
    expect(setUp.ok).toBe(true);
    const sessionId = (setUp.value as { session: { sessionId: string } }).session.sessionId;
    let binding = true;
    try {
      require.resolve('smartcard');
    } catch {
      binding = false;
    }
    const reason = binding ? 'no-service' : 'no-binding';
    let reader: unknown;
    for (let i = 0; i < 100; i += 1) {
      const status = await call(shell, 'system.hardwareStatus', {}, sessionId);
      reader = (status.value as { reader: unknown }).reader;
      if ((reader as { reason?: string }).reason === reason) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reader).toEqual({ state: 'none', reason });
    // A foreign page may not call in.
    expect(
      await shell.invoke!(
        { senderFrame: { parent: null, url: 'https://example.com/' } },
        { method: 'setup.status', input: {} },
      ),
    ).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fs.existsSync(path.join(dataDir, 'powertill.lock'))).toBe(true);
    await quit(shell);
    expect(fs.existsSync(path.join(dataDir, 'powertill.lock'))).toBe(false);
  });

  it('a second instance quits at once, and the first brings its window forward', async () => {
    const dataDir = tempDir();
    const first = await launch(['--data-dir', dataDir]);
    const second = await launch(['--data-dir', dataDir], { lock: false });
    expect(second.app.quit).toHaveBeenCalled();
    expect(second.windows).toHaveLength(0);
    expect(second.errorBox).not.toHaveBeenCalled();
    first.app.handlers.get('second-instance')!();
    expect(first.windows[0]!.restore).toHaveBeenCalled();
    expect(first.windows[0]!.focus).toHaveBeenCalled();
  });

  it('a browser host already on the same data folder: the window does not open the books twice', async () => {
    const dataDir = tempDir();
    const folder = dataPaths(dataDir, false).root;
    fs.mkdirSync(folder, { recursive: true });
    // Jest's parent process stands for the running browser host (a live pid, not this one).
    const lockFile = path.join(folder, 'powertill.lock');
    fs.writeFileSync(
      lockFile,
      JSON.stringify({
        pid: process.ppid,
        readyLine: 'PowerTill ready at http://127.0.0.1:9/?token=x',
      }),
    );
    try {
      const shell = await launch(['--data-dir', dataDir]);
      expect(theMessage(shell)).toContain('PowerTill 已在运行');
      expect(shell.windows).toHaveLength(0);
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
  });

  it('the data folder not writable (a file where the folder should be)', async () => {
    const blocker = path.join(tempDir(), 'office');
    fs.writeFileSync(blocker, 'not a folder');
    const shell = await launch(['--data-dir', path.join(blocker, 'data')]);
    const text = theMessage(shell);
    expect(text).toContain('PowerTill 无法写入数据文件夹');
    expect(text).toContain('PowerTill cannot write to its data folder');
    expect(shell.windows).toHaveLength(0);
  });

  it('a database made by a newer PowerTill: refused before anything writes to it', async () => {
    const dataDir = tempDir();
    const file = await ledgerAt(dataDir);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const before = fs.readFileSync(file);
    const shell = await launch(['--data-dir', dataDir]);
    expect(theMessage(shell)).toContain('数据库由更新版本的 PowerTill 创建（版本 99');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a migration that fails: the books unchanged, the pre-upgrade backup named', async () => {
    const dataDir = tempDir();
    const file = await ledgerAt(dataDir);
    // Back at version 1 on paper, every later table already there: 0002 fails again (a later
    // migration may run twice without harm, as one that only adds rows does).
    const db = new Database(file);
    db.prepare('DELETE FROM schema_migrations WHERE version > 1').run();
    db.pragma('user_version = 1');
    db.close();
    const shell = await launch(['--data-dir', dataDir]);
    const text = theMessage(shell);
    expect(text).toContain('数据库升级失败，数据未改动');
    const backup = /升级前的备份在 (\S+?)。/.exec(text)?.[1];
    expect(backup && fs.existsSync(backup)).toBe(true);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    after.close();
  });

  it('the database module built for another runtime: told as such, with what to do, and the stack kept for support', async () => {
    const dataDir = tempDir();
    // What Node's loader throws for better-sqlite3 built for Node and loaded in Electron 45
    // (the real refusal is met in tests/integration/nativeAbi.test.ts).
    const refusal = Object.assign(
      new Error(
        `The module '${root}/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
      ),
      { code: 'ERR_DLOPEN_FAILED' },
    );
    const shell = await launch(['--data-dir', dataDir], {
      mock: () =>
        jest.doMock('better-sqlite3', () => {
          throw refusal;
        }),
    });
    const text = theMessage(shell);
    expect(text).toContain(
      '数据库组件（better-sqlite3）是为另一运行环境编译的（ABI 115，此处需要 150）',
    );
    expect(text).toContain('Run npm start again');
    expect(fs.readFileSync(path.join(dataDir, START_FAILURE_LOG), 'utf8')).toContain(
      'NODE_MODULE_VERSION 150',
    );
  });

  it('training mode in the window is the browser host’s: simulated cards and the NK meter room on the training line', async () => {
    const dataDir = tempDir();
    const shell = await launch(['--data-dir', dataDir, '--demo']);
    expect(shell.errorBox).not.toHaveBeenCalled();
    const setUp = await call(shell, 'setup.initialize', OFFICE);
    const sessionId = (setUp.value as { session: { sessionId: string } }).session.sessionId;
    const info = await call(shell, 'system.info', {}, sessionId);
    expect(info.value).toMatchObject({ demo: true });
    const line = await call(shell, 'meterLink.settings', {}, sessionId);
    expect(line).toMatchObject({
      ok: true,
      value: { line: { kind: 'tcp', host: '127.0.0.1' }, passwordSet: true },
    });
  });
});
