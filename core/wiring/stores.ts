// The office's tables, one store each (decision 0027): what every area is built on.
import { StudentStore } from '../dorms/studentStore';
import { CalendarStore } from '../dorms/calendarStore';
import { OperatorStore } from '../auth/operatorStore';
import { PermissionStore } from '../auth/permissionStore';
import type { Db } from '../db/open';
import { DeviceJournal } from '../journal/deviceJournalStore';
import { AccountStore } from '../ledger/accountStore';
import { BillingChargeStore } from '../ledger/billingChargeStore';
import { CardFeeStore } from '../ledger/cardFeeStore';
import { CardStore } from '../ledger/cardStore';
import { CustomerStore } from '../ledger/customerStore';
import { MeterStore } from '../ledger/meterStore';
import { ReceiptStore } from '../ledger/receiptStore';
import { RefundStore } from '../ledger/refundStore';
import { SaleStore } from '../ledger/saleStore';
import { ShiftStore } from '../ledger/shiftStore';
import { TariffStore } from '../ledger/tariffStore';
import { InspectionStore } from '../inspection/inspectionStore';
import { ManagementCardStore } from '../cards/managementCardStore';
import { OfficeSecretStore, type SecretSealer } from '../office/secretStore';
import { SettingsStore } from '../office/settingsStore';
import { AlarmStore } from '../remote/alarmStore';
import { AcrtStore } from '../remote/acrtStore';
import { RechargeBatchStore } from '../remote/rechargeBatchStore';
import { TariffPushStore } from '../remote/tariffPushStore';
import { PlaceStore } from '../dorms/placeStore';

export type Stores = ReturnType<typeof openStores>;

export function openStores(db: Db, secretSealer: SecretSealer | null) {
  const settings = new SettingsStore(db);
  const customers = new CustomerStore(db);
  const meters = new MeterStore(db);
  const tariffs = new TariffStore(db);
  const receipts = new ReceiptStore(db);
  const shifts = new ShiftStore(db);
  const secret = new OfficeSecretStore(db, secretSealer);
  // A secret sealed by the desktop app's OS key store, opened where it cannot be unsealed, is
  // said at start (one line), not at the first sale.
  secret.read();
  return {
    settings,
    secret,
    customers,
    meters,
    tariffs,
    accounts: new AccountStore(db, customers, meters),
    receipts,
    shifts,
    cardFees: new CardFeeStore(db, receipts, shifts),
    cards: new CardStore(db),
    saleStore: new SaleStore(db),
    refundStore: new RefundStore(db),
    charges: new BillingChargeStore(db),
    journal: new DeviceJournal(db),
    inspection: new InspectionStore(db),
    managementCards: new ManagementCardStore(db),
    alarms: new AlarmStore(db),
    acrtStore: new AcrtStore(db),
    tariffPushStore: new TariffPushStore(db),
    recharges: new RechargeBatchStore(db, tariffs),
    operators: new OperatorStore(db),
    permissions: new PermissionStore(db),
    places: new PlaceStore(db),
    calendar: new CalendarStore(db),
    students: new StudentStore(db),
  };
}
