// messages.*: the SMS outbox, its templates and settings, the modem's status, resends, tests and
// opt-outs (issue 19).
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ModemStatusView } from '../../shared/api/messages';
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
import { signedIn, type HandlerGroup } from '../api/context';

/** The services these handlers reach (their area's). */
type Area = 'messages' | 'settings' | 'customers';

const templatesOf = (settings: { smsTemplates(): typeof DEFAULT_TEMPLATES }) => ({
  templates: settings.smsTemplates(),
  defaults: DEFAULT_TEMPLATES,
  variables: TEMPLATE_VARIABLES,
});

export const messageHandlers: HandlerGroup<
  | 'messages.list'
  | 'messages.resend'
  | 'messages.sendTest'
  | 'messages.templates'
  | 'messages.setTemplate'
  | 'messages.settings'
  | 'messages.configure'
  | 'messages.modemStatus'
  | 'messages.optOut',
  Area
> = {
  'messages.list': (input, { services }) =>
    services.messages.outboxStore.list(input.state ?? null, 500),

  'messages.resend': async (input, ctx) => {
    const { messages } = ctx.services;
    const message = messages.outboxStore.byId(input.id);
    if (!message) throw new AppError('SMS_MESSAGE_NOT_FOUND');
    if (message.state !== 'failed') throw new AppError('SMS_NOT_RESENDABLE');
    ctx.write(
      () => messages.outboxStore.resend(input.id, ctx.now.toISOString()),
      () => ({ messageId: input.id }),
    );
    await messages.smsSender.sendDue();
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
    if (!messages.modem()) throw new AppError('SMS_MODEM_NOT_SET');
    await messages.smsSender.sendDue();
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
