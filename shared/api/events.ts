// Push events from the backend to the renderer, over the same two transports as calls.
import type { HardwareStatus } from './types';

export interface EventMap {
  'hardware.status': HardwareStatus;
}

export type EventName = keyof EventMap;
export type PushEvent = { [K in EventName]: { name: K; payload: EventMap[K] } }[EventName];
