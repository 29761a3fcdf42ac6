// The main process entry, loaded with electron mocked: one instance, privileged app scheme,
// guards installed on every web contents.
const app = {
  requestSingleInstanceLock: jest.fn(),
  quit: jest.fn(),
  on: jest.fn(),
  whenReady: jest.fn(() => new Promise(() => undefined)),
  isPackaged: false,
  getVersion: () => '0.0.0',
  exit: jest.fn(),
};
const protocol = { registerSchemesAsPrivileged: jest.fn(), handle: jest.fn() };

jest.mock('electron', () => ({
  app,
  protocol,
  BrowserWindow: jest.fn(),
  dialog: { showErrorBox: jest.fn() },
  ipcMain: { handle: jest.fn() },
  session: {},
}));

describe('the main process', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.clearAllMocks();
  });

  it('quits at once when another PowerTill already runs', () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    jest.isolateModules(() => require('./main'));
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });

  it('takes the single-instance lock, registers app:// as secure, and guards all web contents', () => {
    app.requestSingleInstanceLock.mockReturnValue(true);
    jest.isolateModules(() => require('./main'));
    expect(app.quit).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const events = app.on.mock.calls.map(([name]) => name);
    expect(events).toEqual(
      expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed']),
    );
    expect(app.whenReady).toHaveBeenCalled();
  });
});
