// What a start settles before anyone sells again: purchases left pending by a crash or a pulled
// card, operations no ledger figure waits on cut off by a stop, carried balances and price pushes
// whose outcome nobody saw (decision 0025 lists what settles every kind).
import type { DeviceOperationKind } from '../../shared/api/journal';
import {
  LINE_COMMAND_KINDS,
  LINE_INTERRUPTED,
  METER_MONEY_KINDS,
  READ_BACK_KINDS,
} from '../journal/deviceJournalStore';
import type { CoreServices } from '../services';
import { systemWrite } from '../writes';
import type { MeterRoom } from './meterRoom';

export async function settleAtStart(
  services: CoreServices,
  room: Pick<MeterRoom, 'unconfirmedPushes'>,
): Promise<void> {
  const { journal, log, clock } = services;
  const write = systemWrite(services, 'system.reconcile');
  const reconciled = await services.sales.reconcile(clock(), write);
  if (reconciled.committed + reconciled.voided + reconciled.stillPending > 0) {
    log.warn({ ...reconciled }, 'pending hardware operations reconciled at start-up');
  }
  // Operations no ledger figure waits on, cut off by a stop, are closed as such: a relay command
  // (the meters page shows it; it is sent again by hand once the meter is read, or by the
  // office's billing), an ACRT terminal's binding table or clock (the terminals page shows the
  // last one done; the supervisor sends it again) and a card rewrite or erase (the card is read
  // as it is, a torn one mended). Tariff and limit pushes are read back from their meters
  // instead (unconfirmedPushes.ts).
  const closedAtStart: DeviceOperationKind[] = [
    ...LINE_COMMAND_KINDS.filter((kind) => !(READ_BACK_KINDS as readonly string[]).includes(kind)),
    'acrtBindings',
    'timeSync',
  ];
  if (journal.allPending([...closedAtStart, 'cardRewrite', 'cardErase']).length > 0) {
    const at = clock().toISOString();
    const interrupted = write(
      () => ({
        commands: journal.voidInterrupted(closedAtStart, LINE_INTERRUPTED, at),
        cardWrites: journal.voidInterrupted(
          ['cardRewrite', 'cardErase'],
          'interrupted: the office stopped while the card was written',
          at,
        ),
      }),
      (closed) => ({ interrupted: closed }),
    );
    log.warn(interrupted, 'device operations interrupted by a stop');
  }
  // Carried balances not yet confirmed on their replacement meters are sent again, in the
  // background: a silent meter must not hold up the start (each sale on it tries again too).
  if (journal.allPending(METER_MONEY_KINDS).length > 0) {
    void services.meterCredit
      .reconcile(clock(), write)
      .then(async (report) => {
        const held = await services.heldCredits.settleAll(clock(), write);
        log.info({ ...report, held }, 'device operations reconciled at start-up');
      })
      .catch((error: unknown) => log.error({ err: error }, 'device reconciliation failed'));
  }
  if (journal.allPending(READ_BACK_KINDS).length > 0)
    void room.unconfirmedPushes
      .settle(write)
      .then((report) => log.info(report, 'unconfirmed pushes read back at start-up'))
      .catch((error: unknown) => log.error({ err: error }, 'unconfirmed pushes failed'));
}
