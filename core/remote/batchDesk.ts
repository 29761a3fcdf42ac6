// 批量操作 (as in ACREL-3100): one operation over many meters on the line — read, time sync, trip,
// allow closing, push money limits — chosen by area, floor or all. The batch runs in the
// background one meter after another (the line takes one transaction at a time anyway), each
// meter's result is pushed as it comes ('batch.progress'), it can be cancelled between meters, and
// the failed ones done again. Batches live in memory: their effects (readings, commands, alarms)
// are in the ledger; the list of results is for watching it go.
import type {
  BatchOperation,
  BatchResult,
  BatchView,
  MeterLimits,
} from '../../shared/api/meterLink';
import { AppError, type ApiError } from '../../shared/errors';
import { officeDateTime } from '../../shared/officeTime';
import { prepared, type Db } from '../db/open';
import type { EventHub } from '../events';
import type { Write } from '../ledger/sales';
import type { Logger } from '../log/logger';
import type { MeterDesk } from './meterDesk';
import type { OfficeMeterLine } from './officeMeterLine';

export interface BatchRequest {
  operation: BatchOperation;
  selection: { area?: string; floor?: string; meterIds?: number[] };
  reason?: string;
  limits?: MeterLimits;
}

interface Job {
  view: BatchView;
  request: BatchRequest;
  abort: AbortController;
  done: Promise<void>;
}

export interface BatchDeskDeps {
  db: Db;
  desk: MeterDesk;
  line: OfficeMeterLine;
  events: EventHub;
  log: Logger;
  clock: () => Date;
}

/** Jobs kept for watching; older finished ones are dropped. */
const KEPT = 20;

/** A member's failure as the screen translates it (never an English message in a Chinese row). */
const codedError = (error: unknown): ApiError =>
  (error instanceof AppError
    ? error
    : new AppError('INTERNAL', undefined, { cause: error })
  ).toApiError();

export class BatchDesk {
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor(private readonly deps: BatchDeskDeps) {}

  /** Meters on the line (not card meters), in service, in the selection, by meter number. */
  private select(selection: BatchRequest['selection']): BatchResult[] {
    const ids = selection.meterIds ?? null;
    const rows = prepared(
      this.deps.db,
      `SELECT m.id AS meterId, m.meter_no AS meterNo, c.name AS customerName, c.shop_unit AS shopUnit
       FROM meters m
       LEFT JOIN accounts a ON a.meter_id = m.id AND a.state <> 'closed'
       LEFT JOIN customers c ON c.id = a.customer_id
       WHERE m.kind <> 'card' AND m.state = 'in_service'
         AND (:area IS NULL OR c.area = :area) AND (:floor IS NULL OR c.floor = :floor)
         AND (:ids IS NULL OR m.id IN (SELECT value FROM json_each(:ids)))
       ORDER BY m.meter_no, m.circuit`,
    ).all({
      area: selection.area ?? null,
      floor: selection.floor ?? null,
      ids: ids && JSON.stringify(ids),
    }) as Pick<BatchResult, 'meterId' | 'meterNo' | 'customerName' | 'shopUnit'>[];
    return rows.map((r) => ({
      ...r,
      state: 'waiting',
      error: null,
      energyKwh: null,
      remainingFen: null,
    }));
  }

  groups(): { areas: string[]; floors: string[] } {
    const distinct = (column: 'area' | 'floor') =>
      (
        prepared(
          this.deps.db,
          `SELECT DISTINCT c.${column} AS v FROM customers c JOIN accounts a ON a.customer_id = c.id
           JOIN meters m ON m.id = a.meter_id
           WHERE m.kind <> 'card' AND a.state <> 'closed' AND c.${column} <> '' ORDER BY v`,
        ).all() as { v: string }[]
      ).map((r) => r.v);
    return { areas: distinct('area'), floors: distinct('floor') };
  }

  start(
    request: BatchRequest,
    operator: { id: number; username: string },
    write: Write,
  ): BatchView {
    const running = [...this.jobs.values()].find((j) => j.view.state === 'running');
    if (running) throw new AppError('BATCH_RUNNING', { operation: running.view.operation });
    if (
      ['trip', 'allowClose', 'setLimits', 'pushTariff'].includes(request.operation) &&
      !request.reason
    )
      throw new AppError('BATCH_NEEDS', { what: 'reason' });
    if (request.operation === 'setLimits' && !request.limits)
      throw new AppError('BATCH_NEEDS', { what: 'limits' });
    const results = this.select(request.selection);
    if (results.length === 0) throw new AppError('BATCH_EMPTY');
    const view: BatchView = {
      id: this.nextId++,
      operation: request.operation,
      state: 'running',
      operatorName: operator.username,
      startedAt: this.deps.clock().toISOString(),
      finishedAt: null,
      total: results.length,
      succeeded: 0,
      failed: 0,
      results,
    };
    const abort = new AbortController();
    const job: Job = { view, request, abort, done: Promise.resolve() };
    job.done = this.run(job, operator.id, write).catch((error: unknown) =>
      this.deps.log.error({ err: error, batch: view.id }, 'batch stopped'),
    );
    this.jobs.set(view.id, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT)))
      this.jobs.delete(old);
    return structuredClone(view);
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
        } else if (request.operation === 'pushTariff') {
          await desk.pushTariff({ meterId, reason: request.reason! }, operatorId, now, write);
        } else if (request.operation === 'setLimits') {
          await desk.setLimits(
            { meterId, limits: request.limits!, reason: request.reason! },
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
    this.finish(view, abort.signal.aborted ? 'cancelled' : 'done');
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
    return this.start(
      { ...request, selection: { meterIds: failed.map((r) => r.meterId) } },
      operator,
      write,
    );
  }

  /** Waits for running batches (closing the office, tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }
}
