// Telling the tenant (短信): the outbox, templates, settings, the modem's status.
import { injectFromContract } from '../../app/api';

export const messagesApi = injectFromContract(({ query, mutation }) => ({
  outbox: query('messages.list'),
  resendMessage: mutation('messages.resend'),
  sendTestMessage: mutation('messages.sendTest'),
  messageTemplates: query('messages.templates'),
  setMessageTemplate: mutation('messages.setTemplate'),
  messageSettings: query('messages.settings'),
  configureMessages: mutation('messages.configure'),
  modemStatus: query('messages.modemStatus'),
}));

export const {
  useOutboxQuery,
  useResendMessageMutation,
  useSendTestMessageMutation,
  useMessageTemplatesQuery,
  useSetMessageTemplateMutation,
  useMessageSettingsQuery,
  useConfigureMessagesMutation,
  useModemStatusQuery,
} = messagesApi;
