// The seam where the card reader and RS485 bus services plug into the backend. Until those
// services exist the backend says so honestly: there is no reader and no bus.
import type { HardwareStatus } from '../shared/api/types';
import { TargetError, type PurchaseTarget } from '../shared/delivery';
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

/** Without a card reader or meter link there is nowhere to deliver a purchase: say so. */
export function noPurchaseTarget(): PurchaseTarget {
  const refuse = async (): Promise<never> => {
    throw new TargetError('unreachable', 'no card reader or meter link in this version');
  };
  return { kindOf: () => 'card', read: refuse, write: refuse };
}

export type TrainingOutcome = 'loaded' | 'write-back-only' | 'old-card' | 'rejected' | 'applied';

/**
 * What training mode adds: acting out the tenant's side. Either simulated cards and meters behind a
 * simulated delivery, or (`--virtual-cards`) virtual cards on vpcd and simulated card meters, which
 * also hand out blank cards and let a trading day pass.
 */
export interface TrainingHooks {
  readonly cards: 'simulated' | 'virtual';
  insertIntoMeter(ref: {
    accountNo: string;
    meterNo: string;
  }): TrainingOutcome | Promise<TrainingOutcome>;
  meterState(meterNo: string): { loadedCount: number; remainingFen: number };
  putBlankCard?(): Promise<void>;
  runDay?(meterNo: string): void;
}
