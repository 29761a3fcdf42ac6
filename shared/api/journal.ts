// 待确认: the device journal as the office sees it. Every operation that writes to a card or a
// meter is journaled (core/journal, decision 0021); the ones not settled yet are listed here,
// each with what it waits for, so the counter and the supervisor read one list instead of a
// pending flag per page.
import { z } from 'zod';
import { method } from './method';
import { freeText } from './text';

/** Every kind of operation the device journal knows, in the order the journal grew. */
export const DEVICE_OPERATION_KINDS = [
  // A purchase written to a tenant's card (or training's simulated meters).
  'cardSale',
  // A purchase sent to an NK meter over the office's line.
  'remoteRecharge',
  // A sale taken back before the meter loaded it, on the device the sale went to.
  'reversal',
  // An NK meter's money set over the line: refunded credit taken off, a carried balance put on.
  'balancePreset',
  // A closed account's credit still on a meter that did not answer, to be taken off later.
  'heldCredit',
  // The line's commands: trip, allow closing or keep power; money limits; the tariff in force.
  'relayCommand',
  'limitPush',
  'tariffPush',
  // A dorm box circuit's controls (time tables, power limit, malignant loads) written and read back.
  'boxControlPush',
  // A tenant's card made from a blank one (开户发卡), or made to replace a lost one (补卡).
  'cardIssue',
  'cardReissue',
  // A tenant's card written again from the books (after 换表, or mending a torn card).
  'cardRewrite',
  // A card wiped back to blank so the plastic can be used again.
  'cardErase',
  // A management card (parameter, check, clear, test, meter-change, time-set) made at the office.
  'managementCard',
  // An ACRT terminal's binding table (which cards recharge which meters) written over the line.
  'acrtBindings',
  // An ACRT terminal's clock set to the office's time (对时) and read back.
  'timeSync',
  // One member of a 批量充值: the office's grant (an amount, or the month's free allowance) sent
  // to an NK meter over the line, at most once per batch.
  'batchRecharge',
] as const;
export type DeviceOperationKind = (typeof DEVICE_OPERATION_KINDS)[number];

/**
 * What settles an unsettled operation of each kind: the card read again, the meter answering on
 * the line, or (held credit) the supervisor's list of credit still on meters. The 待确认 list says
 * it; one table here so a new kind cannot be left out (the compiler asks for it).
 */
export const SETTLED_BY: Record<DeviceOperationKind, 'card' | 'meter' | 'held'> = {
  cardSale: 'card',
  remoteRecharge: 'meter',
  reversal: 'card',
  balancePreset: 'meter',
  heldCredit: 'held',
  relayCommand: 'meter',
  limitPush: 'meter',
  boxControlPush: 'meter',
  tariffPush: 'meter',
  cardIssue: 'card',
  cardReissue: 'card',
  cardRewrite: 'card',
  cardErase: 'card',
  managementCard: 'card',
  acrtBindings: 'meter',
  timeSync: 'meter',
  batchRecharge: 'meter',
};

/** One unsettled operation: what it is, on which card or meter, for whom, since when. */
export interface PendingOperationView {
  id: number;
  kind: DeviceOperationKind;
  target: 'card' | 'remote' | 'simulated';
  cardNo: string | null;
  meterNo: string | null;
  accountNo: string | null;
  customerName: string | null;
  /** The receipt a pending sale or reversal holds its number on. */
  receiptNo: number | null;
  since: string;
  operatorName: string;
}

/**
 * Kinds a supervisor may void by hand from 待确认: a card being made (a tenant's, or a management
 * card) whose plastic never came back to the reader, lost or never written. No money rides on
 * them (a card fee is voided with its card), and nothing else can settle one whose card is gone.
 */
export const ABANDONABLE_KINDS = [
  'cardIssue',
  'cardReissue',
  'managementCard',
] as const satisfies readonly DeviceOperationKind[];

export const journalMethods = {
  /** 待确认: the device operations not settled yet, oldest first. */
  'journal.pending': method<PendingOperationView[]>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['sales', 'accounts', 'meters', 'managementCards'],
  }),
  /** 作废: a card being made whose plastic is lost or was never written (ABANDONABLE_KINDS). */
  'journal.abandon': method<{ id: number; kind: DeviceOperationKind; cardNo: string }>()({
    input: z
      .object({ id: z.number().int().positive(), reason: freeText(200, { min: 1 }) })
      .strict(),
    access: 'journal.abandon',
    mutating: true,
    data: ['sales', 'accounts', 'meters', 'managementCards'],
  }),
} as const;
