// Management cards (管理卡) as the ledger keeps them: one row per making of a card, the current one
// 'making' or 'made', older makings of the same plastic 'superseded'.
import type { ManagementCardView, ManagementKind } from '../../shared/api/cards';
import { prepared, type Db } from '../db/open';

/** Management card numbers start here, far from tenants' cards (which count up from 1). */
const FIRST_NUMBER = 900_000_000_001;

interface Row {
  id: number;
  card_no: string;
  kind: ManagementKind;
  status: ManagementCardView['status'];
  contents: string;
  results: string | null;
  account_id: number | null;
  replacement_id: number | null;
  made_at: string;
  made_by_name: string;
  status_at: string;
  read_at: string | null;
}

const view = (r: Row): ManagementCardView => ({
  id: r.id,
  cardNo: r.card_no,
  kind: r.kind,
  status: r.status,
  contents: JSON.parse(r.contents),
  results: r.results ? JSON.parse(r.results) : [],
  accountId: r.account_id,
  replacementId: r.replacement_id,
  madeAt: r.made_at,
  madeBy: r.made_by_name,
  statusAt: r.status_at,
  readAt: r.read_at,
});

const SELECT = `SELECT m.*, o.display_name AS made_by_name FROM management_cards m
  JOIN operators o ON o.id = m.made_by`;

export interface NewManagementCard {
  cardNo: string;
  kind: ManagementKind;
  contents: Record<string, unknown>;
  accountId: number | null;
  replacementId: number | null;
  operatorId: number;
}

export class ManagementCardStore {
  constructor(private readonly db: Db) {}

  nextCardNo(): string {
    const { top } = prepared<{
      top: string | null;
    }>(this.db, 'SELECT max(card_no) AS top FROM management_cards').get()!;
    return String(top === null ? FIRST_NUMBER : Number(top) + 1).padStart(12, '0');
  }

  /** The current making of a card number ('making' or 'made'). */
  current(cardNo: string): ManagementCardView | undefined {
    const row = prepared<Row>(
      this.db,
      `${SELECT} WHERE m.card_no = ? AND m.status IN ('making', 'made')`,
    ).get(cardNo);
    return row && view(row);
  }

  /** Whether a card number was ever made here (whatever became of it). */
  known(cardNo: string): boolean {
    return (
      prepared(this.db, 'SELECT 1 FROM management_cards WHERE card_no = ? LIMIT 1').get(cardNo) !==
      undefined
    );
  }

  byId(id: number): ManagementCardView | undefined {
    const row = prepared<Row>(this.db, `${SELECT} WHERE m.id = ?`).get(id);
    return row && view(row);
  }

  /** Call inside a transaction: supersedes the card's current making and starts a new one. */
  begin(card: NewManagementCard, at: string): ManagementCardView {
    prepared(
      this.db,
      `UPDATE management_cards SET status = 'superseded', status_at = ?
       WHERE card_no = ? AND status IN ('making', 'made')`,
    ).run(at, card.cardNo);
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO management_cards (card_no, kind, status, contents, account_id, replacement_id, made_at, made_by, status_at)
       VALUES (?, ?, 'making', ?, ?, ?, ?, ?, ?)`,
    ).run(
      card.cardNo,
      card.kind,
      JSON.stringify(card.contents),
      card.accountId,
      card.replacementId,
      at,
      card.operatorId,
      at,
    );
    return this.byId(Number(lastInsertRowid))!;
  }

  /** The office part of the card, once the write is known (contents may carry the card's own values). */
  setContents(id: number, contents: Record<string, unknown>): void {
    prepared(this.db, 'UPDATE management_cards SET contents = ? WHERE id = ?').run(
      JSON.stringify(contents),
      id,
    );
  }

  setStatus(id: number, status: ManagementCardView['status'], at: string): void {
    prepared(this.db, 'UPDATE management_cards SET status = ?, status_at = ? WHERE id = ?').run(
      status,
      at,
      id,
    );
  }

  /** What meters wrote on the card, as last read. */
  setResults(id: number, results: unknown[], at: string): void {
    prepared(this.db, 'UPDATE management_cards SET results = ?, read_at = ? WHERE id = ?').run(
      JSON.stringify(results),
      at,
      id,
    );
  }

  list(kind?: ManagementKind, limit = 200): ManagementCardView[] {
    return prepared<Row>(
      this.db,
      `${SELECT} WHERE (:kind IS NULL OR m.kind = :kind) ORDER BY m.id DESC LIMIT :limit`,
    )
      .all({ kind: kind ?? null, limit })
      .map(view);
  }
}
