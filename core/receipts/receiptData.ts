// What a receipt or voucher says, whatever paper it is printed on.
import type { PaymentMethod, RefundKind } from '../../shared/api/ledgerTypes';

/** What a refund voucher (退费凭证) says besides the money. */
export interface RefundDetails {
  kind: RefundKind;
  meterRemainingFen: number;
  remainingSource: 'meter' | 'manual';
  remainingAt: string;
  approverName: string;
}

export interface ReceiptData {
  /** A sale's receipt, the voucher of a reversal (冲正凭证) of one, or of a refund (退费凭证). */
  kind: 'sale' | 'reversal' | 'refund';
  /** For a refund: its kind, basis and approver. */
  refund: RefundDetails | null;
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
  paymentMethod: PaymentMethod;
  operatorName: string;
  /** How the purchase reached the meter: on the tenant's card, or by remote recharge. */
  delivery: 'card' | 'remote' | 'simulated';
}

export const PAYMENT_NAMES: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信',
  alipay: '支付宝',
  bank_card: '银行卡',
};
