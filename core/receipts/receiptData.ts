// What a receipt or voucher says, whatever paper it is printed on.
import type { RefundKind, SalePayment } from '../../shared/api/ledgerTypes';
import type { ReceiptWords } from '../../shared/paper/words';
import { receiptNumber } from '../../shared/receiptNumber';

/** What a refund voucher (退费凭证) says besides the money. */
export interface RefundDetails {
  kind: RefundKind;
  meterRemainingFen: number;
  remainingSource: 'meter' | 'manual';
  remainingAt: string;
  approverName: string;
  /** The money left an NK meter over the line with the refund: no clear card is needed. */
  takenOffMeter: boolean;
}

/**
 * What happened to a sale after its receipt was first printed: taken back by a reversal, or the
 * account's credit paid back by a later refund. Every later print of the receipt says so, with
 * the voucher's number, so a reprint can never pass for a clean receipt.
 */
export interface TakenBack {
  kind: 'reversed' | 'refunded';
  voucherNo: number;
  at: string;
}

/** What a card fee receipt (工本费收据) names: the card, and whether it was a first card or a reissue. */
export interface CardFeeDetails {
  kind: 'issue' | 'reissue';
  cardNo: string;
}

export interface ReceiptData {
  /**
   * A sale's receipt, the voucher of a reversal (冲正凭证) of one, of a refund (退费凭证), or the
   * receipt of a card fee (工本费收据).
   */
  kind: 'sale' | 'reversal' | 'refund' | 'cardFee';
  /** For a card fee: which card, and why it was made. */
  cardFee?: CardFeeDetails | null;
  /** For a refund: its kind, basis and approver. */
  refund: RefundDetails | null;
  /** For a sale's receipt: a reversal or refund that came after it; null for neither. */
  takenBack: TakenBack | null;
  /** For a reversal: the supervisor who approved it at the till, when the office asks for one. */
  approverName?: string | null;
  /** For a reversal: the receipt of the sale taken back, and why. */
  reversedReceiptNo: number | null;
  reason: string | null;
  officeName: string;
  receiptHeader: string;
  receiptNo: number;
  status: 'issued' | 'void';
  /** 0 for the original; n for the n-th reprint. */
  reprint: number;
  soldAt: string;
  printedAt: string;
  customerNo: string;
  customerName: string;
  shopUnit: string;
  accountNo: string;
  meterNo: string;
  amountFen: number;
  energy: number;
  price: number;
  purchaseCount: number;
  paymentMethod: SalePayment;
  /** Cash handed over for a cash sale (实收); the receipt shows it and the change (找零). */
  tenderedFen: number | null;
  operatorName: string;
  /**
   * For a remote sale: the balance the NK meter read back once the recharge landed, and when.
   * Null where the office cannot know it (a card meter adds the credit only when the card goes in).
   */
  meterBalanceAfter: { fen: number; at: string } | null;
  /**
   * How the purchase reached the meter: on the tenant's card, by remote recharge, or not at all
   * ('office': an account the office bills itself keeps the money in the books, 主站计费).
   */
  delivery: 'card' | 'remote' | 'simulated' | 'office';
  /**
   * For the month's free allowance (基础免费电量) given to a dorm room: its month ('YYYY-MM').
   * The receipt names it on its own line: the office's gift, not money taken in or paid back.
   */
  allowanceMonth?: string | null;
}

/** The words a sale's receipt carries once it was taken back (已冲正 / 其后已退费). */
export function takenBackText(t: TakenBack, words: ReceiptWords): string {
  const voucher = receiptNumber(t.voucherNo);
  return t.kind === 'reversed' ? words.reversed(voucher) : words.refunded(voucher);
}
