// 调价下发 by itself: an NK meter on the line holds its account's prices, so when a scheduled
// price change (a tariff's new version) comes into force, or an account is opened or moved onto a
// meter, the meter is waiting for the version in force until a push of it has been read back.
// The poller's tick pushes every waiting meter (as the supervisor who scheduled the version), a
// silent meter is tried again on the next tick, and 电价 / 电表 list what still waits. A meter that
// cannot hold the tariff (stepped prices, a profile without a price map) is listed as such: the
// office prices those itself at the sale.
import { mappingOf } from '../../meter-link/profiles/profiles';
import type { TariffPushView } from '../../shared/api/meterLink';
import { prepared, type Db } from '../db/open';
import { LINE_COMMAND_STATE_SQL } from '../journal/deviceJournal';
import type { Write } from '../ledger/sales';
import type { TariffStore } from '../ledger/tariffs';
import type { Logger } from '../log/logger';
import type { UnconfirmedPushes } from './unconfirmedPushes';
import type { MeterDesk } from './meterDesk';

/**
 * A meter that did not take a push is tried again after this long, not at every minute's tick:
 * a silent meter would otherwise leave a failed command a minute in the journal all day.
 */
export const RETRY_AFTER_MS = 5 * 60_000;

interface OnTheLine {
  meterId: number;
  meterNo: string;
  model: string;
  protocol: 'dlt645' | 'modbus';
  accountNo: string;
  customerName: string;
  tariffId: number;
  tariffName: string;
  openedBy: number | null;
}

interface LastPush {
  versionId: number | null;
  state: 'pending' | 'done' | 'failed';
  createdAt: string;
  error: string | null;
}

export interface TariffPushDeps {
  db: Db;
  tariffs: TariffStore;
  desk: MeterDesk;
  log: Logger;
  /** Pushes whose outcome nobody saw: read back first, and their meters wait till then. */
  unconfirmed?: UnconfirmedPushes;
}

export class TariffPushes {
  constructor(private readonly deps: TariffPushDeps) {}

  /** Every meter on the line whose account's tariff in force is not on it yet. */
  waiting(now: Date): TariffPushView[] {
    const out: TariffPushView[] = [];
    for (const m of this.onTheLine()) {
      const version = this.deps.tariffs.versionAt(m.tariffId, now);
      if (!version) continue;
      const done = this.lastDone(m.meterId);
      if (done === version.id) continue;
      const tried = this.lastTry(m.meterId);
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
   * Called by the poller's tick, and by a supervisor's "push now".
   */
  async pushDue(
    now: Date,
    write: Write,
    options: { now?: boolean } = {},
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
          this.pusherOf(push.versionId, push.meterId),
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

  private onTheLine(): OnTheLine[] {
    return prepared(
      this.deps.db,
      `SELECT m.id AS meterId, m.meter_no AS meterNo, m.model, m.protocol, a.account_no AS accountNo,
         c.name AS customerName, a.tariff_id AS tariffId, t.name AS tariffName, a.opened_by AS openedBy
       FROM meters m JOIN accounts a ON a.meter_id = m.id AND a.state <> 'closed'
       JOIN customers c ON c.id = a.customer_id JOIN tariffs t ON t.id = a.tariff_id
       WHERE m.kind <> 'card' AND m.via_acrt = 0 AND m.state = 'in_service'
       ORDER BY m.meter_no, m.circuit`,
    ).all() as OnTheLine[];
  }

  /** The tariff version the meter last read back after a push. */
  private lastDone(meterId: number): number | null {
    const row = prepared(
      this.deps.db,
      `SELECT json_extract(payload, '$.detail.tariffVersionId') AS versionId FROM device_operations
       WHERE meter_id = ? AND kind = 'tariffPush' AND state = 'committed' ORDER BY id DESC LIMIT 1`,
    ).get(meterId) as { versionId: number | null } | undefined;
    return row?.versionId ?? null;
  }

  private lastTry(meterId: number): LastPush | undefined {
    return prepared(
      this.deps.db,
      `SELECT json_extract(d.payload, '$.detail.tariffVersionId') AS versionId, ${LINE_COMMAND_STATE_SQL} AS state,
         d.created_at AS createdAt, json_extract(d.outcome, '$.error') AS error
       FROM device_operations d WHERE d.meter_id = ? AND d.kind = 'tariffPush' ORDER BY d.id DESC LIMIT 1`,
    ).get(meterId) as LastPush | undefined;
  }

  /**
   * Who a push by itself is recorded for: the supervisor who scheduled the version, else who
   * opened the account, else the first administrator.
   */
  private pusherOf(versionId: number, meterId: number): number {
    const row = prepared(
      this.deps.db,
      `SELECT coalesce(
         (SELECT created_by FROM tariff_versions WHERE id = ?),
         (SELECT opened_by FROM accounts WHERE meter_id = ? AND state <> 'closed'),
         (SELECT min(id) FROM operators WHERE role = 'admin')) AS id`,
    ).get(versionId, meterId) as { id: number };
    return row.id;
  }
}
