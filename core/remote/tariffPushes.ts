// 调价下发 by itself: an NK meter on the line holds its account's prices, so when a scheduled
// price change (a tariff's new version) comes into force, or an account is opened or moved onto a
// meter, the meter is waiting for the version in force until a push of it has been read back.
// The poller's tick pushes every waiting meter (as the supervisor who scheduled the version), a
// silent meter is tried again on the next tick, and 电价 / 电表 list what still waits. A meter that
// cannot hold the tariff (stepped prices, a profile without a price map) is listed as such: the
// office prices those itself at the sale.
import { mappingOf } from '../../meter-link/profiles/profiles';
import type { TariffPushView } from '../../shared/api/meterLink';
import type { Write } from '../db/unitOfWork';
import type { TariffStore } from '../ledger/tariffStore';
import type { Logger } from '../log/logger';
import type { UnconfirmedPushes } from './unconfirmedPushes';
import type { MeterDesk } from './meterDesk';
import type { TariffPushStore } from './tariffPushStore';

/**
 * A meter that did not take a push is tried again after this long, not at every minute's tick:
 * a silent meter would otherwise leave a failed command a minute in the journal all day.
 */
export const RETRY_AFTER_MS = 5 * 60_000;

export interface TariffPushDeps {
  store: TariffPushStore;
  tariffs: TariffStore;
  desk: MeterDesk;
  log: Logger;
  /** Pushes whose outcome nobody saw: read back first, and their meters wait till then. */
  unconfirmed?: UnconfirmedPushes;
}

export class TariffPushes {
  /** The run in progress: runs go one after another (see pushDue). */
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: TariffPushDeps) {}

  /** Every meter on the line whose account's tariff in force is not on it yet. */
  waiting(now: Date): TariffPushView[] {
    const out: TariffPushView[] = [];
    for (const m of this.deps.store.onTheLine()) {
      const version = this.deps.tariffs.versionAt(m.tariffId, now);
      if (!version) continue;
      const done = this.deps.store.lastDone(m.meterId);
      if (done === version.id) continue;
      const tried = this.deps.store.lastTry(m.meterId);
      const canHold =
        version.definition.kind !== 'stepped' &&
        mappingOf(m.model, 'setPrices', m.protocol).mapping.kind !== 'unavailable';
      out.push({
        meterId: m.meterId,
        meterNo: m.meterNo,
        accountNo: m.accountNo,
        customerName: m.customerName,
        tariffName: m.tariffName,
        versionId: version.id,
        effectiveFrom: version.effectiveFrom,
        state: canHold ? 'waiting' : 'cannotHold',
        lastTriedAt: tried && tried.versionId === version.id ? tried.createdAt : null,
        lastError: tried && tried.versionId === version.id ? tried.error : null,
      });
    }
    return out;
  }

  /**
   * Pushes every waiting meter once, in meter order; one silent meter does not stop the rest,
   * and is tried again once RETRY_AFTER_MS has passed (at once when a supervisor says "push now").
   * Called by the poller's tick, and by a supervisor's "push now". Runs go one after another: a
   * "push now" pressed while the minute's run is still waiting on a silent meter would otherwise
   * push the same meters beside it, and its count would miss a meter the other run took.
   */
  pushDue(
    now: Date,
    write: Write,
    options: { now?: boolean } = {},
  ): Promise<{ pushed: number; failed: number }> {
    const run = this.running.then(() => this.pushOnce(now, write, options));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async pushOnce(
    now: Date,
    write: Write,
    options: { now?: boolean },
  ): Promise<{ pushed: number; failed: number }> {
    let pushed = 0;
    let failed = 0;
    await this.deps.unconfirmed?.settle(write);
    const unsettled = this.deps.unconfirmed?.metersWaiting() ?? new Set();
    for (const push of this.waiting(now)) {
      if (push.state !== 'waiting') continue;
      if (unsettled.has(push.meterId)) continue;
      // The poller waits out a silent meter; a supervisor asking now does not.
      const recent =
        push.lastTriedAt && now.getTime() - new Date(push.lastTriedAt).getTime() < RETRY_AFTER_MS;
      if (recent && !options.now) continue;
      try {
        await this.deps.desk.pushTariff(
          { meterId: push.meterId, reason: '调价生效自动下发' },
          this.deps.store.pusherOf(push.versionId, push.meterId),
          now,
          write,
        );
        pushed += 1;
      } catch (error) {
        failed += 1;
        this.deps.log.info(
          { err: error, meterNo: push.meterNo },
          'tariff push waits for the meter',
        );
      }
    }
    return { pushed, failed };
  }
}
