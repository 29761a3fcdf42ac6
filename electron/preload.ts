// The preload: exposes exactly two functions to the page, invoke and on. Nothing else of
// Electron or Node reaches the renderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { CallEnvelope } from '../shared/api/envelope';
import type { PushEvent } from '../shared/api/events';
import type { ApiResult } from '../shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './constants';

export const bridge = {
  invoke: (envelope: CallEnvelope): Promise<ApiResult<unknown>> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, envelope),
  on: (listener: (event: PushEvent) => void): (() => void) => {
    const handler = (_: unknown, event: PushEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('powertill', bridge);
