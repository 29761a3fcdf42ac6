// The seam between the ledger and whatever carries a purchase to the meter: the tenant's IC card,
// a remote recharge over RS485, or the simulation used by tests and training. The ledger reads the
// target's state, writes a purchase, and reads back to verify; `card/`, `meter-link/` and `sim/`
// implement it. Everything here is plain data so any room can implement it.
import type { MeterKind } from './api/ledgerTypes';
import type { TariffDefinition } from './tariff';
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
  /**
   * The tariff in force at the sale's instant, for a target that carries it (a card writes it with
   * every purchase): resolved once by the ledger, so a retry writes the same card.
   */
  tariff?: TariffDefinition;
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
export const takesCard = (meter: { kind: MeterKind; viaAcrt: boolean }) =>
  meter.kind === 'card' || meter.viaAcrt;

/**
 * The count rule (购电次数): a meter loads purchases in order, one count at a time, and a count the
 * books sold that the meter has not loaded yet is still on its way (on the tenant's card, or a
 * recharge not yet answered). A sale then tops that purchase up or waits; a refund, a closing or a
 * meter change waits for it. One rule for the till's screens and the books.
 */
export const purchaseUnloaded = (soldCount: number, loadedCount: number): boolean =>
  soldCount > loadedCount;

/** Writes one purchase inside a session and returns the state read back afterwards. */
export type SessionWrite = (purchase: PurchaseWrite) => Promise<TargetState>;

export interface PurchaseTarget {
  /** Which kind of delivery reaches this account's meter, recorded with each operation. */
  kindOf(ref: TargetRef): TargetKind;
  read(ref: TargetRef): Promise<TargetState>;
  /** Writes the purchase and returns the state read back afterwards. */
  write(purchase: PurchaseWrite): Promise<TargetState>;
  /**
   * Reads the target once and hands `use` what it holds and a write for one purchase, all in one
   * session with the device (for a card: one connection, one read, the write, the read-back).
   * Targets without one are read, then written, as two steps (`inOneSession`).
   */
  session?<T>(
    ref: TargetRef,
    use: (state: TargetState, write: SessionWrite) => Promise<T>,
  ): Promise<T>;
}

/** A read and a write in one session where the target has sessions, else one after the other. */
export async function inOneSession<T>(
  target: PurchaseTarget,
  ref: TargetRef,
  use: (state: TargetState, write: SessionWrite) => Promise<T>,
): Promise<T> {
  if (target.session) return target.session(ref, use);
  return use(await target.read(ref), (purchase) => target.write(purchase));
}

/** Why a card sale to this account cannot go ahead with what is on the reader now, if it cannot. */
export type CardSaleBlock =
  | { reason: 'noCard' }
  | { reason: 'cardNotLive'; status: string }
  | { reason: 'otherTenant'; customerName: string; accountNo: string }
  | { reason: 'blankCard' };

/**
 * Told before the confirmation rather than refused after it: a card sale needs the account's own
 * live card, so an account with none, or another tenant's card (or a blank one) on the reader,
 * stops the sale at the form. `onReader` is the last reading of the card on the reader (null
 * while none is there or it is not read yet: the server says what is missing then).
 */
export function cardSaleBlock(
  account: { id: number; card: { cardNo: string; status: string } | null },
  onReader: {
    status: string;
    ledger: { accountId: number; accountNo: string; customerName: string } | null;
  } | null,
): CardSaleBlock | null {
  if (!account.card) return { reason: 'noCard' };
  if (account.card.status !== 'active' && account.card.status !== 'issuing')
    return { reason: 'cardNotLive', status: account.card.status };
  if (!onReader) return null;
  if (onReader.status === 'blank') return { reason: 'blankCard' };
  if (onReader.ledger && onReader.ledger.accountId !== account.id)
    return {
      reason: 'otherTenant',
      customerName: onReader.ledger.customerName,
      accountNo: onReader.ledger.accountNo,
    };
  return null;
}
