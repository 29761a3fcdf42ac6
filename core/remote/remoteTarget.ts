// Sales delivered by remote recharge (远程充值) to an NK meter on the office's RS485 line. The
// journal (core/ledger/sales.ts) records the sale pending, this target sends the recharge and reads
// the meter back: its purchase count (03330201) and cumulative purchased money (03330601) say
// whether the purchase landed. The meter only loads count + 1, so a recharge repeated after a lost
// reply is refused by the meter, never loaded twice.
import { meterRechargeKey } from '../../meter-link/dlt645/recharge';
import { MeterRefusal } from '../../meter-link/devices/meterClient';
import {
  inOneSession,
  type PurchaseTarget,
  type PurchaseWrite,
  type SessionWrite,
  type TargetKind,
  type TargetRef,
  type TargetState,
} from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import type { AccountRecord, AccountStore } from '../ledger/accountStore';
import { takesCard, type MeterStore } from '../ledger/meterStore';
import type { OfficeSecretStore } from '../office/secretStore';
import type { SettingsStore } from '../office/settingsStore';
import type { MeterView } from '../../shared/api/ledgerTypes';
import { deviceOf, type OfficeMeterLine } from './officeMeterLine';

export interface RemoteTargetDeps {
  line: OfficeMeterLine;
  accounts: AccountStore;
  meters: MeterStore;
  secret: OfficeSecretStore;
  settings: SettingsStore;
}

/** The account number as the meter's 12-digit customer number. */
export const customerNoOf = (accountNo: string) => accountNo.padStart(12, '0');

export class RemoteTarget implements PurchaseTarget {
  constructor(private readonly deps: RemoteTargetDeps) {}

  kindOf(): TargetKind {
    return 'remote';
  }

  private resolve(ref: TargetRef): { account: AccountRecord; meter: MeterView } {
    const account = this.deps.accounts.byAccountNo(ref.accountNo);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    const meter = this.deps.meters.byId(account.meterId)!;
    if (takesCard(meter)) throw new AppError('METER_NOT_ON_LINE', { meterNo: meter.meterNo });
    return { account, meter };
  }

  async read(ref: TargetRef): Promise<TargetState> {
    const { account, meter } = this.resolve(ref);
    const reading = await this.deps.line.use(meter.meterNo, (client) =>
      client.purchaseReading(deviceOf(meter)),
    );
    // The meter's own figures, as the account's: less earlier tenants' money, through the
    // offsets of a replacement meter.
    const { count, cumulativeFen } = account.meterOffsets;
    const purchaseCount = reading.purchaseCount + count;
    return {
      purchaseCount,
      cumulativePurchasedFen:
        reading.cumulativePurchasedFen -
        this.deps.accounts.earlierOnMeter(account.meterId, account.id) +
        cumulativeFen,
      // The meter loads a remote purchase as it takes it: nothing waits to be loaded.
      loadedCount: purchaseCount,
      remainingFen: reading.remainingFen,
    };
  }

  async write(purchase: PurchaseWrite): Promise<TargetState> {
    // Money once on an NK meter is spent from there: there is no taking it back over the bus.
    if (purchase.amountFen <= 0) throw new AppError('SALE_ALREADY_LOADED');
    const { account, meter } = this.resolve(purchase);
    const secret = this.deps.secret.read();
    if (!secret) throw new AppError('METER_LINE_FAILED', { line: '', detail: 'no office secret' });
    const now = await this.read(purchase);
    // Sent already (a retry after a lost reply): nothing more to do.
    if (
      now.purchaseCount === purchase.purchaseCount &&
      now.cumulativePurchasedFen === purchase.cumulativeAfterFen
    )
      return now;
    if (now.cumulativePurchasedFen !== purchase.cumulativeBeforeFen)
      throw new AppError('TARGET_MISMATCH', {
        target: (now.cumulativePurchasedFen / 100).toFixed(2),
        ledger: (purchase.cumulativeBeforeFen / 100).toFixed(2),
      });
    try {
      await this.deps.line.use(meter.meterNo, (client) =>
        client.recharge(
          deviceOf(meter),
          {
            amountFen: purchase.amountFen,
            // The meter counts its own purchases: a replacement meter started from its own.
            purchaseCount: purchase.purchaseCount - account.meterOffsets.count,
            customerNo: customerNoOf(purchase.accountNo),
            operator: this.deps.settings.meterOperatorCode(),
          },
          // The key is the one the meter (or the box's circuit) was installed with, by its address.
          meterRechargeKey(secret.secret, deviceOf(meter).address),
        ),
      );
    } catch (error) {
      // "Repeated": an earlier try of this very recharge landed and its reply was lost. The
      // read below shows it; any other refusal is the answer the cashier needs.
      const repeated =
        error instanceof AppError &&
        error.code === 'METER_REFUSED' &&
        error.cause instanceof MeterRefusal &&
        error.cause.reasons.includes('repeated-recharge');
      if (!repeated) throw error;
    }
    return this.read(purchase);
  }
}

/**
 * One target for the office: card meters and NK meters behind an ACRT through the tenant's card,
 * the other NK and remote meters over the RS485 line.
 */
export class DeliveryRouter implements PurchaseTarget {
  constructor(
    private readonly onCard: (ref: TargetRef) => boolean,
    private readonly card: PurchaseTarget,
    private readonly remote: PurchaseTarget,
  ) {}

  private pick(ref: TargetRef): PurchaseTarget {
    return this.onCard(ref) ? this.card : this.remote;
  }

  kindOf(ref: TargetRef): TargetKind {
    return this.pick(ref).kindOf(ref);
  }

  read(ref: TargetRef): Promise<TargetState> {
    return this.pick(ref).read(ref);
  }

  write(purchase: PurchaseWrite): Promise<TargetState> {
    return this.pick(purchase).write(purchase);
  }

  session<T>(ref: TargetRef, use: (state: TargetState, write: SessionWrite) => Promise<T>) {
    return inOneSession(this.pick(ref), ref, use);
  }
}
