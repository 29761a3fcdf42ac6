// Tenants' cards (用户卡) as the ledger knows them: number, account, reissue generation, status.
import { prepared, type Db } from '../db/open';

export type CardStatus = 'issuing' | 'active' | 'lost' | 'replaced' | 'cancelled' | 'void';

export interface CardRecord {
  id: number;
  cardNo: string;
  accountId: number;
  generation: number;
  status: CardStatus;
  createdAt: string;
  statusAt: string;
  lastSeenAt: string | null;
  flaggedCount: number;
}

interface Row {
  id: number;
  card_no: string;
  account_id: number;
  generation: number;
  status: CardStatus;
  created_at: string;
  status_at: string;
  last_seen_at: string | null;
  flagged_count: number;
}

const record = (r: Row): CardRecord => ({
  id: r.id,
  cardNo: r.card_no,
  accountId: r.account_id,
  generation: r.generation,
  status: r.status,
  createdAt: r.created_at,
  statusAt: r.status_at,
  lastSeenAt: r.last_seen_at,
  flaggedCount: r.flagged_count,
});

export class CardStore {
  constructor(private readonly db: Db) {}

  /** The next card number: one more than the highest ever given, 12 digits. */
  nextCardNo(): string {
    const { top } = prepared<{
      top: string | null;
    }>(this.db, 'SELECT max(card_no) AS top FROM cards').get()!;
    return String(Number(top ?? '0') + 1).padStart(12, '0');
  }

  begin(
    card: { cardNo: string; accountId: number; generation: number; operatorId: number },
    at: string,
  ): CardRecord {
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO cards (card_no, account_id, generation, status, created_at, created_by, status_at)
       VALUES (?, ?, ?, 'issuing', ?, ?, ?)`,
    ).run(card.cardNo, card.accountId, card.generation, at, card.operatorId, at);
    return this.byId(Number(lastInsertRowid))!;
  }

  setStatus(id: number, status: CardStatus, at: string): void {
    prepared(this.db, 'UPDATE cards SET status = ?, status_at = ? WHERE id = ?').run(
      status,
      at,
      id,
    );
  }

  seen(id: number, at: string, flagged: boolean): void {
    prepared(
      this.db,
      'UPDATE cards SET last_seen_at = ?, flagged_count = flagged_count + ? WHERE id = ?',
    ).run(at, flagged ? 1 : 0, id);
  }

  byId(id: number): CardRecord | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM cards WHERE id = ?').get(id);
    return row && record(row);
  }

  byCardNo(cardNo: string): CardRecord | undefined {
    const row = prepared<Row>(this.db, 'SELECT * FROM cards WHERE card_no = ?').get(cardNo);
    return row && record(row);
  }

  /** The account's issuing or active card. */
  liveFor(accountId: number): CardRecord | undefined {
    const row = prepared<Row>(
      this.db,
      "SELECT * FROM cards WHERE account_id = ? AND status IN ('issuing', 'active')",
    ).get(accountId);
    return row && record(row);
  }

  forAccount(accountId: number): CardRecord[] {
    return prepared<Row>(this.db, 'SELECT * FROM cards WHERE account_id = ? ORDER BY id')
      .all(accountId)
      .map(record);
  }
}
