import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatcher } from '../core/api/dispatcher';
import { EventHub } from '../core/events';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './constants';
import { forwardEvents, registerInvoke } from './ipc';

jest.mock('electron', () => ({}));

function setup() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, fn: never) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  const dispatch = jest.fn(async () => ({ ok: true, value: 'done' }));
  const dispose = registerInvoke(ipcMain, { dispatch } as unknown as Dispatcher);
  const invoke = (url: string, envelope: unknown, parent: unknown = null) =>
    handlers.get(INVOKE_CHANNEL)!(
      { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent,
      envelope,
    );
  return { handlers, dispatch, dispose, invoke };
}

describe('the IPC transport', () => {
  it('passes calls from the app frame to the dispatcher', async () => {
    const { dispatch, invoke } = setup();
    await expect(
      invoke('app://powertill/', { method: 'system.info', input: {}, sessionId: 's' }),
    ).resolves.toEqual({ ok: true, value: 'done' });
    expect(dispatch).toHaveBeenCalledWith({ method: 'system.info', input: {}, sessionId: 's' });
  });

  it('refuses calls from any other frame without reaching the dispatcher', async () => {
    const { dispatch, invoke } = setup();
    await expect(invoke('https://evil.example/', { method: 'system.info' })).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(
      invoke('app://powertill/', { method: 'system.info' }, { url: 'app://powertill/' }),
    ).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('hands a non-object envelope to the dispatcher as an empty call', async () => {
    const { dispatch, invoke } = setup();
    await invoke('app://powertill/', 'garbage');
    expect(dispatch).toHaveBeenCalledWith({});
  });

  it('removes its handler when disposed', () => {
    const { handlers, dispose } = setup();
    dispose();
    expect(handlers.has(INVOKE_CHANNEL)).toBe(false);
  });

  it('forwards push events to the window until stopped or destroyed', () => {
    const events = new EventHub();
    const send = jest.fn();
    let destroyed = false;
    const stop = forwardEvents(events, {
      send,
      isDestroyed: () => destroyed,
    } as unknown as WebContents);
    const status = {
      reader: { state: 'none', reason: 'no-reader' },
      bus: { state: 'none', reason: 'no-port' },
    } as const;
    events.publish('hardware.status', status);
    expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, { name: 'hardware.status', payload: status });
    destroyed = true;
    events.publish('hardware.status', status);
    expect(send).toHaveBeenCalledTimes(1);
    destroyed = false;
    stop();
    events.publish('hardware.status', status);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
