// Push events from the backend to the renderer, over the same two transports as calls.
import type { BatchView } from './meterLink';
import type { HardwareStatus } from './types';

export interface EventMap {
  'hardware.status': HardwareStatus;
  /** A batch on the meter line moved on (one more meter done, cancelled, finished). */
  'batch.progress': BatchView;
}

export type EventName = keyof EventMap;
export type PushEvent = { [K in EventName]: { name: K; payload: EventMap[K] } }[EventName];
