// Everything PowerTill prints on paper (receipts, vouchers, reports, the hand-over), in one
// dictionary per language with the same shape, so a language cannot miss a word. Receipts print
// in the office's receipt language; reports and the hand-over in the operator's own.
import type { RefundKind, ReportTotals, SalePayment } from '../api/ledgerTypes';
import type { Language } from '../errors';
import type { FormField } from '../receiptForm';
import type { OutboxReason } from '../sms/reasons';
import type { TouRate } from '../tariff';
import { enWords } from './en';
import { zhWords } from './zh-CN';

export type CardFeeKind = 'issue' | 'reissue';
export type ReceiptKind = 'sale' | 'reversal' | 'refund' | 'cardFee';
export type TariffVersionState = 'inForce' | 'scheduled' | 'superseded';

/** What a shift report counts, in the words of its summary line. */
export interface ShiftCounts {
  salesCount: number;
  reversalsCount: number;
  refundsCount: number;
  cardFeesCount: number;
}

export interface ReceiptWords {
  /** How wide the labels' column is, in points, on the 80 mm roll and on A4: words differ in length. */
  labelWidth: { thermal: number; a4: number };
  /** The PDF's own title. */
  documentTitle: (receiptNo: string) => string;
  /** Under the office's header on a sale's receipt, unless the header already says it. */
  saleSubtitle: string;
  headerNamesReceipt: (header: string) => boolean;
  subtitles: Record<Exclude<ReceiptKind, 'sale'>, string>;
  void: string;
  /** Short form for the pre-printed form's mark box. */
  voidShort: string;
  reprint: (count: number) => string;
  reversed: (voucherNo: string) => string;
  refunded: (voucherNo: string) => string;
  labels: {
    receiptNo: string;
    saleTime: string;
    reversalTime: string;
    refundTime: string;
    feeTime: string;
    customerNo: string;
    customerName: string;
    shopUnit: string;
    accountNo: string;
    meterNo: string;
    cardNo: string;
    purchaseCount: string;
    price: string;
    energy: string;
    paymentMethod: string;
    refundMethod: string;
    cashier: string;
    handledBy: string;
    approver: string;
    originalReceiptNo: string;
    reversalReason: string;
    refundKind: string;
    refundReason: string;
    meterBalance: string;
    meterBalanceAfter: string;
    /** 主站计费: the office's balance of the account after the purchase. */
    accountBalanceAfter: string;
    /** 基础免费电量: the month's free allowance a dorm room was given. */
    freeAllowance: string;
    tendered: string;
    change: string;
    amount: string;
    inWords: string;
  };
  /** Where a refund's basis was read: the card's write-back, the display, the meter over the line. */
  remainingSources: Record<'meter' | 'manual' | 'line', string>;
  /** The refund's basis: the money and where and when it was read. */
  balanceWithSource: (money: string, source: string, time: string) => string;
  /**
   * An NK meter's own balance after the recharge; with the time the meter said it when that was
   * later than the sale (a recharge settled on a later read).
   */
  balanceReadBack: (money: string, laterTime: string | null) => string;
  /** The free allowance's line: its month ('YYYY-MM'), given by the office and never paid back. */
  allowanceOf: (month: string) => string;
  amountLabels: Record<ReceiptKind, string>;
  cardFeeItems: Record<CardFeeKind, string>;
  footnotes: Record<
    ReceiptKind | 'saleRemote' | 'refundRemote' | 'saleOffice' | 'refundOffice',
    string
  >;
  /** The amount in words on its own line under the figure. */
  inWordsLine: (words: string) => string;
  /** The same beside an "in words" label (A4). */
  inWordsValue: (words: string) => string;
  /** The thermal roll's foot. */
  printedBy: (officeName: string, time: string) => string;
  printedTime: (time: string) => string;
  signature: string;
  /** The calibration sheet: its title, and the sample it fills the boxes with. */
  calibrationTitle: string;
  sampleMark: string;
  sampleCustomer: string;
  sampleCashier: string;
  formFields: Record<FormField, string>;
  /** Joins names in running text (、 in Chinese). */
  listSeparator: string;
}

export interface SalesReportWords {
  day: (date: string) => string;
  month: (month: string) => string;
  year: (year: string) => string;
  range: (from: string, to: string) => string;
  filterCustomer: (customer: string) => string;
  filterMeter: (meterNo: string) => string;
  filterOperator: (operatorId: number) => string;
  filter: (parts: string[]) => string;
  summary: (totals: ReportTotals, money: (fen: number) => string) => string;
  columns: {
    count: string;
    sales: string;
    reversals: string;
    refunds: string;
    net: string;
    cardFees: string;
  };
  groups: {
    date: string;
    month: string;
    paymentMethod: string;
    tariff: string;
    area: string;
    operator: string;
    customer: string;
    meter: string;
  };
  topCustomers: (count: number) => string;
  linesNotPrinted: (count: number, limit: number) => string;
  sections: { sales: string; reversals: string; refunds: string; cardFees: string };
  lineColumns: {
    receiptNo: string;
    voucherNo: string;
    originalReceiptNo: string;
    time: string;
    customerNo: string;
    customerName: string;
    area: string;
    meterNo: string;
    tariff: string;
    cardNo: string;
    type: string;
    reason: string;
    amount: string;
    payment: string;
    paymentMethod: string;
    refundMethod: string;
    cashier: string;
    handledBy: string;
    status: string;
  };
  /** After a receipt number in the PDF's lines: the sale was reversed. */
  reversedMark: string;
  summarySheet: string;
}

export interface ShiftWords {
  title: string;
  documentTitle: (shiftId: number) => string;
  cashier: (name: string) => string;
  shiftNo: (id: number) => string;
  opened: (time: string) => string;
  closed: (time: string | null) => string;
  columns: { method: string; expected: string; counted: string; difference: string };
  counts: (counts: ShiftCounts) => string;
  approver: (name: string) => string;
  note: (note: string) => string;
  salesSection: string;
  lineColumns: {
    receiptNo: string;
    time: string;
    customerName: string;
    amount: string;
    payment: string;
    status: string;
  };
  signatures: [string, string, string];
}

export interface AlarmWords {
  title: string;
  headers: string[];
  kinds: Record<'low-credit' | 'no-answer', string>;
  notCleared: string;
  none: string;
  open: string;
  all: string;
}

export interface OutboxWords {
  title: string;
  headers: string[];
  kinds: Record<
    'low-credit' | 'credit-out' | 'purchase' | 'dorm-control' | 'account-closed' | 'test',
    string
  >;
  states: Record<'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'skipped', string>;
  /** Why a message waits, failed or was not sent, by its error code (shared/sms/reasons.ts). */
  reasons: Record<OutboxReason, string>;
  none: string;
  all: string;
}

export interface InspectionWords {
  title: string;
  headers: string[];
  sources: Record<'check-card' | 'write-back' | 'bus-reading' | 'box-record', string>;
  meter: (meterNo: string) => string;
  account: (accountNo: string) => string;
  noAccount: string;
  none: string;
  signLine: string;
  open: string;
  all: string;
  range: (from: string, to: string) => string;
}

export interface TariffHistoryWords {
  title: string;
  subtitle: (count: number, time: string) => string;
  headers: string[];
  states: Record<TariffVersionState, string>;
  kinds: Record<'flat' | 'tou' | 'stepped', string>;
  rateNames: Record<TouRate, string>;
}

export interface PaperWords {
  language: Language;
  paymentMethods: Record<SalePayment, string>;
  refundKinds: Record<RefundKind, string>;
  cardFeeKinds: Record<CardFeeKind, string>;
  saleStates: Record<'committed' | 'reversed', string>;
  total: string;
  page: (current: number, pages: number) => string;
  /** A table report's line under its title: what it covers, how many records, when printed. */
  tableScope: (scope: string, count: number, time: string) => string;
  auditAnchor: (seq: number, hash: string, time: string) => string;
  /** A money column's header with its unit, for spreadsheets. */
  inYuan: (label: string) => string;
  perKwh: (price: string) => string;
  kwh: (energy: string) => string;
  /** The amount in words (大写金额 / cheque words), without any prefix. */
  amountInWords: (fen: number) => string;
  receipt: ReceiptWords;
  salesReport: SalesReportWords;
  shift: ShiftWords;
  alarms: AlarmWords;
  outbox: OutboxWords;
  inspection: InspectionWords;
  tariffHistory: TariffHistoryWords;
}

const WORDS: Record<Language, PaperWords> = { 'zh-CN': zhWords, en: enWords };

export const paperWords = (language: Language): PaperWords => WORDS[language];
