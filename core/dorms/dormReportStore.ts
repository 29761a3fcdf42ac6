// A building's report by floor (issue 18): its rooms' money over a period from the totals kept per
// account (decision 0030: a year is a few thousand rows, never every sale), the free allowance the
// office gave them (the grants of the month's allowance batches), and what their boxes cut
// (violation records by the box's clock, office time).
import type { DormReport, DormReportFloor } from '../../shared/api/dorms';
import { officeDayRange } from '../../shared/officeTime';
import { prepared, type Db } from '../db/open';
import { keptPeriod } from '../reports/keptTotalsStore';

export function dormReport(
  db: Db,
  building: { id: number; name: string; campusName: string },
  from: string,
  to: string,
): DormReport {
  const kept = keptPeriod(from, to);
  const money = prepared<
    Omit<DormReportFloor, 'allowanceFen' | 'allowanceCount' | 'malignantLoads' | 'overPowers'>
  >(
    db,
    `SELECT r.floor, count(DISTINCT r.id) AS rooms,
       coalesce(sum(k.sales_fen), 0) AS salesFen, coalesce(sum(k.sales_count), 0) AS salesCount,
       coalesce(sum(k.reversals_fen), 0) AS reversalsFen, coalesce(sum(k.refunds_fen), 0) AS refundsFen
     FROM rooms r JOIN room_circuits rc ON rc.room_id = r.id
     LEFT JOIN accounts a ON a.meter_id = rc.meter_id AND a.customer_id = r.customer_id
     LEFT JOIN (${kept.sql}) k ON k.account_id = a.id
     WHERE r.building_id = :building GROUP BY r.floor ORDER BY r.floor`,
  ).all({ ...kept.params, building: building.id });
  const { from: fromAt, to: toAt } = { from: officeDayRange(from).from, to: officeDayRange(to).to };
  const allowance = prepared<{ floor: number; fen: number; n: number }>(
    db,
    `SELECT r.floor, sum(s.amount_fen) AS fen, count(*) AS n
     FROM rooms r JOIN accounts a ON a.customer_id = r.customer_id
     JOIN sales s ON s.account_id = a.id
     WHERE r.building_id = :building AND s.allowance_month IS NOT NULL AND s.status = 'committed'
       AND s.created_at >= :fromAt AND s.created_at < :toAt
     GROUP BY r.floor`,
  ).all({ building: building.id, fromAt, toAt });
  const violations = prepared<{ floor: number; kind: string; n: number }>(
    db,
    `SELECT r.floor, v.kind, count(*) AS n
     FROM rooms r JOIN room_circuits rc ON rc.room_id = r.id
     JOIN box_violations v ON v.meter_id = rc.meter_id
     WHERE r.building_id = :building AND v.at >= :from AND v.at <= :to
     GROUP BY r.floor, v.kind`,
  ).all({ building: building.id, from, to: `${to} 23:59` });
  const floors = money.map((f) => {
    const given = allowance.find((a) => a.floor === f.floor);
    const cut = (kind: string) =>
      violations.find((v) => v.floor === f.floor && v.kind === kind)?.n ?? 0;
    return {
      ...f,
      allowanceFen: given?.fen ?? 0,
      allowanceCount: given?.n ?? 0,
      malignantLoads: cut('malignantLoad'),
      overPowers: cut('overPower'),
    };
  });
  const sum = (key: keyof DormReportFloor) => floors.reduce((n, f) => n + f[key], 0);
  return {
    buildingId: building.id,
    name: `${building.campusName} ${building.name}`,
    from,
    to,
    floors,
    totals: {
      rooms: sum('rooms'),
      salesFen: sum('salesFen'),
      salesCount: sum('salesCount'),
      reversalsFen: sum('reversalsFen'),
      refundsFen: sum('refundsFen'),
      allowanceFen: sum('allowanceFen'),
      allowanceCount: sum('allowanceCount'),
      malignantLoads: sum('malignantLoads'),
      overPowers: sum('overPowers'),
    },
  };
}
