// Every handler, checked by the compiler to cover the whole contract exactly once.
import type { Handlers } from '../api/context';
import { accountHandlers } from './accounts';
import { auditHandlers } from './audit';
import { backupHandlers } from './backups';
import { cardHandlers } from './cards';
import { authHandlers } from './auth';
import { customerHandlers } from './customers';
import { customerImportHandlers } from './customerImport';
import { diagnosticsHandlers } from './diagnostics';
import { dormHandlers } from './dorms';
import { messageHandlers } from './messages';
import { displayHandlers } from './display';
import { inspectionHandlers } from './inspection';
import { journalHandlers } from './journal';
import { meterHandlers } from './meters';
import { meterLinkHandlers } from './meterLink';
import { meterReplacementHandlers } from './meterReplacement';
import { operatorHandlers } from './operators';
import { permissionSetHandlers } from './permissionSets';
import { printingHandlers } from './printing';
import { receiptHandlers } from './receipts';
import { refundHandlers } from './refunds';
import { reportHandlers } from './reports';
import { saleHandlers } from './sales';
import { secretHandlers } from './secret';
import { shiftHandlers } from './shifts';
import { settingsHandlers } from './settings';
import { setupHandlers } from './setup';
import { systemHandlers } from './system';
import { tariffHandlers } from './tariffs';
import { trainingHandlers } from './training';

export const handlers: Handlers = {
  ...systemHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...operatorHandlers,
  ...permissionSetHandlers,
  ...settingsHandlers,
  ...secretHandlers,
  ...auditHandlers,
  ...diagnosticsHandlers,
  ...customerHandlers,
  ...customerImportHandlers,
  ...meterHandlers,
  ...meterReplacementHandlers,
  ...tariffHandlers,
  ...accountHandlers,
  ...saleHandlers,
  ...trainingHandlers,
  ...receiptHandlers,
  ...printingHandlers,
  ...refundHandlers,
  ...backupHandlers,
  ...shiftHandlers,
  ...reportHandlers,
  ...cardHandlers,
  ...inspectionHandlers,
  ...meterLinkHandlers,
  ...journalHandlers,
  ...dormHandlers,
  ...messageHandlers,
  ...displayHandlers,
};
