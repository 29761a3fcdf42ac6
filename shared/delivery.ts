// The seam between the ledger and whatever carries a purchase to the meter: the tenant's IC card,
// a remote recharge over RS485, or the simulation used by tests and training. The ledger reads the
// target's state, writes a purchase, and reads back to verify; `card/`, `meter-link/` and `sim/`
// implement it. Everything here is plain data so any room can implement it.
import type { Fen } from './units';

/** What the target holds about purchases, as read from it. */
export interface TargetState {
  /** Purchase count N of the last purchase written to the target. */
  purchaseCount: number;
  /** All money ever written to the target for this account, in fen. */
  cumulativePurchasedFen: Fen;
  /** Count M the meter last loaded (from the card's write-back or the meter itself). */
  loadedCount: number;
  /** Remaining credit the meter reported, if it did. */
  remainingFen: Fen | null;
}

export interface TargetRef {
  accountNo: string;
  meterNo: string;
}

/**
 * One purchase to write: after it, the target holds `purchaseCount` and `cumulativeAfterFen`. A
 * reversal is written the same way, taking the target back to what it held before the sale
 * (`amountFen` is then negative).
 */
export interface PurchaseWrite extends TargetRef {
  operationId: string;
  purchaseCount: number;
  amountFen: Fen;
  cumulativeBeforeFen: Fen;
  cumulativeAfterFen: Fen;
}

export type TargetFailure =
  /** The card is not on the reader / the meter does not answer: nothing was written. */
  | 'unreachable'
  /** The write may or may not have landed (card pulled mid-write, timeout after sending). */
  | 'uncertain';

export class TargetError extends Error {
  constructor(
    readonly failure: TargetFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

export type TargetKind = 'card' | 'remote' | 'simulated';

/**
 * Whether purchases reach this meter on the tenant's card: card meters, and NK meters behind an
 * ACRT terminal. The others are recharged (and refunded) over the office's RS485 line.
 */
export const takesCard = (meter: { kind: 'card' | 'nk' | 'remote'; viaAcrt: boolean }) =>
  meter.kind === 'card' || meter.viaAcrt;

export interface PurchaseTarget {
  /** Which kind of delivery reaches this account's meter, recorded with each operation. */
  kindOf(ref: TargetRef): TargetKind;
  read(ref: TargetRef): Promise<TargetState>;
  /** Writes the purchase and returns the state read back afterwards. */
  write(purchase: PurchaseWrite): Promise<TargetState>;
}
