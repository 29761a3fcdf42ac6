// The counter's work: sales and refunds, the card desk (issue, reissue, read) and management
// cards, and the office's own billing. Reaches the meter room only through `room()`, called once
// both exist: a sale settles a meter's unconfirmed credit first, a refund charges up to now.
import { CardDesk } from '../cards/cardDesk';
import { ManagementDesk } from '../cards/managementDesk';
import { OfficeBilling } from '../ledger/officeBilling';
import { RefundService } from '../ledger/refunds';
import { SaleService, type SaleServiceDeps } from '../ledger/sales';
import type { Logger } from '../log/logger';
import type { Delivery } from './delivery';
import type { MeterCreditDesk } from '../remote/meterCredit';
import type { MeterDesk } from '../remote/meterDesk';
import type { Stores } from './stores';

export type Counter = ReturnType<typeof wireCounter>;

/** What the counter asks of the meter room. */
interface RoomForCounter {
  meterCredit: Pick<MeterCreditDesk, 'settleBeforeSale'>;
  meterDesk: Pick<MeterDesk, 'poll'>;
}

export function wireCounter(
  stores: Stores,
  delivery: Delivery,
  log: Logger,
  room: () => RoomForCounter,
  notices?: SaleServiceDeps['notices'],
) {
  const { accounts, customers, meters, tariffs, settings, journal, inspection } = stores;
  const sales = new SaleService({
    store: stores.saleStore,
    log,
    target: delivery.target,
    accounts,
    meters,
    tariffs,
    receipts: stores.receipts,
    journal,
    settings,
    shifts: stores.shifts,
    settleMeter: (meterId, now, write) => room().meterCredit.settleBeforeSale(meterId, now, write),
    ...(notices && { notices }),
  });
  const refunds = new RefundService({
    store: stores.refundStore,
    accounts,
    meters,
    receipts: stores.receipts,
    shifts: stores.shifts,
    sales,
    chargeUpToNow: (meterId, now, write) => room().meterDesk.poll(meterId, now, write),
  });
  const billing = new OfficeBilling({ charges: stores.charges, accounts, tariffs, settings, log });
  const managementDesk = new ManagementDesk({
    journal,
    reader: delivery.officeReader,
    store: stores.managementCards,
    accounts,
    customers,
    meters,
    tariffs,
    inspection,
  });
  const cardDesk = new CardDesk({
    saleStore: stores.saleStore,
    journal,
    reader: delivery.officeReader,
    target: delivery.cardTarget,
    cards: stores.cards,
    cardFees: stores.cardFees,
    accounts,
    customers,
    meters,
    tariffs,
    settings,
    sales,
    management: managementDesk,
    managementCards: stores.managementCards,
    inspection,
  });
  return { sales, refunds, billing, managementDesk, cardDesk };
}
