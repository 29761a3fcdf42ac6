// The daily sales report (日报): the rows of one office day and every total computed from those
// rows, so a total can never disagree with the lines above it.
import type {
  DailyReport,
  PaymentMethod,
  ReportGroup,
  ReportReversalRow,
  ReportSaleRow,
} from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../shared/api/ledgerTypes';
import { prepared, type Db } from '../db/open';
import { officeDayRange } from '../../shared/officeTime';

const SALE_ROWS = `
  SELECT s.receipt_no AS receiptNo, s.created_at AS createdAt, c.customer_no AS customerNo, c.name AS customerName,
    c.area AS area, m.meter_no AS meterNo, t.name AS tariffName, s.amount_fen AS amountFen,
    s.payment_method AS paymentMethod, o.display_name AS operatorName, s.status
  FROM sales s JOIN accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id
  JOIN meters m ON m.id = a.meter_id JOIN tariff_versions v ON v.id = s.tariff_version_id JOIN tariffs t ON t.id = v.tariff_id
  JOIN operators o ON o.id = s.operator_id
  WHERE s.status IN ('committed', 'reversed') AND s.created_at >= ? AND s.created_at < ? ORDER BY s.receipt_no`;

const REVERSAL_ROWS = `
  SELECT r.receipt_no AS receiptNo, s.receipt_no AS saleReceiptNo, r.created_at AS createdAt, c.name AS customerName,
    c.area AS area, t.name AS tariffName, s.amount_fen AS amountFen, s.payment_method AS paymentMethod,
    o.display_name AS operatorName
  FROM reversals r JOIN sales s ON s.id = r.sale_id JOIN accounts a ON a.id = s.account_id
  JOIN customers c ON c.id = a.customer_id JOIN tariff_versions v ON v.id = s.tariff_version_id
  JOIN tariffs t ON t.id = v.tariff_id JOIN operators o ON o.id = r.operator_id
  WHERE r.status = 'committed' AND r.created_at >= ? AND r.created_at < ? ORDER BY r.receipt_no`;

type Groupable = {
  paymentMethod: PaymentMethod;
  tariffName: string;
  area: string;
  operatorName: string;
};

function group(
  sales: ReportSaleRow[],
  reversals: ReportReversalRow[],
  keyOf: (row: Groupable) => string,
  order?: readonly string[],
): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  const get = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, salesFen: 0, reversalsFen: 0, netFen: 0, count: 0 }));
    return g;
  };
  for (const key of order ?? []) get(key);
  for (const row of sales) {
    const g = get(keyOf(row));
    g.salesFen += row.amountFen;
    g.netFen += row.amountFen;
    g.count += 1;
  }
  for (const row of reversals) {
    const g = get(keyOf(row));
    g.reversalsFen += row.amountFen;
    g.netFen -= row.amountFen;
  }
  return [...groups.values()];
}

export function dailyReport(db: Db, date: string, officeName: string): DailyReport {
  const { from, to } = officeDayRange(date);
  const sales = prepared(db, SALE_ROWS).all(from, to) as ReportSaleRow[];
  const reversals = prepared(db, REVERSAL_ROWS).all(from, to) as ReportReversalRow[];
  const salesFen = sales.reduce((n, r) => n + r.amountFen, 0);
  const reversalsFen = reversals.reduce((n, r) => n + r.amountFen, 0);
  return {
    date,
    officeName,
    sales,
    reversals,
    byPaymentMethod: group(sales, reversals, (r) => r.paymentMethod, PAYMENT_METHODS),
    byTariff: group(sales, reversals, (r) => r.tariffName),
    byArea: group(sales, reversals, (r) => r.area || '—'),
    byOperator: group(sales, reversals, (r) => r.operatorName),
    totals: {
      salesFen,
      reversalsFen,
      netFen: salesFen - reversalsFen,
      salesCount: sales.length,
      reversalsCount: reversals.length,
    },
  };
}
