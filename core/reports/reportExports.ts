// Excel files of the sales report written in the background (导出), for periods whose lines are too
// many to hand back in one answer: a year is about 334,000 lines and a 20 MB file. The export is
// started, written to a private folder in steps while the tills go on working, watched by its
// progress (lines written of the lines the kept totals count), and fetched in pieces. Exports take
// turns on a read connection of their own, so the screen's reports never wait behind one. A
// finished file is kept for ten minutes, for its owner only.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ReportExportStatus, ReportFilter, SalesReport } from '../../shared/api/ledgerTypes';
import { AppError } from '../../shared/errors';
import type { PaperWords } from '../../shared/paper/words';
import { ReportReader } from '../db/reportReader';
import { reportFileStem } from './reportFiles';
import { reportLinesOneByOne } from './reportStore';
import { isNarrowed, reportParams, salesReport } from './sales';
import { linesOf, workbookLines, writeSalesWorkbook, type LineSource } from './salesWorkbook';

/** Bytes of the file in one piece: 2 MB, about 2.7 MB as base64 in an answer. */
export const EXPORT_PIECE_BYTES = 2 * 1024 * 1024;
/** How long a finished file waits for its owner. */
const KEPT_MS = 10 * 60_000;

interface Export {
  status: ReportExportStatus;
  owner: number;
  file: string;
  abort: AbortController;
  expiry?: NodeJS.Timeout;
}

export interface ExportRequest {
  range: { from: string; to: string };
  filter: ReportFilter;
  officeName: string;
  words: PaperWords;
}

export class ReportExports {
  private readonly exports = new Map<string, Export>();
  private reader: ReportReader | null = null;

  constructor(
    private readonly deps: {
      database: string;
      /** Private to the office's user, like the data folder it sits in; emptied at start. */
      dir: string;
      log: Logger;
    },
  ) {
    fs.rmSync(deps.dir, { recursive: true, force: true });
  }

  /** Starts writing; an export of the same operator still being written is cancelled. */
  start(owner: number, request: ExportRequest): ReportExportStatus {
    for (const [id, e] of this.exports)
      if (e.owner === owner && e.status.state === 'writing') this.cancel(owner, id);
    fs.mkdirSync(this.deps.dir, { recursive: true, mode: 0o700 });
    const job = this.newExport(owner);
    this.exports.set(job.status.id, job);
    void this.write(job, request);
    return { ...job.status };
  }

  private newExport(owner: number): Export {
    const id = randomUUID();
    return {
      owner,
      file: path.join(this.deps.dir, `${id}.xlsx`),
      abort: new AbortController(),
      status: { id, state: 'writing', fileName: '', written: 0, total: null, size: 0 },
    };
  }

  /** The whole file at once, for a short period (reports.salesFile): written as an export is. */
  async file(request: ExportRequest): Promise<{ fileName: string; bytes: Buffer }> {
    fs.mkdirSync(this.deps.dir, { recursive: true, mode: 0o700 });
    const job = this.newExport(0);
    try {
      await this.writeFile(job, request);
      return { fileName: job.status.fileName, bytes: fs.readFileSync(job.file) };
    } finally {
      fs.rmSync(job.file, { force: true });
    }
  }

  status(owner: number, id: string): ReportExportStatus {
    return { ...this.owned(owner, id).status };
  }

  /** One piece of a finished file, from `offset`; `next` is null after the last. */
  piece(owner: number, id: string, offset: number): { base64: string; next: number | null } {
    const job = this.owned(owner, id);
    if (job.status.state !== 'ready')
      throw new AppError('REPORT_EXPORT_NOT_READY', { state: job.status.state });
    const size = job.status.size;
    const length = Math.max(0, Math.min(EXPORT_PIECE_BYTES, size - offset));
    const bytes = Buffer.alloc(length);
    const fd = fs.openSync(job.file, 'r');
    try {
      fs.readSync(fd, bytes, 0, length, offset);
    } finally {
      fs.closeSync(fd);
    }
    const end = offset + length;
    // The last piece fetched: the file has been handed over.
    if (end >= size) this.forget(id);
    return { base64: bytes.toString('base64'), next: end >= size ? null : end };
  }

  cancel(owner: number, id: string): void {
    const job = this.owned(owner, id);
    job.abort.abort();
    if (job.status.state !== 'writing') this.forget(id);
    else job.status.state = 'cancelled';
  }

  close(): void {
    for (const job of this.exports.values()) job.abort.abort();
    for (const id of [...this.exports.keys()]) this.forget(id);
    this.reader?.close();
    this.reader = null;
  }

  private owned(owner: number, id: string): Export {
    const job = this.exports.get(id);
    // Another operator's export is as unknown as a finished one: nothing about it is told.
    if (!job || job.owner !== owner) throw new AppError('REPORT_EXPORT_GONE');
    return job;
  }

  private forget(id: string): void {
    const job = this.exports.get(id);
    if (!job) return;
    clearTimeout(job.expiry);
    this.exports.delete(id);
    fs.rmSync(job.file, { force: true });
  }

  /** Writes an export's file; its status follows, and on any failure it says why and the file goes. */
  private async write(job: Export, request: ExportRequest): Promise<void> {
    try {
      await this.writeFile(job, request);
      job.status.size = fs.statSync(job.file).size;
      job.status.state = 'ready';
      job.expiry = setTimeout(() => this.forget(job.status.id), KEPT_MS).unref();
    } catch (error) {
      if (job.abort.signal.aborted) {
        this.forget(job.status.id);
        return;
      }
      this.deps.log.error({ err: error, export: job.status.id }, 'report export failed');
      const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
      job.status.state = 'failed';
      job.status.failure = full ? 'diskFull' : 'error';
      fs.rmSync(job.file, { force: true });
    }
  }

  private async writeFile(job: Export, request: ExportRequest): Promise<void> {
    const { range, filter, officeName, words } = request;
    this.reader ??= new ReportReader(this.deps.database);
    const reader = this.reader;
    const params = reportParams(range, filter);
    const narrowed = isNarrowed(params);
    // A narrowed report's figures come from its lines, which such a filter keeps few: they are
    // read once, for both. Otherwise the figures are kept totals and the lines stream through.
    const report: SalesReport = await salesReport(reader, range, filter, officeName, {
      allLines: narrowed,
      everyAccount: true,
    });
    job.status.total = workbookLines(report.totals);
    job.status.fileName = `${reportFileStem(report)}.xlsx`;
    const { signal } = job.abort;
    const progress = { signal, onLines: (written: number) => (job.status.written = written) };
    if (narrowed) {
      await writeSalesWorkbook(job.file, report, linesOf(report), words, progress);
    } else {
      await reader.read((db) => {
        const lines: LineSource = (kind) => reportLinesOneByOne(db, params, kind);
        return writeSalesWorkbook(job.file, report, lines, words, progress);
      });
    }
    signal.throwIfAborted();
  }
}
