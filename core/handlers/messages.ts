// messages.*: the SMS outbox, its templates and settings, the modem's status, resends, tests and
// opt-outs (issue 19).
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { GatewaySettingsView, ModemStatusView } from '../../shared/api/messages';
import type { SmsGatewaySettings } from '../office/settingsStore';
import { openGatewayAccount, sealGatewaySecret } from '../messages/gatewayAccount';
import {
  DEFAULT_TEMPLATES,
  renderTemplate,
  SAMPLE_VALUES,
  TEMPLATE_VARIABLES,
  unknownVariables,
} from '../../shared/sms/templates';
import { LIMITS, MAX_PARTS, segmentsOf } from '../../shared/sms/segments';
import { AtError } from '../../tenant-link/modem/atChannel';
import { signalBars } from '../../tenant-link/modem/gsmModem';
import { operatorLanguage, signedIn, type HandlerGroup } from '../api/context';
import { paperWords } from '../../shared/paper/words';
import { officeDay } from '../../shared/officeTime';
import { outboxReportPdf } from '../reports/outboxReport';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = 'messages' | 'settings' | 'customers' | 'log' | 'secret';

const templatesOf = (settings: { smsTemplates(): typeof DEFAULT_TEMPLATES }) => ({
  templates: settings.smsTemplates(),
  defaults: DEFAULT_TEMPLATES,
  variables: TEMPLATE_VARIABLES,
});

function gatewayView(
  settings: { smsRoute(): 'modem' | 'gateway'; smsGateway(): SmsGatewaySettings | null },
  officeSecret: Buffer | undefined,
): GatewaySettingsView {
  const g = settings.smsGateway();
  return {
    route: settings.smsRoute(),
    accessKeyId: g?.accessKeyId ?? '',
    // A secret sealed under another office secret does not open: it must be typed again.
    hasSecret: openGatewayAccount(g, officeSecret) !== null,
    signName: g?.signName ?? '',
    endpoint: g?.endpoint ?? 'dysmsapi.aliyuncs.com',
    templateCodes: g?.templateCodes ?? {},
  };
}

export const messageHandlers: HandlerGroup<
  | 'messages.list'
  | 'messages.reportFile'
  | 'messages.resend'
  | 'messages.sendTest'
  | 'messages.templates'
  | 'messages.setTemplate'
  | 'messages.settings'
  | 'messages.configure'
  | 'messages.modemStatus'
  | 'messages.optOut'
  | 'messages.optOutState'
  | 'messages.gatewaySettings'
  | 'messages.configureGateway'
  | 'messages.checkGateway',
  Area
> = {
  'messages.list': (input, { services }) =>
    services.messages.outboxStore.list(input.state ?? null, 500),

  'messages.reportFile': async (input, ctx) => {
    const { services, now } = ctx;
    const file = await outboxReportPdf(
      services.messages.outboxStore.list(input.state ?? null, 1_000),
      {
        officeName: services.settings.read().officeName,
        printedAt: now.toISOString(),
        state: input.state ?? null,
      },
      paperWords(operatorLanguage(ctx)),
    );
    return officeFile(`sms-outbox-${officeDay(now.toISOString())}.pdf`, file);
  },

  'messages.resend': async (input, ctx) => {
    const { messages } = ctx.services;
    const message = messages.outboxStore.byId(input.id);
    if (!message) throw new AppError('SMS_MESSAGE_NOT_FOUND');
    if (message.state !== 'failed') throw new AppError('SMS_NOT_RESENDABLE');
    ctx.write(
      () => messages.outboxStore.resend(input.id, ctx.now.toISOString()),
      () => ({ messageId: input.id }),
    );
    // Queued again now; the sender takes it at once, but the supervisor is not kept waiting on a
    // slow network (a part may take a minute): the outbox shows it sent or delivered.
    ctx.services.messages
      .sendDue()
      .catch((error: unknown) => ctx.services.log.error({ err: error }, 'sms run failed'));
    return messages.outboxStore.byId(input.id)!;
  },

  'messages.sendTest': async (input, ctx) => {
    const { messages } = ctx.services;
    const queued = ctx.write(
      () =>
        messages.outbox.queue(
          {
            eventKey: `test:${randomUUID()}`,
            kind: 'test',
            customerId: null,
            phone: input.phone,
            text: input.text,
          },
          ctx.now,
        ),
      (m) => ({ messageId: m.id }),
    );
    // A test goes to a number typed in: the only reason to skip it is that it is no mobile.
    if (queued.state === 'skipped') throw new AppError('SMS_NO_MOBILE');
    if (!messages.hasRoute())
      throw new AppError(
        ctx.services.settings.smsRoute() === 'gateway'
          ? 'SMS_GATEWAY_NOT_SET'
          : 'SMS_MODEM_NOT_SET',
      );
    await messages.sendDue();
    return messages.outboxStore.byId(queued.id)!;
  },

  'messages.templates': (_input, { services }) => templatesOf(services.settings),

  'messages.setTemplate': (input, ctx) => {
    const unknown = unknownVariables(input.kind, input.text);
    if (unknown.length > 0)
      throw new AppError('SMS_TEMPLATE_VARIABLE', {
        names: unknown.map((n) => `{${n}}`).join(' '),
      });
    if (segmentsOf(renderTemplate(input.text, SAMPLE_VALUES)).parts > MAX_PARTS)
      throw new AppError('SMS_TOO_LONG', { max: MAX_PARTS, chars: MAX_PARTS * LIMITS.ucs2.part });
    ctx.write(
      () => ctx.services.settings.setSmsTemplate(input.kind, input.text),
      () => ({ kind: input.kind }),
    );
    return templatesOf(ctx.services.settings);
  },

  'messages.settings': (_input, { services }) => ({
    modemPort: services.settings.smsModem(),
    ...services.settings.outboxRules(),
  }),

  'messages.configure': (input, ctx) => {
    const { settings } = ctx.services;
    ctx.write(
      () => {
        settings.setSmsModem(input.modemPort || null);
        settings.setOutboxRules({
          quietFrom: input.quietFrom,
          quietTo: input.quietTo,
          dailyCap: input.dailyCap,
          purchaseNotice: input.purchaseNotice,
          lightsOutNotice: input.lightsOutNotice,
        });
      },
      () => ({ modemPort: input.modemPort }),
    );
    return { modemPort: settings.smsModem(), ...settings.outboxRules() };
  },

  'messages.modemStatus': async (_input, { services }): Promise<ModemStatusView> => {
    const { messages } = services;
    const modem = messages.modem();
    const queued = messages.outboxStore.countQueued();
    const nothing = { sim: null, network: null, bars: null, operator: null };
    if (!modem) return { port: null, ...nothing, error: null, queued };
    try {
      const status = await modem.status();
      return {
        port: modem.path,
        sim: status.sim,
        network: status.network,
        bars: signalBars(status.rssi),
        operator: status.operator,
        error: null,
        queued,
      };
    } catch (error) {
      if (!(error instanceof AtError)) throw error;
      const code =
        error.failure.kind === 'unplugged' ? 'SMS_MODEM_UNPLUGGED' : 'SMS_MODEM_NO_ANSWER';
      return {
        port: modem.path,
        ...nothing,
        error: { code, params: { port: modem.path } },
        queued,
      };
    }
  },

  'messages.gatewaySettings': (_input, { services }) =>
    gatewayView(services.settings, services.secret.read()?.secret),

  'messages.configureGateway': (input, ctx) => {
    const { settings, secret } = ctx.services;
    const officeSecret = secret.read()?.secret;
    if (!officeSecret) throw new AppError('NOT_SET_UP');
    const kept = settings.smsGateway();
    // Typed now, or the one kept if it still opens here.
    const sealedSecret = input.accessKeySecret
      ? sealGatewaySecret(officeSecret, input.accessKeySecret)
      : kept && openGatewayAccount(kept, officeSecret)
        ? kept.sealedSecret
        : '';
    if (input.route === 'gateway' && (!input.accessKeyId || !sealedSecret || !input.signName))
      throw new AppError('SMS_GATEWAY_NOT_SET');
    ctx.write(
      () =>
        settings.setSmsGateway(input.route, {
          accessKeyId: input.accessKeyId,
          sealedSecret,
          signName: input.signName,
          endpoint: input.endpoint,
          templateCodes: input.templateCodes,
        }),
      // The audit log redacts the secret (core/audit: keys named *secret*).
      () => ({ route: input.route, accessKeyId: input.accessKeyId }),
    );
    return gatewayView(settings, officeSecret);
  },

  'messages.checkGateway': async (_input, { services }) => ({
    error: await services.messages.checkGateway(),
  }),

  'messages.optOutState': (input, { services }) => {
    if (!services.customers.byId(input.customerId)) throw new AppError('CUSTOMER_NOT_FOUND');
    return {
      customerId: input.customerId,
      optedOut: services.messages.outboxStore.optedOut(input.customerId),
    };
  },

  'messages.optOut': (input, ctx) => {
    const { messages, customers } = ctx.services;
    if (!customers.byId(input.customerId)) throw new AppError('CUSTOMER_NOT_FOUND');
    ctx.write(
      () =>
        input.optedOut
          ? messages.outboxStore.optOut(input.customerId, ctx.now.toISOString(), signedIn(ctx).id)
          : messages.outboxStore.optIn(input.customerId),
      () => ({ customerId: input.customerId, optedOut: input.optedOut }),
    );
    return { customerId: input.customerId, optedOut: input.optedOut };
  },
};
