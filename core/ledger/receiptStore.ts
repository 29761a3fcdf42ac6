// Receipt numbers: gap-free, handed out inside the transaction that records the pending sale.
// A voided number stays in the sequence (printed as void) and is never handed out again.
import { prepared, type Db } from '../db/open';
import type { ReceiptData, RefundDetails, TakenBack } from '../receipts/receiptData';

export type PrintableReceipt = Omit<
  ReceiptData,
  'officeName' | 'receiptHeader' | 'reprint' | 'printedAt' | 'status'
> & {
  status: 'reserved' | 'issued' | 'void';
  printCount: number;
};

export class ReceiptStore {
  constructor(private readonly db: Db) {}

  /** Call inside a transaction: the next number, reserved. */
  reserve(at: string): number {
    const { next } = prepared<{ next: number }>(
      this.db,
      'SELECT coalesce(max(receipt_no), 0) + 1 AS next FROM receipts',
    ).get()!;
    prepared(
      this.db,
      "INSERT INTO receipts (receipt_no, status, created_at) VALUES (?, 'reserved', ?)",
    ).run(next, at);
    return next;
  }

  /** Everything printed on a receipt, from the sale (or the reversal) it belongs to. */
  printable(receiptNo: number): PrintableReceipt | undefined {
    const common = `c.customer_no AS customerNo, c.name AS customerName, c.shop_unit AS shopUnit, a.account_no AS accountNo,
       m.meter_no AS meterNo, s.amount_fen AS amountFen, s.energy, s.price, s.purchase_count AS purchaseCount,
       s.payment_method AS paymentMethod, r.status, r.print_count AS printCount, r.receipt_no AS receiptNo,
       coalesce(h.target, 'office') AS delivery`;
    // A sale to an account the office bills itself (主站计费) wrote no device: delivery 'office'.
    const joins = `JOIN accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id
       JOIN meters m ON m.id = a.meter_id LEFT JOIN device_operations h ON h.id = s.operation_id`;
    const sale = prepared<
      Omit<PrintableReceipt, 'takenBack' | 'meterBalanceAfter'> & {
        saleId: number;
        accountId: number;
        balanceFen: number | null;
        balanceAt: string | null;
      }
    >(
      this.db,
      `SELECT ${common}, 'sale' AS kind, NULL AS reversedReceiptNo, NULL AS reason, s.created_at AS soldAt,
         o.display_name AS operatorName, s.tendered_fen AS tenderedFen, s.id AS saleId, s.account_id AS accountId,
         s.meter_balance_after_fen AS balanceFen, s.meter_balance_at AS balanceAt,
         s.allowance_month AS allowanceMonth
       FROM receipts r JOIN sales s ON s.receipt_no = r.receipt_no ${joins} JOIN operators o ON o.id = s.operator_id
       WHERE r.receipt_no = ?`,
    ).get(receiptNo);
    if (sale) {
      const { saleId, accountId, balanceFen, balanceAt, ...printable } = sale;
      return {
        ...printable,
        meterBalanceAfter:
          balanceFen === null || balanceAt === null ? null : { fen: balanceFen, at: balanceAt },
        refund: null,
        takenBack: this.takenBack(saleId, accountId, sale.soldAt),
      };
    }
    const reversal = prepared<Omit<PrintableReceipt, 'takenBack' | 'meterBalanceAfter'>>(
      this.db,
      `SELECT ${common}, 'reversal' AS kind, s.receipt_no AS reversedReceiptNo, v.reason, v.created_at AS soldAt,
         o.display_name AS operatorName, NULL AS tenderedFen, p.display_name AS approverName
       FROM receipts r JOIN reversals v ON v.receipt_no = r.receipt_no JOIN sales s ON s.id = v.sale_id ${joins}
       JOIN operators o ON o.id = v.operator_id LEFT JOIN operators p ON p.id = v.approved_by
       WHERE r.receipt_no = ?`,
    ).get(receiptNo);
    if (reversal) return { ...reversal, refund: null, takenBack: null, meterBalanceAfter: null };
    return this.printableRefund(receiptNo) ?? this.printableCardFee(receiptNo);
  }

  /** A card fee receipt (工本费收据): the fee for a tenant's first or reissued card. */
  private printableCardFee(receiptNo: number): PrintableReceipt | undefined {
    const row = prepared<
      Omit<
        PrintableReceipt,
        | 'kind'
        | 'refund'
        | 'energy'
        | 'price'
        | 'reversedReceiptNo'
        | 'takenBack'
        | 'reason'
        | 'delivery'
        | 'cardFee'
      > & { feeKind: 'issue' | 'reissue'; cardNo: string }
    >(
      this.db,
      `SELECT c.customer_no AS customerNo, c.name AS customerName, c.shop_unit AS shopUnit, a.account_no AS accountNo,
         m.meter_no AS meterNo, f.amount_fen AS amountFen, a.purchase_count AS purchaseCount,
         f.payment_method AS paymentMethod, f.tendered_fen AS tenderedFen, r.status, r.print_count AS printCount,
         r.receipt_no AS receiptNo, f.created_at AS soldAt, o.display_name AS operatorName, f.kind AS feeKind,
         k.card_no AS cardNo
       FROM receipts r JOIN card_fees f ON f.receipt_no = r.receipt_no JOIN cards k ON k.id = f.card_id
       JOIN accounts a ON a.id = f.account_id JOIN customers c ON c.id = a.customer_id
       JOIN meters m ON m.id = a.meter_id JOIN operators o ON o.id = f.operator_id
       WHERE r.receipt_no = ?`,
    ).get(receiptNo);
    if (!row) return undefined;
    const { feeKind, cardNo, ...rest } = row;
    return {
      ...rest,
      kind: 'cardFee',
      delivery: 'card',
      energy: 0,
      price: 0,
      reason: null,
      reversedReceiptNo: null,
      takenBack: null,
      refund: null,
      meterBalanceAfter: null,
      cardFee: { kind: feeKind, cardNo },
    };
  }

  /** A refund voucher (退费凭证): what was paid back and the meter credit it was based on. */
  private printableRefund(receiptNo: number): PrintableReceipt | undefined {
    const row = prepared<
      Omit<
        PrintableReceipt,
        'kind' | 'refund' | 'energy' | 'price' | 'reversedReceiptNo' | 'takenBack' | 'tenderedFen'
      > &
        RefundDetails & { refundKind: RefundDetails['kind']; billing: string }
    >(
      this.db,
      `SELECT c.customer_no AS customerNo, c.name AS customerName, c.shop_unit AS shopUnit, a.account_no AS accountNo,
         m.meter_no AS meterNo, f.amount_fen AS amountFen, a.purchase_count AS purchaseCount,
         f.payment_method AS paymentMethod, r.status, r.print_count AS printCount, r.receipt_no AS receiptNo,
         f.reason, f.created_at AS soldAt, o.display_name AS operatorName, f.kind AS refundKind,
         f.meter_remaining_fen AS meterRemainingFen, f.remaining_source AS remainingSource,
         f.remaining_at AS remainingAt, p.display_name AS approverName, f.taken_off_meter AS takenOffMeter,
         a.billing AS billing
       FROM receipts r JOIN refunds f ON f.receipt_no = r.receipt_no JOIN accounts a ON a.id = f.account_id
       JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
       JOIN operators o ON o.id = f.operator_id JOIN operators p ON p.id = f.approved_by
       WHERE r.receipt_no = ?`,
    ).get(receiptNo);
    if (!row) return undefined;
    const {
      billing,
      refundKind,
      meterRemainingFen,
      remainingSource,
      remainingAt,
      approverName,
      takenOffMeter,
      ...rest
    } = row;
    return {
      ...rest,
      kind: 'refund',
      // Paid out of the office's balance (主站计费): no card or meter held the money.
      delivery: billing === 'office' ? 'office' : 'card',
      energy: 0,
      price: 0,
      reversedReceiptNo: null,
      takenBack: null,
      tenderedFen: null,
      meterBalanceAfter: null,
      refund: {
        kind: refundKind,
        meterRemainingFen,
        remainingSource,
        remainingAt,
        approverName,
        takenOffMeter: Boolean(takenOffMeter),
      },
    };
  }

  /**
   * The reversal that took this sale back (committed), else the first refund on its account after
   * it: the credit the sale bought may have been paid back, which its receipt must not hide.
   */
  private takenBack(saleId: number, accountId: number, soldAt: string): TakenBack | null {
    const reversal = prepared<{ voucherNo: number; at: string }>(
      this.db,
      `SELECT receipt_no AS voucherNo, coalesce(committed_at, created_at) AS at FROM reversals
       WHERE sale_id = ? AND status = 'committed'`,
    ).get(saleId);
    if (reversal) return { kind: 'reversed', ...reversal };
    const refund = prepared<{ voucherNo: number; at: string }>(
      this.db,
      `SELECT receipt_no AS voucherNo, created_at AS at FROM refunds
       WHERE account_id = ? AND created_at >= ? ORDER BY created_at, id LIMIT 1`,
    ).get(accountId, soldAt);
    return refund ? { kind: 'refunded', ...refund } : null;
  }

  /** How often the receipt has been printed: the next print is the original when 0. */
  printCount(receiptNo: number): number {
    const row = prepared<{ print_count: number }>(
      this.db,
      'SELECT print_count FROM receipts WHERE receipt_no = ?',
    ).get(receiptNo);
    return row?.print_count ?? 0;
  }

  markPrinted(receiptNo: number, at: string): number {
    const { print_count } = prepared<{ print_count: number }>(
      this.db,
      'SELECT print_count FROM receipts WHERE receipt_no = ?',
    ).get(receiptNo)!;
    prepared(
      this.db,
      'UPDATE receipts SET print_count = print_count + 1, last_printed_at = ? WHERE receipt_no = ?',
    ).run(at, receiptNo);
    return print_count;
  }

  settle(receiptNo: number, status: 'issued' | 'void'): void {
    prepared(
      this.db,
      "UPDATE receipts SET status = ? WHERE receipt_no = ? AND status = 'reserved'",
    ).run(status, receiptNo);
  }
}
