// 低余额用户: active accounts whose meter was last seen holding less than a threshold, lowest
// first, so the office can call the shop before the relay trips.
import type { LowBalanceRow } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';

export function lowBalance(db: Db, thresholdFen: number): LowBalanceRow[] {
  return prepared(
    db,
    `SELECT a.id AS accountId, a.account_no AS accountNo, c.customer_no AS customerNo, c.name AS customerName,
       c.shop_unit AS shopUnit, c.area, c.phone, m.meter_no AS meterNo, a.meter_remaining_fen AS meterRemainingFen,
       a.meter_remaining_at AS meterRemainingAt,
       (SELECT max(s.created_at) FROM sales s WHERE s.account_id = a.id AND s.status = 'committed') AS lastSaleAt
     FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
     WHERE a.state = 'active' AND a.meter_remaining_fen IS NOT NULL AND a.meter_remaining_fen < ?
     ORDER BY a.meter_remaining_fen, a.account_no`,
  ).all(thresholdFen) as LowBalanceRow[];
}
