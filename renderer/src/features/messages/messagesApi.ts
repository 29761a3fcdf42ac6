// Telling the tenant (短信): the outbox, templates, settings, the modem's status.
import { injectFromContract } from '../../app/api';

export const messagesApi = injectFromContract(({ query, mutation }) => ({
  outbox: query('messages.list'),
  outboxReport: mutation('messages.reportFile'),
  resendMessage: mutation('messages.resend'),
  sendTestMessage: mutation('messages.sendTest'),
  messageTemplates: query('messages.templates'),
  setMessageTemplate: mutation('messages.setTemplate'),
  messageSettings: query('messages.settings'),
  configureMessages: mutation('messages.configure'),
  modemStatus: query('messages.modemStatus'),
  optOutState: query('messages.optOutState'),
  gatewaySettings: query('messages.gatewaySettings'),
  configureGateway: mutation('messages.configureGateway'),
  checkGateway: mutation('messages.checkGateway'),
  optOut: mutation('messages.optOut'),
}));

export const {
  useOutboxQuery,
  useOutboxReportMutation,
  useResendMessageMutation,
  useSendTestMessageMutation,
  useMessageTemplatesQuery,
  useSetMessageTemplateMutation,
  useMessageSettingsQuery,
  useConfigureMessagesMutation,
  useModemStatusQuery,
  useOptOutStateQuery,
  useGatewaySettingsQuery,
  useConfigureGatewayMutation,
  useCheckGatewayMutation,
  useOptOutMutation,
} = messagesApi;
