// Credit taken off an NK meter over the line (余额预置), so money the office pays back leaves the
// meter with it: a refund leaves the meter holding the rest, closing leaves it at 0. Journaled in
// the device journal: begun pending with what the meter held and is to hold, the preset sent, the
// meter's money read back; the caller resolves it committed in the transaction that books the
// refund, so "paid back" and "taken off" are one fact. A reply lost on the way leaves the row
// pending; the next attempt on that meter reads it first and either finds the preset landed (and
// books what it took off, once) or voids the row and starts again.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import type { MeterView } from '../../shared/api/ledgerTypes';
import type { PurchaseTarget } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { formatYuan } from '../../shared/units';
import type { DeviceJournal, DeviceOperation } from '../journal/deviceJournalStore';
import type { AccountRecord } from '../ledger/accountStore';
import { takesCard, type MeterStore } from '../ledger/meterStore';
import type { OfficeSecretStore } from '../office/secretStore';
import type { SettingsStore } from '../office/settingsStore';
import type { Write } from '../db/unitOfWork';
import { deviceOf, type LineAddress, type OfficeMeterLine } from './officeMeterLine';

/** What a balance preset records before it is sent. */
export interface PresetPayload {
  meterNo: string;
  /** What the meter held when it was read just before. */
  beforeFen: number;
  /** What it is to hold afterwards. */
  afterFen: number;
  /** The meter's own purchase count then: the preset applies only at it. */
  purchaseCount: number;
  /**
   * `book`: the device first, then the books (a refund is booked once the money left the meter;
   * a lost answer waits for the next attempt at the till). `apply`: the books first, then the
   * device (a replacement meter is to hold the carried balance; reconciliation sends it until
   * the meter reads back the figure).
   */
  settle?: 'book' | 'apply';
}

/** Credit taken off a meter, ready to be booked: resolve `operation` with the refund. */
export interface TakenOff {
  operation: DeviceOperation<PresetPayload>;
  beforeFen: number;
  afterFen: number;
}

/**
 * A preset reads back as done when the meter holds the figure, or a few fen less: a running
 * meter spends between the preset and the read.
 */
const READ_BACK_SLACK_FEN = 10;
export const landedAt = (remainingFen: number, afterFen: number) =>
  remainingFen <= afterFen && remainingFen >= afterFen - READ_BACK_SLACK_FEN;

export interface MeterCreditDeps {
  journal: DeviceJournal;
  line: OfficeMeterLine;
  meters: MeterStore;
  secret: OfficeSecretStore;
  settings: SettingsStore;
  /** Where this office delivers purchases: credit is taken off where the line delivers them. */
  target: PurchaseTarget;
}

export class MeterCreditDesk {
  constructor(private readonly deps: MeterCreditDeps) {}

  /** An NK meter the office recharges over its own line (not a card meter, not via an ACRT). */
  onTheLine(account: AccountRecord): boolean {
    // 主站计费: the money is the office's, none is on the meter to take off or put on.
    if (account.billing === 'office') return false;
    const meter = this.deps.meters.byId(account.meterId);
    return (
      !!meter &&
      !takesCard(meter) &&
      this.deps.target.kindOf({ accountNo: account.accountNo, meterNo: meter.meterNo }) === 'remote'
    );
  }

  /** The meter's unsettled preset, if a reply was lost: sales and refunds wait for it. */
  pending(meterId: number): DeviceOperation<PresetPayload> | undefined {
    return this.deps.journal.pendingOnMeter<PresetPayload>(meterId, ['balancePreset']);
  }

  /**
   * Sets the meter to hold `target(held)` of what it holds now, journaled, and reads it back.
   * `target` sees the money the meter holds at this moment and refuses (throws) what cannot be
   * taken. Resolve the returned operation inside the transaction that books the refund.
   */
  async takeOff(
    account: AccountRecord,
    target: (heldFen: number) => number,
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<TakenOff> {
    const meter = this.deps.meters.byId(account.meterId)!;
    const earlier = await this.settleEarlier(meter, now, write);
    if (earlier) return earlier;
    const reading = await this.read(meter);
    const afterFen = target(reading.remainingFen);
    if (afterFen < 0 || afterFen > reading.remainingFen)
      throw new AppError('REFUND_OVER_REFUNDABLE', { max: formatYuan(reading.remainingFen) });
    const payload: PresetPayload = {
      meterNo: meter.meterNo,
      beforeFen: reading.remainingFen,
      afterFen,
      purchaseCount: reading.purchaseCount,
      settle: 'book',
    };
    const operation = write(() =>
      this.deps.journal.begin(
        {
          kind: 'balancePreset',
          target: 'remote',
          meterId: meter.id,
          accountId: account.id,
          payload,
          operatorId,
        },
        now.toISOString(),
      ),
    );
    let after: number;
    try {
      after = (await this.send(meter, payload)).remainingFen;
    } catch (error) {
      // Unanswered, or the line broke: the preset may have landed, so the row stays pending and
      // the next attempt reads the meter before anything else. Refused or not sendable: nothing
      // changed on the meter.
      const code = error instanceof AppError ? error.code : null;
      if (code === 'METER_NO_ANSWER' || code === 'METER_LINE_FAILED')
        throw new AppError(
          'METER_PRESET_UNCONFIRMED',
          { meterNo: meter.meterNo },
          { cause: error },
        );
      write(() => this.void(operation, { error: code }, now));
      throw error;
    }
    if (!landedAt(after, afterFen)) {
      write(() => this.void(operation, { readBackFen: after }, now));
      throw new AppError('METER_PRESET_NOT_TAKEN', {
        meterNo: meter.meterNo,
        held: formatYuan(after),
      });
    }
    return { operation, beforeFen: payload.beforeFen, afterFen };
  }

  /**
   * Inside the transaction that books it: the meter is to hold `afterFen` (a replacement meter's
   * carried balance). Send it with `apply`; until it reads back, the meter's sales wait.
   */
  plan(
    meter: MeterView,
    accountId: number,
    figures: { beforeFen: number; afterFen: number; purchaseCount: number },
    operatorId: number,
    at: string,
  ): DeviceOperation<PresetPayload> {
    return this.deps.journal.begin<PresetPayload>(
      {
        kind: 'balancePreset',
        target: 'remote',
        meterId: meter.id,
        accountId,
        payload: { meterNo: meter.meterNo, ...figures, settle: 'apply' },
        operatorId,
      },
      at,
    );
  }

  /**
   * Drives the meter to a planned figure: done if it reads so already, else sent at the meter's
   * count and read back. A line that fails leaves the row pending for the next try.
   */
  async apply(
    operation: DeviceOperation<PresetPayload>,
    meter: MeterView,
    now: Date,
    write: Write,
  ): Promise<void> {
    const { afterFen, purchaseCount } = operation.payload;
    const reading = await this.read(meter);
    let heldFen = reading.remainingFen;
    if (!(reading.purchaseCount === purchaseCount && landedAt(heldFen, afterFen))) {
      if (reading.purchaseCount !== purchaseCount)
        throw new AppError('METER_PRESET_NOT_TAKEN', {
          meterNo: meter.meterNo,
          held: formatYuan(heldFen),
        });
      heldFen = (await this.send(meter, operation.payload)).remainingFen;
      if (!landedAt(heldFen, afterFen))
        throw new AppError('METER_PRESET_NOT_TAKEN', {
          meterNo: meter.meterNo,
          held: formatYuan(heldFen),
        });
    }
    write(() =>
      this.deps.journal.resolve(
        operation.id,
        'committed',
        { afterFen, readBackFen: heldFen },
        now.toISOString(),
      ),
    );
  }

  /**
   * Before a sale on the meter: a planned preset still unconfirmed is sent now. True when nothing
   * is left unsettled on the meter; false when a refund's preset waits for the till.
   */
  async settleBeforeSale(meterId: number, now: Date, write: Write): Promise<boolean> {
    const pending = this.pending(meterId);
    if (!pending) return true;
    if (pending.payload.settle !== 'apply') return false;
    await this.apply(pending, this.deps.meters.byId(meterId)!, now, write);
    return true;
  }

  /** Start-up: every planned preset is sent until its meter reads it back. */
  async reconcile(now: Date, write: Write): Promise<{ done: number; waiting: number }> {
    const report = { done: 0, waiting: 0 };
    for (const preset of this.deps.journal.allPending<PresetPayload>(['balancePreset'])) {
      if (preset.payload.settle !== 'apply') continue;
      try {
        await this.apply(preset, this.deps.meters.byId(preset.meterId!)!, now, write);
        report.done += 1;
      } catch {
        report.waiting += 1;
      }
    }
    return report;
  }

  /** Inside the booking transaction: the preset is part of the books from now on. */
  commit(taken: TakenOff, at: string): void {
    this.deps.journal.resolve(
      taken.operation.id,
      'committed',
      { beforeFen: taken.beforeFen, afterFen: taken.afterFen },
      at,
    );
  }

  /**
   * An earlier preset on this meter whose answer was lost: landed (the meter holds its figure and
   * still its count) it is returned to be booked now, whatever this attempt asked for; otherwise
   * it is voided and this attempt starts afresh.
   */
  private async settleEarlier(meter: MeterView, now: Date, write: Write): Promise<TakenOff | null> {
    const earlier = this.pending(meter.id);
    if (!earlier) return null;
    if (earlier.payload.settle === 'apply') {
      await this.apply(earlier, meter, now, write);
      return null;
    }
    const reading = await this.read(meter);
    const { afterFen, beforeFen, purchaseCount } = earlier.payload;
    if (reading.purchaseCount === purchaseCount && landedAt(reading.remainingFen, afterFen))
      return { operation: earlier, beforeFen, afterFen };
    write(() => this.void(earlier, { readBackFen: reading.remainingFen }, now));
    return null;
  }

  private void(operation: DeviceOperation, outcome: unknown, now: Date) {
    this.deps.journal.resolve(operation.id, 'voided', outcome, now.toISOString());
  }

  /**
   * Sends a preset to `afterFen` at the meter's count `purchaseCount` and returns what the meter
   * reads afterwards, unjournaled: for a caller whose own journal row covers it.
   */
  presetTo(meter: LineAddress, afterFen: number, purchaseCount: number) {
    return this.send(meter, { meterNo: meter.meterNo, beforeFen: 0, afterFen, purchaseCount });
  }

  /** What the meter holds and has counted, read over the line now. */
  read(meter: LineAddress) {
    return this.deps.line.use(meter.meterNo, (client) => client.purchaseReading(deviceOf(meter)));
  }

  private send(meter: LineAddress, payload: PresetPayload) {
    const secret = this.deps.secret.read();
    if (!secret) throw new AppError('METER_LINE_FAILED', { line: '', detail: 'no office secret' });
    const device = deviceOf(meter);
    return this.deps.line.use(meter.meterNo, (client) =>
      client.presetBalance(
        device,
        {
          presetFen: payload.afterFen,
          purchaseCount: payload.purchaseCount,
          operator: this.deps.settings.meterOperatorCode(),
        },
        meterRechargeKey(secret.secret, device.address),
      ),
    );
  }
}
