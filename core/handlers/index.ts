// Every handler, checked by the compiler to cover the whole contract exactly once.
import type { Handlers } from '../api/context';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { diagnosticsHandlers } from './diagnostics';
import { operatorHandlers } from './operators';
import { secretHandlers } from './secret';
import { settingsHandlers } from './settings';
import { setupHandlers } from './setup';
import { systemHandlers } from './system';

export const handlers: Handlers = {
  ...systemHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...operatorHandlers,
  ...settingsHandlers,
  ...secretHandlers,
  ...auditHandlers,
  ...diagnosticsHandlers,
};
