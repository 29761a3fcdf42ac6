// Where a purchase goes, and what the status bar says of the hardware: the PC/SC reader for card
// meters, the RS485 line for NK meters, or whatever a test or training mode gives instead.
import { PcscReaderService } from '../../card/reader/pcsc';
import type { ReaderService } from '../../card/reader/types';
import type { PurchaseTarget } from '../../shared/delivery';
import { CardTarget } from '../cards/cardTarget';
import { OfficeReader } from '../cards/officeReader';
import { readerHardware } from '../cards/readerStatus';
import { noHardware, noPurchaseTarget, type HardwareStatusSource } from '../hardware';
import { takesCard } from '../ledger/meterStore';
import type { Logger } from '../log/logger';
import { OfficeMeterLine, withMeterLine } from '../remote/officeMeterLine';
import { DeliveryRouter, RemoteTarget } from '../remote/remoteTarget';
import type { Stores } from './stores';

export interface DeliveryOptions {
  /** Where every sale is delivered (tests); without one, by the meter: card or RS485 line. */
  target?: PurchaseTarget;
  /** Where sales to card meters go instead of the tenant's card (training: simulated cards). */
  cardTarget?: PurchaseTarget;
  /** The PC/SC reader service; given, sales go onto tenants' cards through it. */
  readers?: ReaderService;
  /** The office's real reader (PC/SC): sales onto cards, and the reader in the status bar. */
  useCardReader?: boolean;
  hardware?: HardwareStatusSource;
}

export type Delivery = ReturnType<typeof wireDelivery>;

export function wireDelivery(
  stores: Stores,
  options: DeliveryOptions,
  log: Logger,
  clock: () => Date,
) {
  const { settings, secret, accounts, meters } = stores;
  const readers = options.readers ?? new PcscReaderService();
  const officeReader = new OfficeReader({ readers, settings, secret });
  const cardTarget = new CardTarget({
    journal: stores.journal,
    saleStore: stores.saleStore,
    reader: officeReader,
    cards: stores.cards,
    accounts,
    customers: stores.customers,
    meters,
    tariffs: stores.tariffs,
    settings,
    clock,
  });
  const meterLine = new OfficeMeterLine({ settings, log, clock });
  const remoteTarget = new RemoteTarget({ line: meterLine, accounts, meters, secret, settings });
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
  const readerStatus = options.useCardReader && !options.hardware ? readerHardware(readers) : null;
  const lineStatus = options.hardware
    ? null
    : withMeterLine(readerStatus ?? noHardware(), meterLine);
  return {
    readers,
    officeReader,
    cardTarget,
    meterLine,
    target,
    hardware: options.hardware ?? lineStatus!,
    /** Stops watching the reader and the line, and closes the line. */
    async close() {
      lineStatus?.dispose();
      readerStatus?.stop();
      await meterLine.close();
    },
  };
}
