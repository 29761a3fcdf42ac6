// The money of one purchase count, as the books hold it: what a card carries for the meter to load.
import { prepared, type Db } from '../db/open';

export function committedOnCount(db: Db, accountId: number, count: number): number {
  const { committed } = prepared(
    db,
    "SELECT coalesce(sum(amount_fen), 0) AS committed FROM sales WHERE account_id = ? AND purchase_count = ? AND status = 'committed'",
  ).get(accountId, count) as { committed: number };
  return committed;
}
