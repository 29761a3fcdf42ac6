// The reader service's watch on a PC/SC service that is not there yet, comes, and goes.
import { PcscReaderService, SERVICE_RETRY_MAX_MS } from './pcsc';
import type { Binding, PcscMonitorEvent } from './smartcardBinding';
import type { ReaderEvent } from './types';

/** A binding whose service is down until `up` is set; the monitors it made, to push events. */
function fakeBinding() {
  const state = { up: false, starts: 0, callbacks: [] as ((e: PcscMonitorEvent) => void)[] };
  const binding = {
    Context: class {
      isValid = true;
      constructor() {
        if (!state.up) throw new Error('PC/SC service not running');
      }
      listReaders() {
        return [];
      }
      close() {}
    },
    ReaderMonitor: class {
      start(callback: (e: PcscMonitorEvent) => void) {
        state.starts += 1;
        if (!state.up) throw new Error('PC/SC service not running');
        state.callbacks.push(callback);
      }
      stop() {}
    },
    SCARD_SHARE_SHARED: 2,
    SCARD_PROTOCOL_T0: 1,
    SCARD_PROTOCOL_T1: 2,
    SCARD_LEAVE_CARD: 0,
    SCARD_STATE_PRESENT: 32,
  } satisfies Binding;
  return { binding, state };
}

describe('PcscReaderService.watch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does not throw when the service is not running, and asks again with a doubling pause', () => {
    const { binding, state } = fakeBinding();
    const service = new PcscReaderService(5_000, binding);
    expect(service.unavailable()).toMatchObject({ reason: 'no-service' });
    const events: ReaderEvent[] = [];
    const stop = service.watch((e) => events.push(e));
    expect(state.starts).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(state.starts).toBe(2);
    jest.advanceTimersByTime(1_999);
    expect(state.starts).toBe(2);
    jest.advanceTimersByTime(1);
    expect(state.starts).toBe(3);
    // Long outages settle at one try every 30 s.
    jest.advanceTimersByTime(4_000 + 8_000 + 16_000 + 30_000);
    expect(state.starts).toBe(7);
    jest.advanceTimersByTime(SERVICE_RETRY_MAX_MS);
    expect(state.starts).toBe(8);

    state.up = true;
    jest.advanceTimersByTime(SERVICE_RETRY_MAX_MS);
    expect(events).toEqual([{ type: 'service-up' }]);
    expect(service.unavailable()).toBeNull();

    // The service dies: told once, and looked for again from a 1 s pause.
    state.up = false;
    state.callbacks.at(-1)!({ type: 'error', reader: '', state: 0, atr: null });
    expect(events.at(-1)).toEqual({ type: 'service-down' });
    const before = state.starts;
    state.up = true;
    jest.advanceTimersByTime(1_000);
    expect(state.starts).toBe(before + 1);
    expect(events.at(-1)).toEqual({ type: 'service-up' });
    stop();
    jest.advanceTimersByTime(60_000);
    expect(state.starts).toBe(before + 1);
  });

  it('says the binding is missing rather than the service', () => {
    const service = new PcscReaderService(5_000, 'the PC/SC binding (smartcard) is not installed');
    expect(service.unavailable()).toEqual({
      reason: 'no-binding',
      detail: 'the PC/SC binding (smartcard) is not installed',
    });
    expect(() => service.watch(() => undefined)()).not.toThrow();
  });
});
