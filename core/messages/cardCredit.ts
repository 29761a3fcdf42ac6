// Low credit on card meters, from the books (issue 19): a card meter keeps its money and tells the
// office only when the tenant's card comes back (its write-back), so nothing polls it. The office
// estimates instead: the credit the last write-back showed, plus purchases the meter has not loaded
// yet, less what the tenant uses a day since — and what they use is taken as what they bought over
// the 90 days before that write-back (a prepaid tenant buys, over months, what they use). Below the
// office's low-credit line, the tenant is told once a purchase, as NK meters' polls do (the same
// event key: a later poll or estimate sends nothing more until the tenant buys again).
//
// The write-back itself sends nothing: the tenant is standing at the counter when it is read.
import { takesCard } from '../../shared/delivery';
import type { AccountStore } from '../ledger/accountStore';
import type { MeterStore } from '../ledger/meterStore';
import type { SaleStore } from '../ledger/saleStore';
import type { SettingsStore } from '../office/settingsStore';
import type { TenantNotices } from './notices';

const DAY_MS = 86_400_000;
/** How far back purchases stand for use. */
const HISTORY_DAYS = 90;
/** Less history than this says too little of the tenant's use to estimate. */
const LEAST_HISTORY_DAYS = 14;

/**
 * The credit the books expect on the meter now, in fen; null when they cannot say (too little
 * history). `observedFen` at `observedAt`; `boughtFen` over the `historyDays` before it.
 */
export function estimatedCredit(facts: {
  observedFen: number;
  observedAt: Date;
  unloadedFen: number;
  boughtFen: number;
  historyDays: number;
  now: Date;
}): number | null {
  if (facts.historyDays < LEAST_HISTORY_DAYS) return null;
  const perDay = facts.boughtFen / facts.historyDays;
  const since = Math.max(0, (facts.now.getTime() - facts.observedAt.getTime()) / DAY_MS);
  return Math.round(facts.observedFen + facts.unloadedFen - perDay * since);
}

export class CardCreditWatch {
  constructor(
    private readonly deps: {
      accounts: AccountStore;
      meters: MeterStore;
      sales: SaleStore;
      settings: SettingsStore;
      notices: TenantNotices;
      /** Each tenant's estimate and its message in one transaction. */
      tx: <T>(fn: () => T) => T;
    },
  ) {}

  /** Estimates every card meter's credit and tells those running low; how many were low. */
  run(now: Date): number {
    const { accounts, meters, sales, settings, notices, tx } = this.deps;
    const line = settings.lowCreditFen();
    let low = 0;
    for (const id of accounts.observedOnMeter()) {
      const account = accounts.byId(id);
      const meter = account && meters.byId(account.meterId);
      if (!account || !meter || !takesCard(meter)) continue;
      const observedAt = new Date(account.meterRemainingAt!);
      const historyStart = new Date(
        Math.max(
          new Date(account.openedAt).getTime(),
          observedAt.getTime() - HISTORY_DAYS * DAY_MS,
        ),
      );
      const credit = estimatedCredit({
        observedFen: account.meterRemainingFen!,
        observedAt,
        unloadedFen: sales.unloadedFen(account.id, account.loadedCount),
        boughtFen: sales.boughtBetween(
          account.id,
          historyStart.toISOString(),
          observedAt.toISOString(),
        ),
        historyDays: (observedAt.getTime() - historyStart.getTime()) / DAY_MS,
        now,
      });
      if (credit === null || credit >= line) continue;
      tx(() => notices.lowCredit(account, credit, now));
      low += 1;
    }
    return low;
  }
}
