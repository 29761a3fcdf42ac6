// The backend's services, built once per open database and handed to every handler.
import type { AuditLog } from './audit/auditLogStore';
import type { BackupService } from './backup/backups';
import type { ReportReader } from './db/reportReader';
import type { ReportExports } from './reports/reportExports';
import type { OperatorStore } from './auth/operatorStore';
import type { PermissionStore } from './auth/permissionStore';
import type { SessionStore } from './auth/sessions';
import type { Db } from './db/open';
import type { UnitOfWork } from './db/unitOfWork';
import type { EventHub } from './events';
import type { HardwareStatusSource, TrainingHooks } from './hardware';
import type { PurchaseTarget } from '../shared/delivery';
import type { PrintSystem } from './printing/printSystem';
import type { ReaderService } from '../card/reader/types';
import type { CardDesk } from './cards/cardDesk';
import type { ManagementCardStore } from './cards/managementCardStore';
import type { ManagementDesk } from './cards/managementDesk';
import type { InspectionStore } from './inspection/inspectionStore';
import type { CardStore } from './ledger/cardStore';
import type { CardFeeStore } from './ledger/cardFeeStore';
import type { AccountStore } from './ledger/accountStore';
import type { CustomerStore } from './ledger/customerStore';
import type { MeterStore } from './ledger/meterStore';
import type { ReceiptStore } from './ledger/receiptStore';
import type { RefundService } from './ledger/refunds';
import type { AccountLifecycle } from './ledger/accountLifecycle';
import type { SaleService } from './ledger/sales';
import type { ShiftStore } from './ledger/shiftStore';
import type { TariffStore } from './ledger/tariffStore';
import type { Logger } from './log/logger';
import type { OfficeSecretStore } from './office/secretStore';
import type { DeviceJournal } from './journal/deviceJournalStore';
import type { MeterCreditDesk } from './remote/meterCredit';
import type { TariffPushes } from './remote/tariffPushes';
import type { Messages } from './wiring/messages';
import type { TillDisplay } from './display/tillDisplay';
import type { HeldCredits } from './remote/heldCredit';
import type { SettingsStore } from './office/settingsStore';
import type { DataPaths } from './paths';
import type { OfficeMeterLine } from './remote/officeMeterLine';
import type { MeterDesk } from './remote/meterDesk';
import type { AlarmStore } from './remote/alarmStore';
import type { BatchDesk } from './remote/batchDesk';
import type { BillingRelay } from './remote/billingRelay';
import type { OfficeBilling } from './ledger/officeBilling';
import type { Poller } from './remote/poller';
import type { AcrtDesk } from './remote/acrtDesk';
import type { DormRooms } from './dorms/dormRooms';

export interface AppInfo {
  appVersion: string;
  demo: boolean;
  schemaVersion: number;
  paths: DataPaths;
}

export interface CoreServices {
  db: Db;
  /** The one way the ledger is changed: a transaction ending in its record (decision 0027). */
  unitOfWork: UnitOfWork;
  /** A read-only connection for long reports, read in steps (core/db/reportReader.ts). */
  reportReader: ReportReader;
  /** Excel files of the sales report written in the background (core/reports/reportExports.ts). */
  reportExports: ReportExports;
  log: Logger;
  clock: () => Date;
  events: EventHub;
  hardware: HardwareStatusSource;
  audit: AuditLog;
  operators: OperatorStore;
  /** Roles' permission sets and operators' own exceptions (操作权限). */
  permissions: PermissionStore;
  sessions: SessionStore;
  settings: SettingsStore;
  secret: OfficeSecretStore;
  customers: CustomerStore;
  meters: MeterStore;
  tariffs: TariffStore;
  accounts: AccountStore;
  receipts: ReceiptStore;
  journal: DeviceJournal;
  /** Where purchases are delivered: card reader, remote recharge, or the simulation. */
  target: PurchaseTarget;
  /** This PC's printers, for receipts sent straight to the receipt printer. */
  printers: PrintSystem;
  sales: SaleService;
  refunds: RefundService;
  /** 退费, 报停, 恢复, 销户: an account's life after opening, with the money going back. */
  lifecycle: AccountLifecycle;
  shifts: ShiftStore;
  backups: BackupService;
  /** PC/SC readers, the ledger's cards, and the card work at the till. */
  readers: ReaderService;
  cards: CardStore;
  /** 工本费 taken with tenants' cards. */
  cardFees: CardFeeStore;
  cardDesk: CardDesk;
  /** 管理卡: making them and taking in what meters wrote on them. */
  managementDesk: ManagementDesk;
  managementCards: ManagementCardStore;
  /** 用电检查: meters' reports and what the rules found in them. */
  inspection: InspectionStore;
  /** The RS485 line to NK meters: remote recharge, readings, relays. */
  meterLine: OfficeMeterLine;
  /** Live readings and relay commands on the meters page. */
  meterDesk: MeterDesk;
  /** 主站计费: office-billed accounts' charges from their readings. */
  billing: OfficeBilling;
  /** 主站计费 over the line: trips at zero, restores after a purchase. */
  billingRelay: BillingRelay;
  /** Every operation that writes to a card or a meter, pending until the device reads back. */
  /** Refunded credit taken off NK meters over the line (balance preset). */
  meterCredit: MeterCreditDesk;
  /** Refunds waiting on NK meters that could not be reached when their accounts closed. */
  heldCredits: HeldCredits;
  /** 调价下发 by itself: meters waiting for their account's tariff in force. */
  tariffPushes: TariffPushes;
  /** 报警记录 raised by polling. */
  alarms: AlarmStore;
  /** 批量操作 over the meters on the line. */
  batches: BatchDesk;
  /** Scheduled readings of every meter on the line. */
  poller: Poller;
  /** ACRT recharge terminals: binding tables and recharge logs. */
  acrt: AcrtDesk;
  /** Dorms: the campus's places and 集体开户 on multi-user boxes. */
  dorms: DormRooms;
  /** Telling the tenant: the SMS outbox, its sender and the GSM modem. */
  messages: Messages;
  /** The customer display (客显) at the till. */
  display: TillDisplay;
  /** Present in training mode only. */
  training: TrainingHooks | null;
  info: AppInfo;
}
