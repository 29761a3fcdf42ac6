// Output types of the ledger methods.
import type { TariffDefinition } from '../tariff';
import type { ApiError } from '../errors';
import type { EnergyE2, Fen, PriceE4 } from '../units';

export const METER_MODELS = [
  'DDSY1352',
  'DTSY1352',
  'DDSY1352-NK',
  'DTSY1352-NK',
  'ADF300',
  'ADM100',
  // Metering meters with a relay: they hold no money; the office bills them (主站计费).
  'DDSD1352',
  'DTSD1352',
] as const;
export type MeterModel = (typeof METER_MODELS)[number];
/**
 * card: credit travels on the tenant's IC card; nk and remote: the meter holds the money and is
 * recharged over the line; metering: the meter holds none, the office keeps the balance.
 */
export type MeterKind = 'card' | 'nk' | 'remote' | 'metering';
/** Who keeps an account's money: the meter (本地费控), or the office from the readings (主站计费). */
export const BILLING_MODES = ['meter', 'office'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];
export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank_card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/**
 * How a sale was paid: one of the counter's methods, or 'grant' — the office's own money, a member
 * of a 批量充值 (a fixed amount or the month's free allowance). A grant takes no cash, belongs to
 * no shift and is not in the takings; the counter never offers it.
 */
export type SalePayment = PaymentMethod | 'grant';

export interface CustomerView {
  id: number;
  customerNo: string;
  name: string;
  shopUnit: string;
  floor: string;
  area: string;
  phone: string;
  notes: string;
  createdAt: string;
}

export interface CustomerMatch extends CustomerView {
  /** Meters of this customer's open accounts, for the search list. */
  meterNos: string[];
}

export interface MeterView {
  id: number;
  meterNo: string;
  circuit: number;
  model: MeterModel;
  kind: MeterKind;
  phases: 1 | 3;
  ctRatio: number;
  installedAt: string | null;
  installReading: EnergyE2;
  state: 'in_stock' | 'in_service' | 'replaced' | 'removed';
  /** An NK meter that takes purchases from the tenant's card through an ACRT terminal. */
  viaAcrt: boolean;
  /** How it speaks on the RS485 line; a Modbus meter also has its unit address. */
  protocol: 'dlt645' | 'modbus';
  modbusUnit: number | null;
}

/** A meter on the meters page: the tenant it serves, what it last said, and its open alarms. */
export interface MeterListRow extends MeterView {
  tenant: {
    accountId: number;
    accountNo: string;
    customerName: string;
    shopUnit: string;
    /** The credit on the meter as last seen (write-back or reading), and when. */
    meterRemainingFen: Fen | null;
    meterRemainingAt: string | null;
    /** 主站计费: the office keeps the balance (shown instead of the meter's credit). */
    officeBalanceFen: Fen | null;
  } | null;
  lastReading: { energy: EnergyE2 | null; at: string } | null;
  openAlarms: number;
}

export interface TariffVersionView {
  id: number;
  effectiveFrom: string;
  definition: TariffDefinition;
  createdAt: string;
}

export interface TariffView {
  id: number;
  name: string;
  /** The version in force now, or null if the tariff only has future versions. */
  current: TariffVersionView | null;
  versions: TariffVersionView[];
}

export type AccountState = 'active' | 'suspended' | 'closed';

export interface AccountView {
  id: number;
  accountNo: string;
  customer: CustomerView;
  meter: MeterView;
  tariffId: number;
  tariffName: string;
  state: AccountState;
  purchaseCount: number;
  loadedCount: number;
  totalPurchasedFen: Fen;
  meterRemainingFen: Fen | null;
  meterRemainingAt: string | null;
  /** Refunded money the meter still holds as credit until a clear card or command removes it. */
  meterCreditOwedFen: Fen;
  hoardingLimitFen: Fen;
  openedAt: string;
  /** The account's latest IC card and its status (active, lost, replaced …), if it has had one. */
  card: { cardNo: string; status: string } | null;
  /** Who keeps the money: the meter, or the office from the readings (主站计费). */
  billing: BillingMode;
  /** 主站计费: the office's balance, whether billing has its starting reading, 保电, tripped. */
  officeBalanceFen: Fen;
  billingStarted: boolean;
  keepPower: boolean;
  billingTripped: boolean;
}

export interface AccountEventView {
  id: number;
  kind: 'suspended' | 'resumed' | 'closed';
  reason: string;
  /** Reading in 0.01 kWh when the change was made on one. */
  meterReading: EnergyE2 | null;
  meterRemainingFen: Fen | null;
  refundId: number | null;
  operatorName: string;
  createdAt: string;
}

export type RefundKind = 'refund' | 'suspension' | 'closing';

/** 退费: money paid back to a tenant out of the credit on the meter. */
export interface RefundView {
  id: number;
  accountId: number;
  accountNo: string;
  customerName: string;
  kind: RefundKind;
  amountFen: Fen;
  paymentMethod: PaymentMethod;
  reason: string;
  /** The basis: what the meter held, read off the card's write-back or typed off its display. */
  meterRemainingFen: Fen;
  remainingSource: 'meter' | 'manual';
  remainingAt: string;
  receiptNo: number;
  operatorName: string;
  approverName: string;
  createdAt: string;
}

/** A change of an account's state, and the refund paid with it if any. */
export interface AccountChange {
  account: AccountView;
  refund: RefundView | null;
  /**
   * Closed while its NK meter did not answer: the credit stays on the meter until it does, then
   * is taken off and refunded (电表 → 待清零退费).
   */
  creditHeld?: boolean;
}

/** 工本费 for a tenant's card (开卡 or 补卡), with its own receipt. */
export interface CardFeeView {
  id: number;
  cardId: number;
  cardNo: string;
  accountId: number;
  kind: 'issue' | 'reissue';
  amountFen: Fen;
  paymentMethod: PaymentMethod;
  tenderedFen: Fen | null;
  receiptNo: number;
  /** Pending while the card is written; void when the card was not made. */
  status: 'pending' | 'committed' | 'void';
  createdAt: string;
  operatorName: string;
}

export type SaleStatus = 'pending' | 'committed' | 'voided' | 'reversed';

export interface SaleView {
  id: number;
  accountId: number;
  accountNo: string;
  receiptNo: number;
  amountFen: Fen;
  /** Energy the money stands for at the tariff's reference price (折合电量). */
  energy: EnergyE2;
  price: PriceE4;
  purchaseCount: number;
  paymentMethod: SalePayment;
  /** Cash handed over (实收) for a cash sale; the change is this less the amount. */
  tenderedFen: Fen | null;
  /** An NK meter's own balance, read back once the remote recharge landed; null for card sales. */
  meterBalanceAfterFen: Fen | null;
  operatorName: string;
  status: SaleStatus;
  createdAt: string;
}

export interface ReconcileReport {
  committed: number;
  voided: number;
  stillPending: number;
}

export interface TrainingInsertResult {
  /** What the simulated meter did with the card (docs/domain.md count rule). */
  /** `applied`: a management card did its work, or (a trading day) the meter ran. */
  outcome: 'loaded' | 'write-back-only' | 'old-card' | 'rejected' | 'applied';
  meterRemainingFen: Fen;
  meterLoadedCount: number;
}

/** A document the office saves or prints: a report, a sheet template, a calibration sheet. */
export interface OfficeFile {
  fileName: string;
  /** The file's bytes (PDF or xlsx), base64 encoded. */
  base64: string;
}

/** A receipt's PDF, which counts its prints: a reprint says so on the paper. */
export interface ReceiptFile extends OfficeFile {
  /** 0 for the original print, n for the n-th reprint (补打). */
  reprint: number;
}

export type BackupKind = 'scheduled' | 'manual' | 'pre-restore' | 'pre-migration';

export interface BackupInfo {
  fileName: string;
  folder: string;
  kind: BackupKind;
  createdAt: string;
  sizeBytes: number;
  /** Sealed (.ptbackup) and so restorable; pre-migration copies are for support only. */
  sealed: boolean;
}

/** What a sealed backup says it holds; shown only after its seal was checked. */
export interface BackupManifest {
  format: 'powertill-backup';
  version: 1;
  kind: BackupKind;
  createdAt: string;
  schema: number;
  officeName: string;
  /** The office secret's fingerprint: the secret itself is not in the backup. */
  fingerprint: string;
  operators: { username: string; displayName: string; role: string; active: boolean }[];
  sales: number;
  lastSale: { receiptNo: number; at: string; amountFen: number } | null;
  audit: { seq: number; hash: string };
}

export interface BackupPreview {
  fileName: string;
  manifest: BackupManifest;
}

export interface ReversalView {
  id: number;
  saleId: number;
  /** The voucher's own number in the receipt sequence. */
  receiptNo: number;
  /** The receipt of the sale taken back. */
  saleReceiptNo: number;
  amountFen: Fen;
  reason: string;
  status: 'pending' | 'committed' | 'voided';
  createdAt: string;
}

export type MoneyByMethod = Record<PaymentMethod, Fen>;

export interface ShiftView {
  id: number;
  operatorId: number;
  operatorName: string;
  state: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  /**
   * Takings per payment method (sales and card fees less reversals and refunds), in fen. Null on a
   * cashier's own open shift: the count at hand-over is blind, the figures come after it.
   */
  expected: MoneyByMethod | null;
  counted: MoneyByMethod | null;
  salesCount: number;
  reversalsCount: number;
  refundsCount: number;
  cardFeesCount: number;
  note: string;
  /** The supervisor who approved a hand-over beyond the office's tolerance. */
  approverName: string | null;
  /** Counts refused so far for being beyond the tolerance. */
  refusedCounts: number;
}

/** What every line of a sales report has, whatever kind of money movement it is. */
export interface ReportLine {
  /** The line's own number in the receipt sequence. */
  receiptNo: number;
  createdAt: string;
  customerNo: string;
  customerName: string;
  area: string;
  meterNo: string;
  tariffName: string;
  amountFen: Fen;
  paymentMethod: SalePayment;
  operatorName: string;
}

export interface ReportSaleRow extends ReportLine {
  /** A sale later reversed still counts as sold; its reversal is a row of its own. */
  status: 'committed' | 'reversed';
}

export interface ReportReversalRow extends ReportLine {
  /** The receipt of the sale taken back (the amount and payment method are that sale's). */
  saleReceiptNo: number;
}

export interface ReportRefundRow extends ReportLine {
  kind: RefundKind;
  reason: string;
}

/** A card fee (工本费) taken in the period: money in, but not electricity sold. */
export interface ReportCardFeeRow extends ReportLine {
  kind: 'issue' | 'reissue';
  cardNo: string;
}

/** The kinds of line a sales report lists, each on a tab of its own. */
export const REPORT_LINE_KINDS = ['sales', 'reversals', 'refunds', 'cardFees'] as const;
export type ReportLineKind = (typeof REPORT_LINE_KINDS)[number];
export type ReportLineOf<K extends ReportLineKind> = {
  sales: ReportSaleRow;
  reversals: ReportReversalRow;
  refunds: ReportRefundRow;
  cardFees: ReportCardFeeRow;
}[K];

/** Where the next page starts: after the line of this time and receipt. */
export interface ReportLinesCursor {
  at: string;
  receiptNo: number;
}

/** One page of a report's lines of one kind, oldest first; `next` is null on the last page. */
export interface ReportLinesPage<K extends ReportLineKind = ReportLineKind> {
  lines: ReportLineOf<K>[];
  next: ReportLinesCursor | null;
}

export interface ReportGroup {
  key: string;
  salesFen: Fen;
  reversalsFen: Fen;
  refundsFen: Fen;
  /** Sales less reversals less refunds: the electricity sold. */
  netFen: Fen;
  /** Card fees, kept apart from the electricity. */
  cardFeesFen: Fen;
  /** Number of sales. */
  count: number;
}

export interface ReportTotals {
  salesFen: Fen;
  reversalsFen: Fen;
  refundsFen: Fen;
  netFen: Fen;
  cardFeesFen: Fen;
  /** Everything the office took in: the net electricity and the card fees, less its own grants. */
  collectedFen: Fen;
  /** 赠送: the office's own grants (批量充值) among the sales, not money taken in. */
  grantsFen: Fen;
  grantsCount: number;
  salesCount: number;
  reversalsCount: number;
  refundsCount: number;
  cardFeesCount: number;
}

/** The customers a sales report on screen lists (its files list them all). */
export const SCREEN_CUSTOMERS = 100;

/** Narrows a report to one customer (customer no or part of the name), meter or operator. */
/** An Excel file of the sales report being written in the background (reports.export*). */
export interface ReportExportStatus {
  id: string;
  state: 'writing' | 'ready' | 'failed' | 'cancelled';
  /** yearly-sales-2026.xlsx; empty until the report's figures are read. */
  fileName: string;
  /** Lines written so far, of `total` (null until the figures are read). */
  written: number;
  total: number | null;
  /** Bytes of the finished file. */
  size: number;
  failure?: 'diskFull' | 'error';
}

export interface ReportFilter {
  customer?: string | undefined;
  meterNo?: string | undefined;
  operatorId?: number | undefined;
}

/** 日报 / 月报 / 年报, or any range of office days: every total is the sum of its rows. */
export interface SalesReport {
  from: string;
  to: string;
  /** What the range is: one day, a calendar month, a calendar year, or some other range. */
  period: 'day' | 'month' | 'year' | 'range';
  officeName: string;
  filter: ReportFilter;
  /** The line items, unless there are more than a screen should carry (then see the Excel file). */
  lines: {
    sales: ReportSaleRow[];
    reversals: ReportReversalRow[];
    refunds: ReportRefundRow[];
    cardFees: ReportCardFeeRow[];
  } | null;
  lineCount: number;
  byPaymentMethod: ReportGroup[];
  byTariff: ReportGroup[];
  byArea: ReportGroup[];
  byOperator: ReportGroup[];
  /**
   * Keyed "customer no name", largest net first: every customer in the files, the first
   * SCREEN_CUSTOMERS on screen (customerCount says how many there are).
   */
  byCustomer: ReportGroup[];
  /** Customers with any line in the period. */
  customerCount: number;
  /** Every meter, largest net first: in the files only (empty on screen). */
  byMeter: ReportGroup[];
  /** Per day for ranges up to two months, per month beyond: the chart's bars. */
  series: { unit: 'day' | 'month'; points: ReportGroup[] };
  totals: ReportTotals;
}

/** 低余额: accounts whose meter was last seen holding less than the threshold. */
export interface LowBalanceRow {
  accountId: number;
  accountNo: string;
  customerNo: string;
  customerName: string;
  shopUnit: string;
  area: string;
  phone: string;
  meterNo: string;
  meterRemainingFen: Fen;
  meterRemainingAt: string;
  lastSaleAt: string | null;
}

/** One problem in an import file: the sheet's row number, the column, and what is wrong. */
export interface ImportRowError {
  row: number;
  field: string | null;
  error: ApiError;
}

/** 批量开户: all rows imported, or none and the list of what to fix. */
export interface ImportResult {
  /** Checked only, nothing written. */
  dryRun: boolean;
  rows: number;
  imported: boolean;
  counts: { customers: number; accounts: number };
  errors: ImportRowError[];
}

/** 换表: one meter replacement in an account's history. */
export interface MeterReplacementView {
  id: number;
  accountId: number;
  accountNo: string;
  oldMeterNo: string;
  newMeterNo: string;
  oldFinalReading: EnergyE2;
  newInstallReading: EnergyE2;
  /** Credit carried from the old meter to the new one (by the meter-change card). */
  carriedFen: Fen;
  carriedSource: 'meter' | 'manual';
  /** The purchase count the new meter takes over. */
  purchaseCount: number;
  reason: string;
  operatorName: string;
  createdAt: string;
}

export interface MeterReplaced {
  account: AccountView;
  replacement: MeterReplacementView;
  /**
   * An NK meter on the line: whether the new meter confirmed the carried balance (false: it did
   * not answer yet; the next sale on it or the next start sends it again). Absent for card meters.
   */
  carriedOnMeter?: boolean;
}
