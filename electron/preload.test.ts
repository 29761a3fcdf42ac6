import { EVENT_CHANNEL, INVOKE_CHANNEL } from './constants';

const exposed: Record<string, unknown> = {};
const ipcRenderer = {
  invoke: jest.fn(async () => ({ ok: true, value: 1 })),
  on: jest.fn(),
  removeListener: jest.fn(),
};

jest.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer,
}));

describe('the preload', () => {
  beforeAll(() => {
    require('./preload');
  });

  it('exposes exactly invoke and on, under one name', () => {
    expect(Object.keys(exposed)).toEqual(['powertill']);
    expect(Object.keys(exposed.powertill as object).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes the one channel and listens on the one event channel', async () => {
    const bridge = exposed.powertill as {
      invoke: (e: unknown) => Promise<unknown>;
      on: (l: (e: unknown) => void) => () => void;
    };
    await bridge.invoke({ method: 'system.info', input: {} });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, {
      method: 'system.info',
      input: {},
    });

    const listener = jest.fn();
    const stop = bridge.on(listener);
    const [[channel, handler]] = ipcRenderer.on.mock.calls as unknown as [
      [string, (e: unknown, ev: unknown) => void],
    ];
    expect(channel).toBe(EVENT_CHANNEL);
    handler({ sender: 'ipc internals' }, { name: 'hardware.status', payload: {} });
    // The page sees the event only, never Electron's event object.
    expect(listener).toHaveBeenCalledWith({ name: 'hardware.status', payload: {} });
    stop();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, handler);
  });
});
