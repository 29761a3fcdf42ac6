// Test support: a real backend on a real SQLite file in a temp folder, with a clock the test
// moves, and shortcuts to set up an office and sign operators in through the dispatcher.
import type { HidDevice } from '../tenant-link/display/links';
import type { ModemOptions } from '../tenant-link/modem/gsmModem';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api/contract';
import type { SessionView } from '../shared/api/types';
import type { TrainingHooks } from './hardware';
import type { PurchaseTarget } from '../shared/delivery';
import type { ApiResult } from '../shared/errors';
import type { Role } from '../shared/roles';
import { openCore, type Core } from './app';
import type { PrintSystem } from './printing/printSystem';
import type { ReaderService } from '../card/reader/types';
import { silentLogger } from './log/logger';

export interface TestClock {
  now: Date;
  advance(ms: number): void;
}

export function makeClock(start = new Date('2026-11-24T02:00:00Z')): TestClock {
  const clock = {
    now: start,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return clock;
}

export function tempDir(prefix = 'powertill-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore extends Core {
  dataDir: string;
  clock: TestClock;
  call<M extends MethodName>(
    method: M,
    input?: MethodInput<M>,
    sessionId?: string,
  ): Promise<ApiResult<MethodOutput<M>>>;
  /** Calls and unwraps a success, failing the test with the error otherwise. */
  ok<M extends MethodName>(
    method: M,
    input?: MethodInput<M>,
    sessionId?: string,
  ): Promise<MethodOutput<M>>;
  dispose(): Promise<void>;
}

export async function openTestCore(
  options: {
    dataDir?: string;
    clock?: TestClock;
    target?: PurchaseTarget;
    cardTarget?: PurchaseTarget;
    printSystem?: PrintSystem;
    readers?: ReaderService;
    training?: TrainingHooks;
    scheduleBackups?: boolean;
    modemOptions?: ModemOptions;
    openHidDisplay?: (path: string) => Promise<HidDevice>;
    smsReportWindowMs?: number;
  } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir();
  const clock = options.clock ?? makeClock();
  const core = await openCore({
    dataDir,
    appVersion: '0.0.0-test',
    clock: () => clock.now,
    logger: silentLogger(),
    ...(options.target && { target: options.target }),
    ...(options.cardTarget && { cardTarget: options.cardTarget }),
    ...(options.printSystem && { printSystem: options.printSystem }),
    ...(options.readers && { readers: options.readers }),
    ...(options.training && { training: options.training, demo: true }),
    ...(options.modemOptions && { modemOptions: options.modemOptions }),
    ...(options.openHidDisplay && { openHidDisplay: options.openHidDisplay }),
    ...(options.smsReportWindowMs !== undefined && {
      smsReportWindowMs: options.smsReportWindowMs,
    }),
    scheduleBackups: options.scheduleBackups ?? false,
    // Tests poll the meter line when they mean to, not by the clock.
    pollMeters: false,
  });
  const call = (method: MethodName, input?: unknown, sessionId?: string) =>
    core.dispatcher.dispatch({ method, input, ...(sessionId && { sessionId }) });
  const testCore: TestCore = {
    ...core,
    dataDir,
    clock,
    call: call as TestCore['call'],
    ok: (async (method: MethodName, input?: unknown, sessionId?: string) => {
      const result = await call(method, input, sessionId);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    }) as TestCore['ok'],
    async dispose() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testCore;
}

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'Admin1234' };

/** Runs the first-run wizard and returns the admin's session. */
export async function setUpOffice(core: TestCore): Promise<SessionView> {
  const result = await core.ok('setup.initialize', {
    officeName: '万达广场物业服务中心',
    receiptHeader: '万达广场 预付费电费收据',
    admin: ADMIN,
  });
  return result.session;
}

/**
 * Adds an operator with the given role (admin-created, so a password change is owed), changes
 * the password as they would at first sign-in, and returns their session.
 */
export async function signInAs(
  core: TestCore,
  adminSession: string,
  role: Role,
  username: string = role,
): Promise<SessionView> {
  await core.ok(
    'operators.create',
    { username, displayName: `${role} user`, role, password: 'Initial123' },
    adminSession,
  );
  const first = await core.ok('auth.login', { username, password: 'Initial123' });
  await core.ok(
    'auth.changePassword',
    { currentPassword: 'Initial123', newPassword: 'Working123' },
    first.sessionId,
  );
  return core.ok('auth.login', { username, password: 'Working123' });
}
