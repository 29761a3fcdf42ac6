// Reports (报表): sales by period, low balances, tariff history, as screens and files.
import { z } from 'zod';
import {
  REPORT_LINE_KINDS,
  type LowBalanceRow,
  type OfficeFile,
  type ReportExportStatus,
  type ReportLinesPage,
  type SalesReport,
} from './ledgerTypes';
import { method } from './method';
import { id, remaining, text } from './fields';

const reportQuery = {
  from: z.iso.date(),
  to: z.iso.date(),
  customer: text(60).optional(),
  meterNo: text(20).optional(),
  operatorId: id.optional(),
};

export const reportMethods = {
  /**
   * 日报 / 月报 / 年报 or any range of office days (inclusive), by payment method, tariff, area,
   * operator, customer and meter; optionally for one customer, meter or operator.
   */
  'reports.sales': method<SalesReport>()({
    input: z.object(reportQuery).strict(),
    access: 'reports',
    mutating: false,
    data: ['sales'],
  }),
  /**
   * One page of the report's lines of one kind (sales, reversals, refunds, card fees), oldest
   * first: the screen scrolls through a year without ever holding it.
   */
  'reports.lines': method<ReportLinesPage>()({
    input: z
      .object({
        ...reportQuery,
        kind: z.enum(REPORT_LINE_KINDS),
        after: z
          .object({ at: text(40), receiptNo: id })
          .strict()
          .optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    access: 'reports',
    mutating: false,
    data: ['sales'],
  }),
  'reports.salesFile': method<OfficeFile>()({
    input: z.object({ ...reportQuery, format: z.enum(['pdf', 'xlsx']) }).strict(),
    access: 'reports',
    mutating: false,
  }),
  /**
   * The report's Excel file with every line, written in the background (a year is about 334,000
   * lines): started here, followed by reports.exportStatus, fetched by reports.exportPiece.
   */
  'reports.exportStart': method<ReportExportStatus>()({
    input: z.object(reportQuery).strict(),
    access: 'reports',
    mutating: false,
  }),
  'reports.exportStatus': method<ReportExportStatus>()({
    input: z.object({ exportId: z.uuid() }).strict(),
    access: 'reports',
    mutating: false,
  }),
  /** A piece of the finished file from `offset` (2 MB, base64); `next` is null after the last. */
  'reports.exportPiece': method<{ base64: string; next: number | null }>()({
    input: z
      .object({
        exportId: z.uuid(),
        offset: z
          .number()
          .int()
          .min(0)
          .max(2 ** 40),
      })
      .strict(),
    access: 'reports',
    mutating: false,
  }),
  'reports.exportCancel': method<null>()({
    input: z.object({ exportId: z.uuid() }).strict(),
    access: 'reports',
    mutating: false,
  }),
  /** 电价历史 as PDF or Excel: every version of every tariff. */
  'reports.tariffHistoryFile': method<OfficeFile>()({
    input: z.object({ format: z.enum(['pdf', 'xlsx']) }).strict(),
    access: 'reports',
    mutating: false,
  }),
  /** Everyone who may have sold (also disabled operators, for old periods): the report's filter. */
  'reports.operators': method<{ id: number; displayName: string; active: boolean }[]>()({
    input: z.object({}).strict(),
    access: 'reports',
    mutating: false,
  }),
  /** 低余额: active accounts whose meter was last seen below the threshold. */
  'reports.lowBalance': method<LowBalanceRow[]>()({
    input: z.object({ thresholdFen: remaining }).strict(),
    access: 'reports',
    mutating: false,
    data: ['accounts'],
  }),
} as const;
