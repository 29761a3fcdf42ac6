// Scheduled polling of the meter line: every so many minutes (the office's setting, 0 for never)
// each NK meter in service is read in turn, as the system. The readings make the history that
// the consumption checks read, raise and clear low-credit and no-answer alarms, and settle any
// recharge left unconfirmed by a dropped line. Every minute, whatever the polling interval, the
// meters waiting for a tariff that came into force are pushed it (tariffPushes.ts).
import type { MeterStore } from '../ledger/meterStore';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../office/settingsStore';
import type { MeterDesk } from './meterDesk';
import type { TariffPushes } from './tariffPushes';

export interface PollerDeps {
  meters: Pick<MeterStore, 'polled'>;
  desk: MeterDesk;
  tariffPushes?: TariffPushes;
  heldCredits?: { settleAll(now: Date, write: Write): Promise<unknown> };
  /** 基础免费电量: the month's allowance batch, once the month has begun. */
  allowance?: { grantMonthlyAllowance(write: Write): Promise<unknown> };
  /** The campus calendar: box circuits switched to the day's time table. */
  calendar?: { apply(now: Date, write: Write): Promise<unknown> };
  /** 主站计费: relays to trip or restore for the office-billed accounts' balances. */
  billingRelay?: { enforceAll(now: Date, write: Write): Promise<unknown> };
  settings: SettingsStore;
  log: Logger;
  clock: () => Date;
  write: Write;
}

export interface PollOutcome {
  meters: number;
  answered: number;
}

export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private lastPollAt = 0;
  private polling: Promise<PollOutcome> | null = null;

  constructor(private readonly deps: PollerDeps) {}

  /** Looks once a minute whether a poll is due. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), 60_000);
    this.timer.unref();
  }

  /** What the minute's timer does: due tariff pushes, then a poll if one is due. */
  async tick(): Promise<void> {
    if (this.deps.settings.meterLine() === null) return;
    // A price change reaches the meters at its instant, polling or not; credit held on a meter
    // that did not answer at closing is taken off as soon as it does.
    await this.deps.tariffPushes
      ?.pushDue(this.deps.clock(), this.deps.write)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'tariff pushes failed'));
    await this.deps.heldCredits
      ?.settleAll(this.deps.clock(), this.deps.write)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'held credits failed'));
    // A purchase restores an office-billed meter at once; one that did not answer, here.
    await this.enforceBilling();
    await this.deps.allowance
      ?.grantMonthlyAllowance(this.deps.write)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'monthly allowance failed'));
    await this.deps.calendar
      ?.apply(this.deps.clock(), this.deps.write)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'calendar switch failed'));
    const minutes = this.deps.settings.pollIntervalMinutes();
    if (minutes === 0) return;
    if (this.deps.clock().getTime() - this.lastPollAt < minutes * 60_000) return;
    await this.pollAll().catch((error: unknown) =>
      this.deps.log.error({ err: error }, 'meter poll failed'),
    );
  }

  /** Reads every meter on the line once; a poll already going is joined, not doubled. */
  pollAll(): Promise<PollOutcome> {
    this.polling ??= this.run().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async run(): Promise<PollOutcome> {
    this.lastPollAt = this.deps.clock().getTime();
    const meters = this.deps.meters.polled();
    let answered = 0;
    for (const { id } of meters) {
      try {
        await this.deps.desk.poll(id, this.deps.clock(), this.deps.write);
        answered += 1;
      } catch (error) {
        // One silent meter does not stop the round; its alarm says so.
        this.deps.log.info({ err: error, meterId: id }, 'meter did not answer the poll');
      }
    }
    this.deps.log.info({ meters: meters.length, answered }, 'meter poll done');
    // The readings were charged; a balance that reached zero trips its meter now.
    await this.enforceBilling();
    return { meters: meters.length, answered };
  }

  private async enforceBilling(): Promise<void> {
    await this.deps.billingRelay
      ?.enforceAll(this.deps.clock(), this.deps.write)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'billing relays failed'));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
