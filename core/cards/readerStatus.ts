// The card reader as the status bar shows it, kept current from the reader service's events
// (reader plugged in or out, a card put on or taken off, PC/SC service up or down).
import type { ReaderService } from '../../card/reader/types';
import type { HardwareStatus, ReaderState } from '../../shared/api/types';
import type { Disposable } from '../events';
import type { HardwareStatusSource } from '../hardware';

export interface ReaderStatusSource extends HardwareStatusSource {
  stop(): void;
}

export function readerHardware(readers: ReaderService): ReaderStatusSource {
  const listeners = new Set<(status: HardwareStatus) => void>();
  let reader: ReaderState = { state: 'none', reason: 'not-available' };
  const status = (): HardwareStatus => ({
    reader,
    bus: { state: 'none', reason: 'not-available' },
  });

  const refresh = async () => {
    let next: ReaderState;
    const why = readers.unavailable();
    if (why) next = { state: 'none', reason: why.reason };
    else {
      const found = await readers.list().catch(() => []);
      next = found.length
        ? {
            state: 'ready',
            readers: found.map((r) => r.name),
            withCard: found.filter((r) => r.atr !== null).map((r) => r.name),
          }
        : { state: 'none', reason: 'no-reader' };
    }
    if (JSON.stringify(next) === JSON.stringify(reader)) return;
    reader = next;
    for (const listener of listeners) listener(status());
  };

  void refresh();
  const stopWatching = readers.watch(() => void refresh());
  // The watch waits for a PC/SC service that is not running yet and says when it comes; this
  // also catches a reader change the service did not report.
  const timer = setInterval(() => void refresh(), 30_000);
  timer.unref();

  return {
    current: status,
    onChange(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    stop() {
      clearInterval(timer);
      stopWatching();
    },
  };
}
