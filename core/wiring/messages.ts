// Telling the tenant (issue 19): the SMS outbox, and its sender on the office's GSM modem as
// settings name it, sending what is due every half minute and taking the network's delivery
// reports in as they come.
import { GsmModem } from '../../tenant-link/modem/gsmModem';
import type { Logger } from '../log/logger';
import { TenantNotices } from '../messages/notices';
import { Outbox } from '../messages/outbox';
import { OutboxStore } from '../messages/outboxStore';
import { SmsSender } from '../messages/smsSender';
import type { UnitOfWork } from '../db/unitOfWork';
import type { Stores } from './stores';

export type Messages = ReturnType<typeof wireMessages>;

export function wireMessages(
  stores: Pick<Stores, 'settings' | 'customers' | 'meters'>,
  db: ConstructorParameters<typeof OutboxStore>[0],
  office: {
    log: Logger;
    clock: () => Date;
    unitOfWork: UnitOfWork;
    /** The modem's timeouts (tests shorten them). */
    modemOptions?: ConstructorParameters<typeof GsmModem>[1];
    reportWindowMs?: number;
  },
) {
  const { settings } = stores;
  const store = new OutboxStore(db);
  const outbox = new Outbox({ store, rules: () => settings.outboxRules() });
  const notices = new TenantNotices({
    outbox,
    settings,
    customers: stores.customers,
    meters: stores.meters,
  });
  // One modem object per port: a port changed in settings closes the old one.
  let modem: GsmModem | null = null;
  const current = (): GsmModem | null => {
    const port = settings.smsModem();
    if (modem && modem.path !== port) {
      void modem.close();
      modem = null;
    }
    if (!modem && port) {
      modem = new GsmModem(port, office.modemOptions);
      modem.onReport((report) => sender.report(report));
    }
    return modem;
  };
  const sender: SmsSender = new SmsSender({
    store,
    modem: current,
    tx: (fn) => office.unitOfWork(fn, () => undefined),
    clock: office.clock,
    log: office.log,
    ...(office.reportWindowMs !== undefined && { reportWindowMs: office.reportWindowMs }),
  });
  let timer: NodeJS.Timeout | undefined;
  return {
    outboxStore: store,
    outbox,
    notices,
    smsSender: sender,
    /** The modem as settings have it now (for its status), null when none is set. */
    modem: current,
    start() {
      timer = setInterval(() => {
        sender
          .sendDue()
          .catch((error: unknown) => office.log.error({ err: error }, 'sms run failed'));
      }, 30_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await sender.settled();
      await modem?.close();
    },
  };
}
