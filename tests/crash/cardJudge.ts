// The card kinds crash test's judge, run in the test process after every kill: the office opens
// (settling at start what the kill left), the card on the reader is read at the counter (settling
// what waits for the card), and then the operation the kill cut off is held against the card's own
// memory, read from the virtual card directly: committed if and only if the card shows it. An
// issue or a management card whose card never got a byte may wait (待确认) for its card; nothing
// else may stay pending. The books' purchase state must equal the tenant card's after every kill.
import { decodeCard, type DecodedCard } from '../../card/layout/cardImage';
import { PcscReaderService } from '../../card/reader/pcsc';
import { openCore } from '../../core/app';
import { silentLogger } from '../../core/log/logger';
import type { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { adminSession } from './workerOffice';

/** The kinds this test is about; erase and rewrite only bring the plastic round again. */
export const JUDGED_KINDS = ['cardIssue', 'cardReissue', 'managementCard', 'reversal'] as const;
/** Kinds that may wait for their card when it never reached it. */
const WAITS_FOR_CARD = ['cardIssue', 'cardReissue', 'managementCard'];

interface Operation {
  id: number;
  kind: string;
  state: 'pending' | 'committed' | 'voided';
  payload: Record<string, unknown>;
}

interface KindCount {
  kills: number;
  committed: number;
  voided: number;
  waiting: number;
  /** On the card, not committed in the books. */
  lost: number;
  /** Committed in the books, not on the card. */
  doubled: number;
}

export class KindTally {
  private readonly counts = new Map<string, KindCount>();
  readonly wrong: unknown[] = [];

  count(kind: string): KindCount {
    let count = this.counts.get(kind);
    if (!count) {
      count = { kills: 0, committed: 0, voided: 0, waiting: 0, lost: 0, doubled: 0 };
      this.counts.set(kind, count);
    }
    return count;
  }

  summary(kind: string) {
    return { kind, ...this.count(kind), wrong: this.wrong.filter((w) => hasKind(w, kind)) };
  }

  all() {
    return Object.fromEntries(this.counts);
  }
}

function hasKind(wrong: unknown, kind: string): boolean {
  return (wrong as { kind?: string }).kind === kind;
}

/**
 * Whether the card shows the operation: true, false, or for a purchase 'neither' (the card holds
 * neither what was there before it nor after, which no settlement can explain).
 */
function shows(operation: Operation, card: DecodedCard): boolean | 'neither' {
  const p = operation.payload;
  const valid = card.status === 'valid';
  switch (operation.kind) {
    case 'cardSale':
    case 'reversal': {
      const purchase = card.blocks.purchase;
      if (!valid || card.kind !== 'user' || !purchase) return 'neither';
      const cumulative = purchase.cumulativePurchasedFen as number;
      if (cumulative === p.cumulativeAfterFen && purchase.purchaseCount === p.purchaseCount)
        return true;
      return cumulative === p.cumulativeBeforeFen ? false : 'neither';
    }
    case 'cardIssue':
    case 'cardReissue':
    case 'cardRewrite':
      return valid && card.kind === 'user' && card.cardNo === p.cardNo;
    case 'managementCard':
      return valid && card.kind === p.cardKind && card.cardNo === p.cardNo;
    case 'cardErase':
      return card.status === 'blank';
    default:
      return 'neither';
  }
}

/**
 * Settles what the last kill left and judges it; returns the highest operation id seen, from
 * which the next kill's operations start.
 */
export async function settleAndJudge(
  dataDir: string,
  virtual: VirtualCardHost,
  tally: KindTally,
  seen: number,
): Promise<number> {
  const core = await openCore({
    dataDir,
    appVersion: 'card-kinds-check',
    logger: silentLogger(),
    readers: new PcscReaderService(),
    scheduleBackups: false,
    pollMeters: false,
  });
  try {
    const db = core.services.db;
    if (!core.services.settings.isSetUp()) return seen;
    const read = await core.dispatcher.dispatch({
      method: 'cards.read',
      input: {},
      sessionId: adminSession(core),
    });
    if (!read.ok) tally.wrong.push({ kind: 'read', after: seen, error: read.error });
    const card = decodeCard(
      Buffer.from((await virtual.state()).memory!, 'hex'),
      core.services.secret.read()!.secret,
    );
    const operations = (
      db
        .prepare('SELECT id, kind, state, payload FROM device_operations ORDER BY id')
        .all() as (Omit<Operation, 'payload'> & { payload: string })[]
    ).map((o) => ({ ...o, payload: JSON.parse(o.payload) as Record<string, unknown> }));

    // Nothing may stay pending but an issue or a making whose card never got it, and only the
    // last kill's: the next run voids it (the supervisor's 作废) or settles it.
    const pending = operations.filter((o) => o.state === 'pending');
    for (const operation of pending) {
      if (!WAITS_FOR_CARD.includes(operation.kind) || shows(operation, card) === true)
        tally.wrong.push({ kind: operation.kind, id: operation.id, pendingWith: card.status });
    }
    if (pending.length > 1) tally.wrong.push({ kind: 'pending', ids: pending.map((o) => o.id) });

    // The operation the kill cut off (or the last one finished before it).
    const last = operations.at(-1);
    if (last && last.id > seen) {
      const count = tally.count(last.kind);
      count.kills += 1;
      const shown = shows(last, card);
      if (shown === 'neither') tally.wrong.push({ kind: last.kind, id: last.id, neither: card });
      else if (last.state === 'committed') {
        count.committed += 1;
        if (!shown) count.doubled += 1;
      } else if (last.state === 'voided') {
        count.voided += 1;
        // An erase that wiped the card but was cut off before it could say so: the office voids
        // it at start (nothing rides on it) and the blank card is simply blank.
        if (shown && last.kind !== 'cardErase') count.lost += 1;
      } else {
        count.waiting += 1;
        if (shown) count.lost += 1;
      }
      if (count.doubled + count.lost > 0 && !tally.wrong.some((w) => hasKind(w, last.kind)))
        tally.wrong.push({ kind: last.kind, id: last.id, state: last.state, shown });
    }

    // The books' purchase state is the tenant card's, whenever the tenant's live card is here.
    if (card.status === 'valid' && card.kind === 'user') {
      const row = core.services.cards.byCardNo(card.cardNo!);
      if (row?.status === 'active') {
        const account = core.services.accounts.byId(row.accountId)!;
        const purchase = card.blocks.purchase!;
        if (
          account.purchaseCount !== purchase.purchaseCount ||
          account.totalPurchasedFen !== purchase.cumulativePurchasedFen
        )
          tally.wrong.push({
            kind: 'books',
            books: [account.purchaseCount, account.totalPurchasedFen],
            card: [purchase.purchaseCount, purchase.cumulativePurchasedFen],
          });
      }
    }
    return last?.id ?? seen;
  } finally {
    await core.close();
  }
}
