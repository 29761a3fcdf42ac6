// 主站计费 over the line (decision 0023): the office trips the relay of an office-billed account
// whose balance reached zero (or the overdraft limit), unless it is on 保电, and restores it once a
// purchase brings the balance back. Each command goes through the device journal like any relay
// command (committed when the meter reads back the relay it was told), and the account is marked
// tripped or not in that same transaction. A command cut off by a crash (voided at start-up as
// interrupted) leaves the relay unknown: the next turn sends what the balance asks for then,
// whatever the mark says — a trip or a restore sent twice does no harm, a missed one does.
import { AppError } from '../../shared/errors';
import {
  LINE_INTERRUPTED,
  type DeviceJournal,
  type LineCommandPayload,
} from '../journal/deviceJournalStore';
import type { AccountStore } from '../ledger/accountStore';
import type { OfficeBilling } from '../ledger/officeBilling';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import type { MeterDesk } from './meterDesk';

export interface BillingRelayDeps {
  accounts: AccountStore;
  journal: Pick<DeviceJournal, 'latestOnMeter'>;
  billing: OfficeBilling;
  /** The meter desk's journaled relay command (passed as a function: the desk calls us back). */
  relay: MeterDesk['relay'];
  log: Logger;
}

export const BILLING_REASONS = {
  trip: '主站计费：余额不足，自动拉闸',
  restore: '主站计费：已购电，恢复供电',
} as const;

export class BillingRelay {
  constructor(private readonly deps: BillingRelayDeps) {}

  /**
   * Does what the account's balance asks of its relay, if anything; returns what was done. A
   * meter that does not answer leaves it to the next poll (the journal keeps the attempt).
   */
  async enforce(accountId: number, now: Date, write: Write): Promise<'trip' | 'restore' | null> {
    const { accounts, billing, relay } = this.deps;
    const account = accounts.byId(accountId);
    if (!account) return null;
    const due = this.unsure(account.meterId)
      ? billing.relayWanted(account)
      : billing.relayDue(account);
    if (!due) return null;
    try {
      await relay(
        {
          meterId: account.meterId,
          command: due === 'trip' ? 'trip' : 'allowClose',
          reason: BILLING_REASONS[due],
        },
        this.operatorOf(accountId),
        now,
        write,
        () => accounts.setBillingTripped(accountId, due === 'trip'),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.deps.log.info({ err: error, accountId }, `billing ${due} waits for the meter`);
      return null;
    }
    return due;
  }

  /**
   * The office's last relay command to the meter was cut off (the office stopped while it was
   * sent): whether it reached the meter is not known, so the billing mark cannot be trusted.
   */
  private unsure(meterId: number): boolean {
    const last = this.deps.journal.latestOnMeter<LineCommandPayload>(meterId, ['relayCommand']);
    return (
      last !== undefined &&
      last.state === 'voided' &&
      (Object.values(BILLING_REASONS) as string[]).includes(last.payload.reason) &&
      (last.outcome as { error?: unknown } | null)?.error === LINE_INTERRUPTED
    );
  }

  /** Every office-billed account whose relay its balance asks to change (the poller's turn). */
  async enforceAll(now: Date, write: Write): Promise<number> {
    let done = 0;
    for (const id of this.deps.accounts.officeBilled())
      if (await this.enforce(id, now, write)) done += 1;
    return done;
  }

  /** Whom the journal names for a command the office's billing sent: who opened the account. */
  private operatorOf(accountId: number): number {
    return this.deps.accounts.openedBy(accountId);
  }
}
