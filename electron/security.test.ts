import { EventEmitter } from 'node:events';
import type { Session, WebContents, WebFrameMain } from 'electron';
import { denyPermissions, guardWebContents, isAppUrl, isTrustedSender } from './security';
import { mainWindowOptions } from './window';

jest.mock('electron', () => ({}));

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  });
  return {
    contents: contents as unknown as WebContents,
    emitter,
    open: (url: string) => openHandler!({ url }),
  };
}

function fire(emitter: EventEmitter, name: string, ...args: unknown[]) {
  const event = { preventDefault: jest.fn() };
  emitter.emit(name, event, ...args);
  return event.preventDefault.mock.calls.length > 0;
}

describe('the main window', () => {
  it('is sandboxed with context isolation and no Node in the page', () => {
    const { webPreferences } = mainWindowOptions('/app/preload.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('navigation guards', () => {
  it('keeps the window on the app and refuses everything else', () => {
    const { contents, emitter } = fakeContents();
    guardWebContents(contents);
    expect(fire(emitter, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire(emitter, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(emitter, 'will-navigate', 'app://powertill.evil/')).toBe(true);
    expect(fire(emitter, 'will-navigate', 'app://powertill/#/sales')).toBe(false);
    expect(fire(emitter, 'will-redirect', 'http://127.0.0.1:1/')).toBe(true);
  });

  it('opens no new windows and attaches no webviews', () => {
    const { contents, emitter, open } = fakeContents();
    guardWebContents(contents);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(open('app://powertill/')).toEqual({ action: 'deny' });
    expect(fire(emitter, 'will-attach-webview')).toBe(true);
  });

  it('recognises only the app origin', () => {
    expect(isAppUrl('app://powertill/index.html')).toBe(true);
    expect(isAppUrl('app://other/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    } as unknown as Session;
    denyPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = jest.fn();
      (handlers.request as (...a: unknown[]) => void)(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });
});

describe('IPC sender check', () => {
  const frame = (url: string, parent: unknown = null) =>
    ({ url, parent }) as unknown as WebFrameMain;
  it("trusts only the app's own top-level frame", () => {
    expect(isTrustedSender(frame('app://powertill/'))).toBe(true);
    expect(isTrustedSender(frame('app://powertill/', frame('app://powertill/')))).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/'))).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
