// Telling the tenant (issue 19): the SMS outbox, and its sender on the office's GSM modem as
// settings name it, sending what is due every half minute and taking the network's delivery
// reports in as they come; card meters' credit estimated from the books every six hours.
import { GsmModem } from '../../tenant-link/modem/gsmModem';
import type { Logger } from '../log/logger';
import { TenantNotices } from '../messages/notices';
import { Outbox } from '../messages/outbox';
import { OutboxStore } from '../messages/outboxStore';
import { SmsSender } from '../messages/smsSender';
import { CardCreditWatch } from '../messages/cardCredit';
import { LightsOutWarnings } from '../messages/lightsOut';
import { GatewaySender, type GatewayRoute } from '../messages/gatewaySender';
import { AliyunSms } from '../../tenant-link/gateway/aliyunSms';
import { checkGatewayAccount, openGatewayAccount } from '../messages/gatewayAccount';
import type { UnitOfWork } from '../db/unitOfWork';
import type { Stores } from './stores';

export type Messages = ReturnType<typeof wireMessages>;

export function wireMessages(
  stores: Pick<
    Stores,
    'settings' | 'secret' | 'customers' | 'meters' | 'accounts' | 'saleStore' | 'calendar'
  >,
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
    accounts: stores.accounts,
    customers: stores.customers,
    meters: stores.meters,
  });
  const cardCredit = new CardCreditWatch({
    accounts: stores.accounts,
    meters: stores.meters,
    sales: stores.saleStore,
    settings,
    notices,
    tx: (fn) => office.unitOfWork(fn, () => undefined),
  });
  const lightsOut = new LightsOutWarnings({
    calendar: stores.calendar,
    accounts: stores.accounts,
    settings,
    notices,
    tx: (fn) => office.unitOfWork(fn, () => undefined),
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
  // The internet gateway, as settings have it: a client made again when its account changes.
  // Its secret opens with the office secret; one the OS will not unseal here means no gateway.
  const officeSecret = () => {
    try {
      return stores.secret.read()?.secret;
    } catch {
      return undefined;
    }
  };
  let gatewayClient: { key: string; client: AliyunSms } | null = null;
  const gatewayRoute = (): GatewayRoute | null =>
    settings.smsRoute() === 'gateway' ? gatewayAccountRoute() : null;
  /** The gateway's account as settings have it, whichever way messages go now. */
  const gatewayAccountRoute = (): GatewayRoute | null => {
    const gateway = openGatewayAccount(settings.smsGateway(), officeSecret());
    if (!gateway) return null;
    const key = JSON.stringify([gateway.accessKeyId, gateway.accessKeySecret, gateway.endpoint]);
    if (gatewayClient?.key !== key)
      gatewayClient = {
        key,
        client: new AliyunSms({
          ...gateway,
          // A local endpoint (a test's, or an office's own relay) speaks plain HTTP.
          protocol: /^(127\.|localhost)/.test(gateway.endpoint) ? 'http' : 'https',
        }),
      };
    return { client: gatewayClient.client, templateCodes: gateway.templateCodes };
  };
  const gatewaySender = new GatewaySender({
    store,
    gateway: gatewayRoute,
    tx: (fn) => office.unitOfWork(fn, () => undefined),
    clock: office.clock,
    log: office.log,
    ...(office.reportWindowMs !== undefined && { windowMs: office.reportWindowMs }),
  });
  let gatewayRuns: Promise<unknown> = Promise.resolve();
  /** What is due, sent the way settings say (one run at a time each way). */
  const sendDue = (): Promise<unknown> => {
    if (settings.smsRoute() === 'modem') return sender.sendDue();
    const run = gatewayRuns.then(() => gatewaySender.sendOnce());
    gatewayRuns = run.catch(() => undefined);
    return run;
  };
  let timer: NodeJS.Timeout | undefined;
  let estimates: NodeJS.Timeout | undefined;
  const estimate = () => {
    try {
      cardCredit.run(office.clock());
    } catch (error) {
      office.log.error({ err: error }, 'card credit estimate failed');
    }
  };
  return {
    outboxStore: store,
    outbox,
    notices,
    smsSender: sender,
    sendDue,
    /**
     * The gateway's account asked now (the service's list of a day's messages for a number): null
     * when it answered, else why not — so a supervisor learns of a mistyped secret at once.
     */
    checkGateway: () => checkGatewayAccount(gatewayAccountRoute()?.client ?? null, office.clock()),
    /** Whether a way out is set: the modem's port, or the gateway chosen and set up. */
    hasRoute: () =>
      settings.smsRoute() === 'gateway' ? gatewayRoute() !== null : current() !== null,
    cardCredit,
    lightsOut,
    /** The modem as settings have it now (for its status), null when none is set. */
    modem: current,
    start() {
      timer = setInterval(() => {
        try {
          lightsOut.run(office.clock());
        } catch (error) {
          office.log.error({ err: error }, 'lights-out warnings failed');
        }
        sendDue().catch((error: unknown) => office.log.error({ err: error }, 'sms run failed'));
      }, 30_000);
      timer.unref();
      // Card meters' credit, estimated from the books: at start, then every six hours (the
      // outbox holds a message that falls in quiet hours until morning).
      estimate();
      estimates = setInterval(estimate, 6 * 3600_000);
      estimates.unref();
    },
    async stop() {
      clearInterval(timer);
      clearInterval(estimates);
      await sender.settled();
      await gatewayRuns;
      await modem?.close();
    },
  };
}
