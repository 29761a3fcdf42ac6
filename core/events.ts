// The backend's push-event hub: transports subscribe and forward events to their clients.
import type { EventMap, EventName, PushEvent } from '../shared/api/events';

export interface Disposable {
  dispose(): void;
}

export class EventHub {
  private readonly listeners = new Set<(event: PushEvent) => void>();

  publish<K extends EventName>(name: K, payload: EventMap[K]): void {
    const event = { name, payload } as PushEvent;
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: PushEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
