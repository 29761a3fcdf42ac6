// Credit held on an NK meter that could not be reached when its account closed (or was suspended
// with a refund): the account closes, the refund waits as "credit still on the meter", the meter
// takes no new account, and whenever the meter answers (the poller's minute, start-up, or a
// supervisor's retry) the credit is taken off it (a balance preset to 0) and the refund booked with
// what it gave back, in one transaction, once. Journaled as a device operation (heldCredit): what
// the meter held and its count are noted before the preset goes out, so a crash after it landed
// books that figure, not the 0 the meter reads afterwards.
import type { PaymentMethod } from '../../shared/api/ledgerTypes';
import type { HeldCreditView } from '../../shared/api/meterLink';
import { AppError } from '../../shared/errors';
import { formatYuan } from '../../shared/units';
import type { DeviceJournal, DeviceOperation } from '../journal/deviceJournalStore';
import type { AccountRecord, AccountStore } from '../ledger/accountStore';
import type { MeterStore } from '../ledger/meterStore';
import type { RefundService } from '../ledger/refunds';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import { landedAt, type MeterCreditDesk } from './meterCredit';

export interface HeldCreditPayload {
  meterNo: string;
  /** How the refund is paid once the meter gives the money back, and why. */
  paymentMethod: PaymentMethod;
  reason: string;
  /** Noted just before the preset is sent: what the meter held, and its count then. */
  beforeFen?: number;
  purchaseCount?: number;
}

export interface HeldCreditDeps {
  journal: DeviceJournal;
  credit: MeterCreditDesk;
  meters: MeterStore;
  accounts: AccountStore;
  refunds: RefundService;
  log: Logger;
}

export class HeldCredits {
  constructor(private readonly deps: HeldCreditDeps) {}

  /** Inside the closing transaction: the refund waits for the meter. */
  hold(
    account: AccountRecord,
    refund: { paymentMethod: PaymentMethod; reason: string },
    operatorId: number,
    at: string,
  ): DeviceOperation<HeldCreditPayload> {
    const meter = this.deps.meters.byId(account.meterId)!;
    return this.deps.journal.begin<HeldCreditPayload>(
      {
        kind: 'heldCredit',
        target: 'remote',
        meterId: meter.id,
        accountId: account.id,
        payload: { meterNo: meter.meterNo, ...refund },
        operatorId,
      },
      at,
    );
  }

  /** Whether a closed account's credit still waits on this meter: it takes no new account. */
  heldOn(meterId: number): boolean {
    return this.deps.journal.pendingOnMeter(meterId, ['heldCredit']) !== undefined;
  }

  list(): HeldCreditView[] {
    return this.deps.journal.heldCredits();
  }

  /**
   * Takes the held credit off its meter and books the refund. Throws what the line says when the
   * meter still does not answer; the row stays for the next try.
   */
  async settle(id: number, now: Date, write: Write): Promise<void> {
    const { journal, credit, meters, accounts, refunds } = this.deps;
    const held = journal.byId<HeldCreditPayload>(id);
    if (!held || held.state !== 'pending' || held.kind !== 'heldCredit') return;
    const meter = meters.byId(held.meterId!)!;
    let payload = held.payload;
    const reading = await credit.read(meter);
    const landed =
      payload.beforeFen !== undefined &&
      reading.purchaseCount === payload.purchaseCount &&
      landedAt(reading.remainingFen, 0);
    if (!landed) {
      payload = {
        ...payload,
        beforeFen: reading.remainingFen,
        purchaseCount: reading.purchaseCount,
      };
      const noted = payload;
      write(() => journal.note(held.id, noted));
      const after = await credit.presetTo(meter, 0, reading.purchaseCount);
      if (!landedAt(after.remainingFen, 0))
        throw new AppError('METER_PRESET_NOT_TAKEN', {
          meterNo: meter.meterNo,
          held: formatYuan(after.remainingFen),
        });
    }
    const beforeFen = payload.beforeFen!;
    const at = now.toISOString();
    write(
      () => {
        const account = accounts.byId(held.accountId!)!;
        const basis = refunds.takenOff(
          {
            account,
            loadedCount: account.loadedCount,
            remainingFen: beforeFen,
            source: 'meter',
            fromCard: true,
            refundableFen: 0,
          },
          beforeFen,
        );
        const refundId =
          basis.refundableFen > 0
            ? refunds.record(
                basis,
                {
                  kind: 'closing',
                  amountFen: basis.refundableFen,
                  paymentMethod: payload.paymentMethod,
                  reason: payload.reason,
                  operatorId: held.operatorId,
                  approverId: held.operatorId,
                  takenOffMeter: true,
                },
                at,
              )
            : null;
        accounts.clearMeterCredit(account.id, at);
        journal.resolve(held.id, 'committed', { beforeFen, refundId }, at);
        return refundId;
      },
      (refundId) => ({ heldCredit: held.id, meterNo: meter.meterNo, beforeFen, refundId }),
    );
  }

  /** The poller's minute and start-up: every held credit whose meter answers now is settled. */
  async settleAll(now: Date, write: Write): Promise<{ settled: number; waiting: number }> {
    const report = { settled: 0, waiting: 0 };
    for (const held of this.deps.journal.allPending<HeldCreditPayload>(['heldCredit'])) {
      try {
        await this.settle(held.id, now, write);
        report.settled += 1;
      } catch (error) {
        report.waiting += 1;
        this.deps.log.info({ err: error, operation: held.id }, 'held credit waits for its meter');
      }
    }
    return report;
  }
}
