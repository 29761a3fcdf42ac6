// The meter room over the RS485 line: credit taken off or carried over (balance presets), the
// meters page's readings and relay commands, the office's billing trips, price pushes, polling,
// batches and ACRT terminals.
import { DormCalendar } from '../dorms/dormCalendar';
import type { Write } from '../db/unitOfWork';
import type { EventHub } from '../events';
import type { Logger } from '../log/logger';
import { AcrtDesk } from '../remote/acrtDesk';
import { BatchDesk, type BatchDeskDeps } from '../remote/batchDesk';
import { BillingRelay } from '../remote/billingRelay';
import { HeldCredits } from '../remote/heldCredit';
import { MeterCreditDesk } from '../remote/meterCredit';
import { MeterDesk, type MeterDeskDeps } from '../remote/meterDesk';
import { Poller } from '../remote/poller';
import { TariffPushes } from '../remote/tariffPushes';
import { UnconfirmedPushes } from '../remote/unconfirmedPushes';
import type { Counter } from './counter';
import type { Delivery } from './delivery';
import type { Stores } from './stores';

export type MeterRoom = ReturnType<typeof wireMeterRoom>;

export function wireMeterRoom(
  stores: Stores,
  delivery: Delivery,
  counter: Counter,
  office: {
    log: Logger;
    clock: () => Date;
    events: EventHub;
    /** The polling's own writes, recorded as the system's. */
    pollWrite: Write;
    /** What the tenant is told of (low credit found by a reading). */
    notices?: MeterDeskDeps['notices'];
    /** 销户 of one account, for 退宿 batches (the lifecycle is made after the room). */
    closeAccount?: BatchDeskDeps['closeAccount'];
  },
) {
  const { journal, meters, accounts, tariffs, settings, secret } = stores;
  const { log, clock } = office;
  const line = delivery.meterLine;
  const meterCredit = new MeterCreditDesk({
    journal,
    line,
    meters,
    secret,
    settings,
    target: delivery.target,
  });
  // The relay commands are the meter desk's, and the desk asks after each reading: a function
  // breaks the circle (called only once both exist).
  const billingRelay: BillingRelay = new BillingRelay({
    accounts,
    journal,
    billing: counter.billing,
    relay: (...command): ReturnType<MeterDesk['relay']> => meterDesk.relay(...command),
    log,
  });
  const meterDesk: MeterDesk = new MeterDesk({
    journal,
    tariffs,
    alarms: stores.alarms,
    inspection: stores.inspection,
    line,
    meters,
    accounts,
    sales: counter.sales,
    settings,
    billing: counter.billing,
    billingRelay,
    timeControls: stores.calendar,
    ...(office.notices && { notices: office.notices }),
  });
  // Pushes whose outcome nobody saw are read back from their meters before anything new goes.
  const unconfirmedPushes = new UnconfirmedPushes({
    journal,
    line,
    meters,
    log,
    inFlight: (id) => meterDesk.sending(id),
  });
  const tariffPushes = new TariffPushes({
    store: stores.tariffPushStore,
    tariffs,
    desk: meterDesk,
    log,
    unconfirmed: unconfirmedPushes,
  });
  const heldCredits = new HeldCredits({
    journal,
    credit: meterCredit,
    meters,
    accounts,
    refunds: counter.refunds,
    log,
  });
  const batches = new BatchDesk({
    operators: stores.operators,
    desk: meterDesk,
    line,
    sales: counter.sales,
    recharges: stores.recharges,
    events: office.events,
    log,
    clock,
    ...(office.closeAccount && { closeAccount: office.closeAccount }),
  });
  const poller = new Poller({
    meters,
    desk: meterDesk,
    tariffPushes,
    // Credit held on meters that did not answer at closing is taken off once they do.
    heldCredits,
    billingRelay,
    allowance: batches,
    calendar: new DormCalendar({
      calendar: stores.calendar,
      desk: meterDesk,
      operators: stores.operators,
      log,
    }),
    settings,
    log,
    clock,
    write: office.pollWrite,
  });
  const acrt = new AcrtDesk({ store: stores.acrtStore, journal, line, settings });
  return {
    meterCredit,
    billingRelay,
    meterDesk,
    unconfirmedPushes,
    tariffPushes,
    heldCredits,
    batches,
    poller,
    acrt,
  };
}
