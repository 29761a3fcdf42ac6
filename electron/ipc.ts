// The IPC transport: one invoke channel into the dispatcher, one event channel out of it.
import type { IpcMain, WebContents } from 'electron';
import type { Dispatcher } from '../core/api/dispatcher';
import type { EventHub } from '../core/events';
import type { CallEnvelope } from '../shared/api/envelope';
import type { ApiResult } from '../shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './constants';
import { isTrustedSender } from './security';

export function registerInvoke(ipcMain: IpcMain, dispatcher: Dispatcher): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, envelope: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN' } };
    }
    const call = (
      envelope && typeof envelope === 'object' ? envelope : {}
    ) as Partial<CallEnvelope>;
    return dispatcher.dispatch(call);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

export function forwardEvents(events: EventHub, contents: WebContents): () => void {
  const subscription = events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
  return () => subscription.dispose();
}
