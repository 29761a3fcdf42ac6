// The one API contract: every backend method once, with its input schema, output type, who may
// call it and whether it changes state. Both transports and the renderer read only this.
import type { z } from 'zod';
import { foundationMethods } from './foundation';
import { customerMethods } from './customers';
import { meterMethods } from './meters';
import { tariffMethods } from './tariffs';
import { accountMethods } from './accounts';
import { refundMethods } from './refunds';
import { saleMethods } from './sales';
import { shiftMethods } from './shifts';
import { reportMethods } from './reports';
import { backupMethods } from './backups';
import { trainingMethods } from './training';
import { printingMethods } from './printing';
import { cardMethods } from './cards';
import { inspectionMethods } from './inspection';
import { meterLinkMethods } from './meterLink';
import { journalMethods } from './journal';
import { permissionSetMethods } from './permissionSets';
import { dormMethods } from './dorms';
import { messageMethods } from './messages';
import { displayMethods } from './display';
import type { MethodSpec } from './method';

export type { Access, DataTopic, MethodSpec } from './method';
export { DATA_TOPICS } from './method';

export const api = {
  ...foundationMethods,
  ...customerMethods,
  ...meterMethods,
  ...tariffMethods,
  ...accountMethods,
  ...refundMethods,
  ...saleMethods,
  ...shiftMethods,
  ...reportMethods,
  ...backupMethods,
  ...trainingMethods,
  ...printingMethods,
  ...cardMethods,
  ...inspectionMethods,
  ...meterLinkMethods,
  ...journalMethods,
  ...permissionSetMethods,
  ...dormMethods,
  ...messageMethods,
  ...displayMethods,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> =
  Api[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

export { mayCall } from './access';
