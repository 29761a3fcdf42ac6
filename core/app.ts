// Opens the backend over one data folder: database, migrations, services and dispatcher.
// Both the Electron main process and the loopback HTTP host start here.
import fs from 'node:fs';
import { Dispatcher } from './api/dispatcher';
import { AuditLog } from './audit/auditLogStore';
import { BackupService } from './backup/backups';
import { OperatorStore } from './auth/operatorStore';
import { PermissionStore } from './auth/permissionStore';
import { SessionStore } from './auth/sessions';
import { assertNotNewer, loadMigrations, migrate, type MigrateResult } from './db/migrate';
import { openDatabase } from './db/open';
import { sqliteUnitOfWork } from './db/unitOfWork';
import { ReportReader } from './db/reportReader';
import { EventHub } from './events';
import { handlers } from './handlers';
import { systemWrite } from './writes';
import {
  noHardware,
  noPurchaseTarget,
  type HardwareStatusSource,
  type TrainingHooks,
} from './hardware';
import { AccountStore } from './ledger/accountStore';
import { CustomerStore } from './ledger/customerStore';
import type { DeviceOperationKind } from '../shared/api/journal';
import {
  DeviceJournal,
  LINE_COMMAND_KINDS,
  LINE_INTERRUPTED,
  METER_MONEY_KINDS,
  READ_BACK_KINDS,
} from './journal/deviceJournalStore';
import { MeterStore, takesCard } from './ledger/meterStore';
import { ReceiptStore } from './ledger/receiptStore';
import { SaleService } from './ledger/sales';
import { SaleStore } from './ledger/saleStore';
import { RefundStore } from './ledger/refundStore';
import { BillingChargeStore } from './ledger/billingChargeStore';
import { ShiftStore } from './ledger/shiftStore';
import { RefundService } from './ledger/refunds';
import { TariffStore } from './ledger/tariffStore';
import { createFileLogger, type Logger } from './log/logger';
import { OfficeSecretStore, type SecretSealer } from './office/secretStore';
import { SettingsStore } from './office/settingsStore';
import { dataPaths, migrationsDir } from './paths';
import { privateFolder } from './privateFolder';
import type { CoreServices } from './services';
import { systemPrintSystem, type PrintSystem } from './printing/printSystem';
import { PcscReaderService } from '../card/reader/pcsc';
import type { ReaderService } from '../card/reader/types';
import { CardDesk } from './cards/cardDesk';
import { ManagementCardStore } from './cards/managementCardStore';
import { ManagementDesk } from './cards/managementDesk';
import { InspectionStore } from './inspection/inspectionStore';
import { CardTarget } from './cards/cardTarget';
import { OfficeReader } from './cards/officeReader';
import { CardFeeStore } from './ledger/cardFeeStore';
import { CardStore } from './ledger/cardStore';
import { readerHardware } from './cards/readerStatus';
import type { PurchaseTarget } from '../shared/delivery';
import { OfficeMeterLine, withMeterLine } from './remote/officeMeterLine';
import { DeliveryRouter, RemoteTarget } from './remote/remoteTarget';
import { MeterCreditDesk } from './remote/meterCredit';
import { TariffPushes } from './remote/tariffPushes';
import { TariffPushStore } from './remote/tariffPushStore';
import { UnconfirmedPushes } from './remote/unconfirmedPushes';
import { HeldCredits } from './remote/heldCredit';
import { MeterDesk } from './remote/meterDesk';
import { AlarmStore } from './remote/alarmStore';
import { BatchDesk } from './remote/batchDesk';
import { RechargeBatchStore } from './remote/rechargeBatchStore';
import { BillingRelay } from './remote/billingRelay';
import { OfficeBilling } from './ledger/officeBilling';
import { Poller } from './remote/poller';
import { AcrtDesk } from './remote/acrtDesk';
import { AcrtStore } from './remote/acrtStore';

export interface CoreOptions {
  dataDir: string;
  demo?: boolean;
  appVersion: string;
  clock?: () => Date;
  /** Defaults to rotating files in the data dir. */
  logger?: Logger;
  hardware?: HardwareStatusSource;
  /** Where every sale is delivered (tests); without one, by the meter: card or RS485 line. */
  target?: PurchaseTarget;
  /** Where sales to card meters go instead of the tenant's card (training: simulated cards). */
  cardTarget?: PurchaseTarget;
  /** Training mode's simulated tenant side. */
  training?: TrainingHooks;
  /** The PC/SC reader service; given, sales go onto tenants' cards through it. */
  readers?: ReaderService;
  /** The office's real reader (PC/SC): sales onto cards, and the reader in the status bar. */
  useCardReader?: boolean;
  /** Where receipts are printed; defaults to this PC's print system (CUPS or Windows). */
  printSystem?: PrintSystem;
  /** Polling the meter line by the office's schedule; on unless a test turns it off. */
  pollMeters?: boolean;
  /** Daily backups by schedule; on unless a test turns it off. */
  scheduleBackups?: boolean;
  /** The OS key store that seals the office secret at rest (the Electron shell's safeStorage). */
  secretSealer?: SecretSealer;
}

export interface Core {
  services: CoreServices;
  dispatcher: Dispatcher;
  migration: MigrateResult;
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const demo = options.demo ?? false;
  const paths = dataPaths(options.dataDir, demo);
  privateFolder(options.dataDir);
  fs.mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  const fileLogger = options.logger ? undefined : createFileLogger(paths.logs);
  const log = options.logger ?? fileLogger!.logger;
  const clock = options.clock ?? (() => new Date());

  const migrations = loadMigrations(migrationsDir());
  try {
    assertNotNewer(paths.database, migrations.length);
  } catch (error) {
    await fileLogger?.close();
    throw error;
  }
  const db = openDatabase(paths.database);
  try {
    const migration = await migrate(db, {
      migrations,
      backupDir: paths.backups,
      now: clock,
    });
    if (migration.from !== migration.to) {
      log.info({ ...migration }, 'database migrated');
    }
    const settings = new SettingsStore(db);
    const customers = new CustomerStore(db);
    const meters = new MeterStore(db);
    const tariffs = new TariffStore(db);
    const accounts = new AccountStore(db, customers, meters);
    const secret = new OfficeSecretStore(db, options.secretSealer ?? null);
    // A secret sealed by the desktop app's OS key store, opened where it cannot be unsealed, is
    // said at start (one line), not at the first sale.
    secret.read();
    const cards = new CardStore(db);
    const readers = options.readers ?? new PcscReaderService();
    const officeReader = new OfficeReader({ readers, settings, secret });
    const saleStore = new SaleStore(db);
    const journal = new DeviceJournal(db);
    const cardTarget = new CardTarget({
      journal,
      saleStore,
      reader: officeReader,
      cards,
      accounts,
      customers,
      meters,
      tariffs,
      settings,
      clock,
    });
    const meterLine = new OfficeMeterLine({ settings, log, clock });
    const remoteTarget = new RemoteTarget({
      line: meterLine,
      accounts,
      meters,
      secret,
      settings,
    });
    // Sales to card meters go onto the tenant's card through the reader (refused as unreachable
    // without a reader service), to NK meters over the RS485 line, unless a test or training mode
    // gives another target.
    const liveReaders = options.readers !== undefined || options.useCardReader === true;
    const target =
      options.target ??
      new DeliveryRouter(
        (ref) => takesCard(meters.byId(accounts.byAccountNo(ref.accountNo)!.meterId)!),
        options.cardTarget ?? (liveReaders ? cardTarget : noPurchaseTarget()),
        remoteTarget,
      );
    const readerStatus =
      options.useCardReader && !options.hardware ? readerHardware(readers) : null;
    const lineStatus = options.hardware
      ? null
      : withMeterLine(readerStatus ?? noHardware(), meterLine);
    const hardware = options.hardware ?? lineStatus!;
    const receipts = new ReceiptStore(db);
    const meterCredit = new MeterCreditDesk({
      journal,
      line: meterLine,
      meters,
      secret,
      settings,
      target,
    });
    const shifts = new ShiftStore(db);
    const cardFees = new CardFeeStore(db, receipts, shifts);
    const sales = new SaleService({
      store: saleStore,
      log,
      target,
      accounts,
      meters,
      tariffs,
      receipts,
      journal,
      settings,
      shifts,
      settleMeter: (meterId, now, write) => meterCredit.settleBeforeSale(meterId, now, write),
    });
    const inspection = new InspectionStore(db);
    const alarms = new AlarmStore(db);
    const billing = new OfficeBilling({
      charges: new BillingChargeStore(db),
      accounts,
      tariffs,
      settings,
      log,
    });
    // The relay commands are the meter desk's, and the desk asks after each reading: a function
    // breaks the circle (called only once both exist).
    const billingRelay: BillingRelay = new BillingRelay({
      accounts,
      journal,
      billing,
      relay: (...command): ReturnType<MeterDesk['relay']> => meterDesk.relay(...command),
      log,
    });
    const meterDesk: MeterDesk = new MeterDesk({
      journal,
      tariffs,
      alarms,
      inspection,
      line: meterLine,
      meters,
      accounts,
      sales,
      settings,
      billing,
      billingRelay,
    });
    const events = new EventHub();
    const audit = new AuditLog(db, () => secret.read()?.secret ?? null);
    const unitOfWork = sqliteUnitOfWork(db);
    // Pushes whose outcome nobody saw are read back from their meters before anything new goes.
    const unconfirmedPushes = new UnconfirmedPushes({
      journal,
      line: meterLine,
      meters,
      log,
      inFlight: (id) => meterDesk.sending(id),
    });
    const tariffPushes = new TariffPushes({
      store: new TariffPushStore(db),
      tariffs,
      desk: meterDesk,
      log,
      unconfirmed: unconfirmedPushes,
    });
    const poller = new Poller({
      meters,
      desk: meterDesk,
      tariffPushes,
      // Credit held on meters that did not answer at closing is taken off once they do.
      heldCredits: { settleAll: (now, write) => services.heldCredits.settleAll(now, write) },
      billingRelay,
      allowance: {
        grantMonthlyAllowance: (write) => services.batches.grantMonthlyAllowance(write),
      },
      settings,
      log,
      clock,
      write: systemWrite({ unitOfWork, audit, clock }, 'meters.poll'),
    });
    const managementCards = new ManagementCardStore(db);
    const managementDesk = new ManagementDesk({
      journal,
      reader: officeReader,
      store: managementCards,
      accounts,
      customers,
      meters,
      tariffs,
      inspection,
    });
    const refunds = new RefundService({
      store: new RefundStore(db),
      accounts,
      meters,
      receipts,
      shifts,
      sales,
      chargeUpToNow: (meterId, now, write) => meterDesk.poll(meterId, now, write),
    });
    const heldCredits = new HeldCredits({
      journal,
      credit: meterCredit,
      meters,
      accounts,
      refunds,
      log,
    });
    const reportReader = new ReportReader(paths.database);
    const operators = new OperatorStore(db);
    const services: CoreServices = {
      db,
      unitOfWork,
      reportReader,
      log,
      clock,
      events,
      hardware,
      audit,
      operators,
      permissions: new PermissionStore(db),
      sessions: new SessionStore(() => settings.read().idleTimeoutMinutes * 60_000),
      settings,
      secret,
      customers,
      meters,
      tariffs,
      accounts,
      receipts,
      journal,
      meterCredit,
      tariffPushes,
      target,
      printers: options.printSystem ?? systemPrintSystem(),
      training: options.training ?? null,
      shifts,
      backups: new BackupService({ db, paths, log, clock, migrations, secret }),
      sales,
      refunds,
      heldCredits,
      readers,
      cards,
      cardFees,
      cardDesk: new CardDesk({
        saleStore,
        journal,
        reader: officeReader,
        target: cardTarget,
        cards,
        cardFees,
        accounts,
        customers,
        meters,
        tariffs,
        settings,
        sales,
        management: managementDesk,
        managementCards,
        inspection,
      }),
      managementDesk,
      managementCards,
      inspection,
      meterLine,
      meterDesk,
      billing,
      billingRelay,
      alarms,
      batches: new BatchDesk({
        operators,
        desk: meterDesk,
        line: meterLine,
        sales,
        recharges: new RechargeBatchStore(db, tariffs),
        events,
        log,
        clock,
      }),
      poller,
      acrt: new AcrtDesk({ store: new AcrtStore(db), journal, line: meterLine, settings }),
      info: { appVersion: options.appVersion, demo, schemaVersion: migration.to, paths },
    };
    // Purchases left pending by a crash or a pulled card are settled before anyone sells again.
    const reconciled = await services.sales.reconcile(
      clock(),
      systemWrite(services, 'system.reconcile'),
    );
    if (reconciled.committed + reconciled.voided + reconciled.stillPending > 0) {
      log.warn({ ...reconciled }, 'pending hardware operations reconciled at start-up');
    }
    // Operations no ledger figure waits on, cut off by a stop, are closed as such: a relay command
    // (the meters page shows it; it is sent again by hand once the meter is read, or by the
    // office's billing), an ACRT terminal's binding table or clock (the terminals page shows the
    // last one done; the supervisor sends it again) and a card rewrite or erase (the card is read
    // as it is, a torn one mended). Tariff and limit pushes are read back from their meters
    // instead (unconfirmedPushes.ts). Decision 0025 lists what settles every kind.
    const closedAtStart: DeviceOperationKind[] = [
      ...LINE_COMMAND_KINDS.filter(
        (kind) => !(READ_BACK_KINDS as readonly string[]).includes(kind),
      ),
      'acrtBindings',
      'timeSync',
    ];
    if (journal.allPending([...closedAtStart, 'cardRewrite', 'cardErase']).length > 0) {
      const at = clock().toISOString();
      const interrupted = systemWrite(services, 'system.reconcile')(
        () => ({
          commands: journal.voidInterrupted(closedAtStart, LINE_INTERRUPTED, at),
          cardWrites: journal.voidInterrupted(
            ['cardRewrite', 'cardErase'],
            'interrupted: the office stopped while the card was written',
            at,
          ),
        }),
        (closed) => ({ interrupted: closed }),
      );
      log.warn(interrupted, 'device operations interrupted by a stop');
    }
    // Carried balances not yet confirmed on their replacement meters are sent again, in the
    // background: a silent meter must not hold up the start (each sale on it tries again too).
    if (journal.allPending(METER_MONEY_KINDS).length > 0) {
      const write = systemWrite(services, 'system.reconcile');
      void meterCredit
        .reconcile(clock(), write)
        .then(async (report) => {
          const held = await heldCredits.settleAll(clock(), write);
          log.info({ ...report, held }, 'device operations reconciled at start-up');
        })
        .catch((error: unknown) => log.error({ err: error }, 'device reconciliation failed'));
    }
    if (journal.allPending(READ_BACK_KINDS).length > 0)
      void unconfirmedPushes
        .settle(systemWrite(services, 'system.reconcile'))
        .then((report) => log.info(report, 'unconfirmed pushes read back at start-up'))
        .catch((error: unknown) => log.error({ err: error }, 'unconfirmed pushes failed'));
    if (options.pollMeters ?? true) poller.start();
    const hardwareWatch = hardware.onChange((status) =>
      services.events.publish('hardware.status', status),
    );
    let backupTimer: NodeJS.Timeout | undefined;
    if (options.scheduleBackups ?? true) {
      const runSchedule = () =>
        services.backups
          .runSchedule()
          .catch((error: unknown) => log.error({ err: error }, 'scheduled backup failed'));
      void runSchedule();
      backupTimer = setInterval(() => void runSchedule(), 3600_000).unref();
    }
    log.info({ version: options.appVersion, demo, database: paths.database }, 'core opened');
    return {
      services,
      dispatcher: new Dispatcher(services, handlers),
      migration,
      async close() {
        clearInterval(backupTimer);
        hardwareWatch.dispose();
        poller.stop();
        await services.batches.settle();
        lineStatus?.dispose();
        readerStatus?.stop();
        await meterLine.close();
        reportReader.close();
        db.close();
        await fileLogger?.close();
      },
    };
  } catch (error) {
    db.close();
    await fileLogger?.close();
    throw error;
  }
}
