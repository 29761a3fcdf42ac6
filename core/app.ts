// Opens the backend over one data folder: database, migrations, services and dispatcher, the
// areas wired in core/wiring/ (stores, delivery, the counter, the meter room, start-up).
// Both the Electron main process and the loopback HTTP host start here.
// The backend speaks English in its logs and English receipts: the error texts' English too.
import '../shared/errorTexts/en';
import path from 'node:path';
import fs from 'node:fs';
import { Dispatcher } from './api/dispatcher';
import { AuditLog } from './audit/auditLogStore';
import { BackupService } from './backup/backups';
import { SessionStore } from './auth/sessions';
import { assertNotNewer, loadMigrations, migrate, type MigrateResult } from './db/migrate';
import { openDatabase } from './db/open';
import { sqliteUnitOfWork } from './db/unitOfWork';
import { ReportReader } from './db/reportReader';
import { ReportExports } from './reports/reportExports';
import { EventHub } from './events';
import { handlers } from './handlers';
import { systemWrite } from './writes';
import type { HardwareStatusSource, TrainingHooks } from './hardware';
import { createFileLogger, type Logger } from './log/logger';
import type { SecretSealer } from './office/secretStore';
import { dataPaths, migrationsDir } from './paths';
import { privateFolder } from './privateFolder';
import type { CoreServices } from './services';
import { systemPrintSystem, type PrintSystem } from './printing/printSystem';
import type { ReaderService } from '../card/reader/types';
import type { PurchaseTarget } from '../shared/delivery';
import { openStores } from './wiring/stores';
import { wireDelivery } from './wiring/delivery';
import { wireCounter } from './wiring/counter';
import { wireMeterRoom, type MeterRoom } from './wiring/meterRoom';
import { wireMessages } from './wiring/messages';
import { TillDisplay } from './display/tillDisplay';
import type { HidDevice } from '../tenant-link/display/links';
import type { ModemOptions } from '../tenant-link/modem/gsmModem';
import { settleAtStart } from './wiring/startup';
import { AccountLifecycle } from './ledger/accountLifecycle';
import { DormRooms } from './dorms/dormRooms';

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
  /** The GSM modem's timeouts (tests shorten them). */
  modemOptions?: ModemOptions;
  /** How long an SMS part in doubt waits for its report (a crash test shortens it). */
  smsReportWindowMs?: number;
  /** How a USB-HID customer display is opened: node-hid, unless a test gives a simulated one. */
  openHidDisplay?: (path: string) => Promise<HidDevice>;
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
    const stores = openStores(db, options.secretSealer ?? null);
    const { settings, secret, operators } = stores;
    const delivery = wireDelivery(stores, options, log, clock);
    const events = new EventHub();
    const audit = new AuditLog(db, () => secret.read()?.secret ?? null);
    const unitOfWork = sqliteUnitOfWork(db);
    const messages = wireMessages(stores, db, {
      log,
      clock,
      unitOfWork,
      ...(options.modemOptions && { modemOptions: options.modemOptions }),
      ...(options.smsReportWindowMs !== undefined && {
        reportWindowMs: options.smsReportWindowMs,
      }),
    });
    // The counter reaches the meter room only once both exist (wiring/counter.ts).
    const counter = wireCounter(stores, delivery, log, () => room, messages.notices);
    const room: MeterRoom = wireMeterRoom(stores, delivery, counter, {
      log,
      clock,
      events,
      pollWrite: systemWrite({ unitOfWork, audit, clock }, 'meters.poll'),
      notices: messages.notices,
      // 退宿 closes accounts as 销户 does; the lifecycle needs the room, so it is reached later.
      closeAccount: (input, act) => lifecycle.close(input, act),
    });
    const lifecycle = new AccountLifecycle({
      ...stores,
      refunds: counter.refunds,
      meterCredit: room.meterCredit,
      heldCredits: room.heldCredits,
      log,
      startBilling: (account, now, write) => room.meterDesk.startBilling(account, now, write),
      notices: messages.notices,
    });
    const reportReader = new ReportReader(paths.database);
    const reportExports = new ReportExports({
      database: paths.database,
      dir: path.join(paths.root, 'exports'),
      log,
    });
    const services: CoreServices = {
      db,
      unitOfWork,
      reportReader,
      reportExports,
      log,
      clock,
      events,
      hardware: delivery.hardware,
      audit,
      operators,
      permissions: stores.permissions,
      sessions: new SessionStore(() => settings.read().idleTimeoutMinutes * 60_000),
      settings,
      secret,
      customers: stores.customers,
      meters: stores.meters,
      tariffs: stores.tariffs,
      accounts: stores.accounts,
      receipts: stores.receipts,
      journal: stores.journal,
      meterCredit: room.meterCredit,
      tariffPushes: room.tariffPushes,
      target: delivery.target,
      printers: options.printSystem ?? systemPrintSystem(),
      training: options.training ?? null,
      shifts: stores.shifts,
      backups: new BackupService({ db, paths, log, clock, migrations, secret }),
      sales: counter.sales,
      refunds: counter.refunds,
      lifecycle,
      heldCredits: room.heldCredits,
      readers: delivery.readers,
      cards: stores.cards,
      cardFees: stores.cardFees,
      cardDesk: counter.cardDesk,
      managementDesk: counter.managementDesk,
      managementCards: stores.managementCards,
      inspection: stores.inspection,
      meterLine: delivery.meterLine,
      meterDesk: room.meterDesk,
      billing: counter.billing,
      billingRelay: room.billingRelay,
      alarms: stores.alarms,
      batches: room.batches,
      poller: room.poller,
      acrt: room.acrt,
      dorms: new DormRooms({ ...stores, heldCredits: room.heldCredits }),
      messages,
      display: new TillDisplay({
        settings: () => settings.display(),
        log,
        ...(options.openHidDisplay && { openHid: options.openHidDisplay }),
      }),
      info: { appVersion: options.appVersion, demo, schemaVersion: migration.to, paths },
    };
    await settleAtStart(services, room);
    const { poller } = room;
    if (options.pollMeters ?? true) {
      poller.start();
      messages.start();
    }
    const hardwareWatch = services.hardware.onChange((status) =>
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
        await messages.stop();
        await services.display.close();
        await services.batches.settle();
        await delivery.close();
        reportReader.close();
        reportExports.close();
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
