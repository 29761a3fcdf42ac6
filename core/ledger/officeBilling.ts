// 主站计费 in the books (decision 0023): for an account the office bills itself, each reading of
// its meter is priced from the registers the last charge reached to the reading's, by the tariff
// in force at the reading's time, and deducted from the office's balance — inside the reading's
// own transaction, so a reading is charged exactly once or not at all (billing_charges.reading_id
// is unique, and the next charge starts where this one ended). What the relay should do about
// the balance is said here; doing it over the line is the meter desk's (core/remote/billingRelay).
import { officeDay } from '../../shared/officeTime';
import { chargeForEnergy, chargeTouUsage, touRateAt, type Charge } from '../../shared/pricing';
import { TOU_RATES } from '../../shared/tariff';
import type { BillingChargeStore } from './billingChargeStore';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../office/settingsStore';
import type { AccountRecord, AccountStore, MeterRegisters } from './accountStore';
import type { TariffStore } from './tariffStore';

export interface ChargeResult {
  /** The first reading after opening: where billing starts, nothing charged. */
  baseline: boolean;
  amountFen: number;
  energy: number;
  balanceAfterFen: number;
}

export interface OfficeBillingDeps {
  charges: BillingChargeStore;
  accounts: AccountStore;
  tariffs: TariffStore;
  settings: SettingsStore;
  log: Logger;
}

/** The office month of an instant ('YYYY-MM'): stepped prices and the allowance count by it. */
const monthOf = (iso: string) => officeDay(iso).slice(0, 7);

export class OfficeBilling {
  constructor(private readonly deps: OfficeBillingDeps) {}

  /**
   * Prices and deducts a reading of an office-billed account's meter. Call inside the
   * transaction that stores the reading. A reading whose registers are behind what is billed
   * already (read late, or out of order) adds nothing; one from a meter that went backwards
   * (a reset, a swapped meter) is logged and charged nothing, never negative.
   */
  onReading(
    account: AccountRecord,
    readingId: number,
    registers: MeterRegisters,
    readAt: string,
    now: string,
  ): ChargeResult | null {
    if (account.billing !== 'office') return null;
    const { accounts } = this.deps;
    const billed = account.billedRegisters;
    if (!billed) {
      accounts.setBilledRegisters(account.id, registers);
      return { baseline: true, amountFen: 0, energy: 0, balanceAfterFen: account.officeBalanceFen };
    }
    const energy = registers.total - billed.total;
    if (energy <= 0) {
      if (energy < 0)
        this.deps.log.warn(
          { accountId: account.id, billed, registers },
          'meter registers behind what is billed: nothing charged',
        );
      return {
        baseline: false,
        amountFen: 0,
        energy: 0,
        balanceAfterFen: account.officeBalanceFen,
      };
    }
    const version = this.deps.tariffs.versionAt(account.tariffId, new Date(readAt));
    if (!version) {
      // Not priced now, and not lost: the registers stay where they were billed to.
      this.deps.log.error({ accountId: account.id }, 'no tariff in force to price a reading');
      return null;
    }
    const month = monthOf(readAt);
    const charge = this.price(
      version.definition,
      billed,
      registers,
      energy,
      readAt,
      account.id,
      month,
    );
    const balanceAfterFen = accounts.moveOfficeBalance(account.id, -charge.totalFen);
    accounts.setBilledRegisters(account.id, registers);
    this.deps.charges.insert({
      accountId: account.id,
      readingId,
      readAt,
      month,
      energy,
      amountFen: charge.totalFen,
      detail: { from: billed, to: registers, free: charge.free, lines: charge.lines },
      tariffVersionId: version.id,
      balanceAfterFen,
      chargedAt: now,
    });
    return { baseline: false, amountFen: charge.totalFen, energy, balanceAfterFen };
  }

  /**
   * Time-of-use from the per-rate registers when both ends have them; otherwise the energy at the
   * rate of the reading's time (frequent polls keep that close). Stepped and flat tariffs by the
   * month's use before this charge, the free allowance first.
   */
  private price(
    tariff: Parameters<typeof chargeForEnergy>[0],
    from: MeterRegisters,
    to: MeterRegisters,
    energy: number,
    readAt: string,
    accountId: number,
    month: string,
  ): Charge {
    const monthToDate = this.deps.charges.monthEnergy(accountId, month);
    if (tariff.kind !== 'tou') return chargeForEnergy(tariff, energy, monthToDate);
    if (from.rates && to.rates) {
      const usage = Object.fromEntries(
        TOU_RATES.map((rate, i) => [rate, Math.max(0, to.rates![i]! - from.rates![i]!)]),
      );
      return chargeTouUsage(tariff, usage, monthToDate);
    }
    return chargeTouUsage(tariff, { [touRateAt(tariff, readAt)]: energy }, monthToDate);
  }

  /**
   * The balance is spent (at or below minus the overdraft) and nothing keeps the power on; null
   * for an account the office does not bill (or one closed): its relay is not billing's.
   */
  private spent(account: AccountRecord): boolean | null {
    if (account.billing !== 'office' || account.state === 'closed') return null;
    const floor = -this.deps.settings.read().billingOverdraftFen;
    // 保电 puts power back as well as keeping it on.
    return account.officeBalanceFen <= floor && !account.keepPower;
  }

  /** What the relay of an office-billed account should do now, if anything. */
  relayDue(account: AccountRecord): 'trip' | 'restore' | null {
    const spent = this.spent(account);
    if (spent === null) return null;
    if (account.billingTripped) return spent ? null : 'restore';
    return spent && account.state === 'active' ? 'trip' : null;
  }

  /**
   * What the relay should be told when the office does not know what it last did to it: off
   * (trip) when the balance is spent and nothing keeps the power on, else on (restore).
   */
  relayWanted(account: AccountRecord): 'trip' | 'restore' | null {
    const spent = this.spent(account);
    if (spent === null) return null;
    return spent && account.state === 'active' ? 'trip' : 'restore';
  }
}
