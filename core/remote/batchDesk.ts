// 批量操作 (as in ACREL-3100): one operation over many meters on the line — read, time sync, trip,
// allow closing, push money limits, recharge (批量充值) — chosen by area, floor or all. The batch
// runs in the background one meter after another (the line takes one transaction at a time
// anyway), each meter's result is pushed as it comes ('batch.progress'), it can be cancelled
// between meters, and the failed ones done again. Runs live in memory: their effects (readings,
// commands, alarms) are in the ledger; the list of results is for watching it go. A recharge is
// also a batch in the books (RechargeBatchStore): its members are fixed at the start, each recharged
// at most once, and one cut short by a crash is found again at start-up and resumed.
import {
  needsReason,
  RECHARGE_OPERATIONS,
  type BatchOperation,
  type BatchResult,
  type BatchView,
  type MeterLimits,
} from '../../shared/api/meterLink';
import type { BoxControls, ForcedMode } from '../../shared/api/boxControls';
import type { PaymentMethod } from '../../shared/api/ledgerTypes';
import { AppError, type ApiError } from '../../shared/errors';
import { officeDateTime, officeDay } from '../../shared/officeTime';
import type { OperatorStore } from '../auth/operatorStore';
import type { EventHub } from '../events';
import type { SaleService } from '../ledger/sales';
import type { Write } from '../db/unitOfWork';
import type { Logger } from '../log/logger';
import type { MeterDesk } from './meterDesk';
import type { OfficeMeterLine } from './officeMeterLine';
import type { RechargeBatchStore, RechargeMember } from './rechargeBatchStore';

export interface BatchRequest {
  operation: BatchOperation;
  selection: { area?: string; floor?: string; meterIds?: number[] };
  reason?: string;
  limits?: MeterLimits;
  amountFen?: number;
  controls?: BoxControls;
  forced?: ForcedMode;
  paymentMethod?: PaymentMethod;
}

interface Job {
  view: BatchView;
  request: BatchRequest;
  abort: AbortController;
  done: Promise<void>;
}

export interface BatchDeskDeps {
  operators: OperatorStore;
  desk: MeterDesk;
  line: OfficeMeterLine;
  sales: SaleService;
  recharges: RechargeBatchStore;
  events: EventHub;
  log: Logger;
  clock: () => Date;
  /** 销户 of one account (退宿), the account lifecycle's, reached once it exists. */
  closeAccount?: (
    input: {
      accountId: number;
      reason: string;
      finalReading: number;
      paymentMethod: PaymentMethod;
      holdIfSilent: boolean;
    },
    act: { operatorId: number; now: Date; write: Write },
  ) => Promise<unknown>;
}

/** A batch missing what its operation needs, named as the form's field in the reader's words. */
const batchNeeds = (field: 'reason' | 'limits' | 'controls' | 'forced') =>
  new AppError('BATCH_NEEDS', undefined, { issues: [{ path: field, code: 'required' }] });

/** Jobs kept for watching; older finished ones are dropped. */
const KEPT = 20;

/** A member's failure as the screen translates it (never an English message in a Chinese row). */
const codedError = (error: unknown): ApiError =>
  (error instanceof AppError
    ? error
    : new AppError('INTERNAL', undefined, { cause: error })
  ).toApiError();

/** A member of a 批量充值 as the batch screen shows it: done, or still to do. */
const memberResult = (m: RechargeMember): BatchResult => ({
  meterId: m.meterId,
  accountId: m.accountId,
  meterNo: m.meterNo,
  customerName: m.customerName,
  shopUnit: m.shopUnit,
  amountFen: m.amountFen,
  state: m.state === 'done' ? 'ok' : 'waiting',
  error: null,
  energyKwh: null,
  remainingFen: m.meterBalanceAfterFen,
});

export class BatchDesk {
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor(private readonly deps: BatchDeskDeps) {}

  /** Meters on the line (not card meters), in service, in the selection, by meter number. */
  private select(selection: BatchRequest['selection']): BatchResult[] {
    return this.selected(selection).map(({ accountState: _, billing: __, ...r }) => ({
      ...r,
      amountFen: null,
      state: 'waiting',
      error: null,
      energyKwh: null,
      remainingFen: null,
    }));
  }

  /** The selection's meters with their open accounts' state and who keeps their money. */
  private selected(selection: BatchRequest['selection']) {
    return this.deps.recharges.selected(selection);
  }

  groups(): { areas: string[]; floors: string[] } {
    return this.deps.recharges.groups();
  }

  start(
    request: BatchRequest,
    operator: { id: number; username: string },
    write: Write,
  ): BatchView {
    const running = [...this.jobs.values()].find((j) => j.view.state === 'running');
    if (running) throw new AppError('BATCH_RUNNING', { operation: running.view.operation });
    if (needsReason(request.operation) && !request.reason) throw batchNeeds('reason');
    if (request.operation === 'setLimits' && !request.limits) throw batchNeeds('limits');
    if (request.operation === 'boxControls' && !request.controls) throw batchNeeds('controls');
    if (request.operation === 'force' && !request.forced) throw batchNeeds('forced');
    if (request.operation === 'recharge' && !request.amountFen)
      throw new AppError('BATCH_AMOUNT_NEEDED');
    if (RECHARGE_OPERATIONS.includes(request.operation))
      return this.startRecharge(request, operator, write);
    const results = this.select(request.selection);
    if (results.length === 0) throw new AppError('BATCH_EMPTY');
    return this.launch(request, results, null, operator, write);
  }

  /**
   * A 批量充值: its members (the open, active accounts in the selection) are written to the books
   * with the batch, then recharged one by one as the office's grant.
   */
  private startRecharge(
    request: BatchRequest,
    operator: { id: number; username: string },
    write: Write,
  ): BatchView {
    const accountIds = this.activeAccounts(request.selection);
    if (accountIds.length === 0) throw new AppError('BATCH_EMPTY');
    const kind = request.operation === 'recharge' ? 'amount' : 'allowance';
    const rechargeBatchId = write(
      () =>
        this.deps.recharges.create(
          { kind, amountFen: request.amountFen ?? null, reason: request.reason! },
          accountIds,
          operator.id,
          this.deps.clock(),
        ),
      (id) => ({ phase: 'begun', rechargeBatchId: id, kind, members: accountIds.length }),
    );
    const results = this.deps.recharges.members(rechargeBatchId).map(memberResult);
    return this.launch(request, results, rechargeBatchId, operator, write);
  }

  /**
   * The open, active accounts on line meters in the selection whose meter keeps the money (who a
   * recharge can go to). An account the office bills itself takes its allowance in its pricing
   * and its purchases in its balance: it is never a batch member.
   */
  private activeAccounts(selection: BatchRequest['selection']): number[] {
    return this.selected(selection).flatMap((r) =>
      r.accountId !== null && r.accountState === 'active' && r.billing === 'meter'
        ? [r.accountId]
        : [],
    );
  }

  /**
   * 基础免费电量, monthly and by itself: once the office month has begun, the allowance of every
   * account whose tariff gives one goes out as a batch (the poller's minute asks), once; accounts
   * opened later in the month get theirs from the next attempt (one batch per day at most), and
   * none twice (the books refuse a second allowance in a month). The batch is the first admin's.
   * One a crash or a power cut stopped part-way is taken up again first, at the first minute
   * after the office opens: the members it had done stay done, the others are recharged now.
   */
  async grantMonthlyAllowance(write: Write): Promise<BatchView | null> {
    if ([...this.jobs.values()].some((j) => j.view.state === 'running')) return null;
    const admin = this.deps.operators.firstAdmin();
    if (!admin) return null;
    const cutShort = this.interruptedAllowance();
    if (cutShort) {
      const view = this.retryFailed(cutShort, admin, write);
      await this.jobs.get(view.id)!.done;
      return this.get(view.id);
    }
    const now = this.deps.clock();
    const day = officeDay(now.toISOString());
    const last = this.deps.recharges.lastAllowanceAt();
    if (last !== null && officeDay(last) === day) return null;
    try {
      const view = this.start(
        { operation: 'allowance', selection: {}, reason: '每月基础免费电量（自动发放）' },
        admin,
        write,
      );
      // Done before the poller reads the same meters: the two would only wait for each other.
      await this.jobs.get(view.id)!.done;
      return this.get(view.id);
    } catch (error) {
      // Nobody to give it to this month (no allowance in any tariff, all given): nothing to do.
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  /**
   * The run (restored from the books) of an allowance batch no run of this process has worked on:
   * one the office stopped in the middle of. Members that failed in a run since are left to the
   * next day's attempt, so a silent meter is not asked every minute.
   */
  private interruptedAllowance(): number | null {
    const worked = new Set(
      [...this.jobs.values()]
        .filter((j) => j.view.startedAt !== j.view.finishedAt)
        .map((j) => j.view.rechargeBatchId),
    );
    const batch = this.deps.recharges
      .unfinished(this.deps.clock())
      .find((b) => b.kind === 'allowance' && !worked.has(b.id));
    return batch ? this.restore(batch).view.id : null;
  }

  private launch(
    request: BatchRequest,
    results: BatchResult[],
    rechargeBatchId: number | null,
    operator: { id: number; username: string },
    write: Write,
  ): BatchView {
    const view: BatchView = {
      id: this.nextId++,
      operation: request.operation,
      rechargeBatchId,
      state: 'running',
      operatorName: operator.username,
      startedAt: this.deps.clock().toISOString(),
      finishedAt: null,
      total: results.length,
      succeeded: results.filter((r) => r.state === 'ok').length,
      failed: 0,
      results,
    };
    const abort = new AbortController();
    const job: Job = { view, request, abort, done: Promise.resolve() };
    job.done = this.run(job, operator.id, write).catch((error: unknown) =>
      this.deps.log.error({ err: error, batch: view.id }, 'batch stopped'),
    );
    this.keep(job);
    return structuredClone(view);
  }

  /**
   * Keeps a run for watching; the oldest finished ones go. A run of a 批量充值 not finished yet
   * stays however many there are: it is what `batch.unfinished` offers to resume.
   */
  private keep(job: Job) {
    this.jobs.set(job.view.id, job);
    const droppable = [...this.jobs.values()].filter(
      (j) =>
        j.view.state !== 'running' &&
        (j.view.rechargeBatchId === null ||
          this.deps.recharges.get(j.view.rechargeBatchId)?.state !== 'running'),
    );
    for (const old of droppable.slice(0, Math.max(0, this.jobs.size - KEPT)))
      this.jobs.delete(old.view.id);
  }

  private publish(view: BatchView) {
    this.deps.events.publish('batch.progress', structuredClone(view));
  }

  private async run(job: Job, operatorId: number, write: Write): Promise<void> {
    const { view, request, abort } = job;
    const { desk, line } = this.deps;
    if (request.operation === 'timeSync') {
      // One broadcast reaches every meter on the line; meters do not answer a broadcast.
      const clock = officeDateTime(this.deps.clock().toISOString());
      const first = view.results[0]!;
      try {
        await line.use(first.meterNo, (c) => c.timeSync(clock));
        for (const r of view.results) r.state = 'sent';
        view.succeeded = view.total;
      } catch (error) {
        for (const r of view.results) {
          r.state = 'failed';
          r.error = codedError(error);
        }
        view.failed = view.total;
      }
      return this.finish(view, 'done');
    }
    for (const result of view.results) {
      // A recharge member the books show done (settled since the batch was cut short) is skipped.
      if (result.state === 'ok') continue;
      if (abort.signal.aborted) {
        result.state = 'cancelled';
        continue;
      }
      const now = this.deps.clock();
      const meterId = result.meterId;
      try {
        if (request.operation === 'read') {
          const reading = await desk.poll(meterId, now, write);
          result.energyKwh = reading.energyKwh;
          result.remainingFen = reading.remainingFen;
        } else if (request.operation === 'recharge' || request.operation === 'allowance') {
          result.remainingFen = await this.recharge(
            view.rechargeBatchId!,
            result,
            operatorId,
            now,
            write,
          );
        } else if (request.operation === 'pushTariff') {
          await desk.pushTariff({ meterId, reason: request.reason! }, operatorId, now, write);
        } else if (request.operation === 'setLimits') {
          await desk.setLimits(
            { meterId, limits: request.limits!, reason: request.reason! },
            operatorId,
            now,
            write,
          );
        } else if (request.operation === 'boxControls') {
          await desk.setBoxControls(
            { meterId, controls: request.controls!, reason: request.reason! },
            operatorId,
            now,
            write,
          );
        } else if (request.operation === 'moveOut') {
          result.remainingFen = await this.moveOut(result, request, operatorId, now, write);
        } else if (request.operation === 'force') {
          await desk.force(
            { meterId, mode: request.forced!, reason: request.reason! },
            operatorId,
            now,
            write,
          );
        } else {
          await desk.relay(
            { meterId, command: request.operation, reason: request.reason! },
            operatorId,
            now,
            write,
          );
        }
        result.state = 'ok';
        view.succeeded += 1;
      } catch (error) {
        result.state = 'failed';
        result.error = codedError(error);
        view.failed += 1;
      }
      this.publish(view);
    }
    if (view.rechargeBatchId !== null) {
      const batchId = view.rechargeBatchId;
      write(
        () => this.deps.recharges.finishIfDone(batchId, this.deps.clock()),
        (finished) => ({ phase: finished ? 'finished' : 'unfinished', rechargeBatchId: batchId }),
      );
    }
    this.finish(view, abort.signal.aborted ? 'cancelled' : 'done');
  }

  /**
   * One member of a 批量充值, sold as the office's grant through the journal. A member the batch
   * has recharged already (an earlier run, a retry after a crash that the start-up settled) counts
   * as done: the sale refuses a second one, and this reads its balance from that one.
   */
  private async recharge(
    batchId: number,
    result: BatchResult,
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<number | null> {
    const { recharges, sales } = this.deps;
    const batch = recharges.get(batchId)!;
    try {
      const sale = await sales.sell(
        {
          accountId: result.accountId!,
          amountFen: result.amountFen!,
          paymentMethod: 'grant',
          addToUnloaded: false,
          grant: { batchId, allowanceMonth: batch.allowanceMonth },
        },
        operatorId,
        now,
        write,
      );
      return sale.meterBalanceAfterFen;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'BATCH_MEMBER_DONE') throw error;
      return recharges.members(batchId, [result.accountId!])[0]?.meterBalanceAfterFen ?? null;
    }
  }

  /**
   * 退宿 of one circuit: its reading taken as the final one, its account closed with what is left
   * paid back (off the box first); a circuit already vacant is done. Returns what was on the box.
   */
  private async moveOut(
    result: BatchResult,
    request: BatchRequest,
    operatorId: number,
    now: Date,
    write: Write,
  ): Promise<number | null> {
    const close = this.deps.closeAccount;
    if (!close) throw new AppError('INTERNAL');
    if (result.accountId === null) return null;
    const reading = await this.deps.desk.read(result.meterId, now, write);
    await close(
      {
        accountId: result.accountId,
        reason: request.reason!,
        // The reading in 0.01 kWh, as the books keep readings.
        finalReading: Math.round((reading.energyKwh ?? 0) * 100),
        paymentMethod: request.paymentMethod ?? 'cash',
        holdIfSilent: true,
      },
      { operatorId, now, write },
    );
    return reading.remainingFen;
  }

  private finish(view: BatchView, state: 'done' | 'cancelled') {
    view.state = state;
    view.finishedAt = this.deps.clock().toISOString();
    this.publish(view);
  }

  private job(id: number): Job {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('BATCH_NOT_FOUND');
    return job;
  }

  get(id: number): BatchView {
    return structuredClone(this.job(id).view);
  }

  /** Stops before the next meter; the one being worked on finishes. */
  async cancel(id: number): Promise<BatchView> {
    const job = this.job(id);
    job.abort.abort();
    await job.done;
    return structuredClone(job.view);
  }

  retryFailed(id: number, operator: { id: number; username: string }, write: Write): BatchView {
    const { view, request } = this.job(id);
    const failed = view.results.filter((r) => r.state === 'failed' || r.state === 'cancelled');
    if (failed.length === 0) throw new AppError('BATCH_EMPTY');
    if (view.rechargeBatchId !== null) {
      // The same batch in the books: its members recharged already stay as they are.
      const running = [...this.jobs.values()].find((j) => j.view.state === 'running');
      if (running) throw new AppError('BATCH_RUNNING', { operation: running.view.operation });
      const results = this.deps.recharges
        .members(
          view.rechargeBatchId,
          failed.map((r) => r.accountId!),
        )
        .map(memberResult);
      return this.launch(request, results, view.rechargeBatchId, operator, write);
    }
    return this.start(
      { ...request, selection: { meterIds: failed.map((r) => r.meterId) } },
      operator,
      write,
    );
  }

  /**
   * The 批量充值 not finished. One cut short by a crash has no run in memory after a restart: it is
   * shown as interrupted, its members as the books have them, ready for `retryFailed`.
   */
  unfinished(): BatchView[] {
    return this.deps.recharges.unfinished(this.deps.clock()).map((batch) => {
      const runs = [...this.jobs.values()].filter((j) => j.view.rechargeBatchId === batch.id);
      const latest = runs.at(-1) ?? this.restore(batch);
      return structuredClone(latest.view);
    });
  }

  private restore(batch: ReturnType<RechargeBatchStore['unfinished']>[number]): Job {
    const at = this.deps.clock().toISOString();
    const results = this.deps.recharges.members(batch.id).map((m): BatchResult => {
      const r = memberResult(m);
      if (m.state === 'done') return r;
      return { ...r, state: 'failed', error: new AppError('BATCH_INTERRUPTED').toApiError() };
    });
    const succeeded = results.filter((r) => r.state === 'ok').length;
    const { username } = this.deps.operators.byId(batch.operatorId)!;
    const job: Job = {
      view: {
        id: this.nextId++,
        operation: batch.kind === 'amount' ? 'recharge' : 'allowance',
        rechargeBatchId: batch.id,
        state: 'cancelled',
        operatorName: username,
        startedAt: at,
        finishedAt: at,
        total: results.length,
        succeeded,
        failed: results.length - succeeded,
        results,
      },
      request: {
        operation: batch.kind === 'amount' ? 'recharge' : 'allowance',
        selection: {},
        reason: batch.reason,
        ...(batch.amountFen !== null && { amountFen: batch.amountFen }),
      },
      abort: new AbortController(),
      done: Promise.resolve(),
    };
    this.keep(job);
    return job;
  }

  /** Waits for running batches (closing the office, tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }
}
