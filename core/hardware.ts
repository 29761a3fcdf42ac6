// The seam where the card reader and RS485 bus services plug into the backend. Until those
// services exist the backend says so honestly: there is no reader and no bus.
import type { HardwareStatus } from '../shared/api/types';
import type { Disposable } from './events';

export interface HardwareStatusSource {
  current(): HardwareStatus;
  onChange(listener: (status: HardwareStatus) => void): Disposable;
}

export function noHardware(): HardwareStatusSource {
  const status: HardwareStatus = {
    reader: { state: 'none', reason: 'not-available' },
    bus: { state: 'none', reason: 'not-available' },
  };
  return { current: () => status, onChange: () => ({ dispose() {} }) };
}
