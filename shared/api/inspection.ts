// Inspection (用电检查): what the rules found in meters' reports (write-backs, check cards), for the
// supervisor to look into and acknowledge, on screen and as a printable report.
import { z } from 'zod';
import { rule } from './fieldIssues';
import { freeText } from './text';
import type { OfficeFile } from './ledgerTypes';
import { method } from './method';

export type FindingSeverity = 'critical' | 'warning' | 'notice';

export interface FindingView {
  id: number;
  /**
   * tamper, illegal-inserts, count-ahead, credit-not-sold, credit-jump, energy-went-back,
   * consumption-low, consumption-high; from a dorm box: malignant-load, over-power, forced-control.
   */
  rule: string;
  severity: FindingSeverity;
  details: Record<string, number | string>;
  foundAt: string;
  meterNo: string;
  accountNo: string | null;
  customerName: string | null;
  shopUnit: string | null;
  /** `box-record`: a dorm box's violation record (违规记录), not a report. */
  source: 'write-back' | 'check-card' | 'bus-reading' | 'box-record';
  cardNo: string;
  /** The meter's clock when it wrote the report. */
  writtenAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

const findingQuery = {
  /** Only those not yet acknowledged. */
  open: z.boolean().default(true),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  meterNo: z
    .string()
    .regex(/^\d{12}$/, rule('twelve_digits'))
    .optional(),
};

export const inspectionMethods = {
  'inspection.list': method<FindingView[]>()({
    input: z.object(findingQuery).strict(),
    access: 'inspection',
    mutating: false,
    data: ['findings'],
  }),
  /** The supervisor has looked into it; the note says what they found or did. */
  'inspection.acknowledge': method<FindingView>()({
    input: z
      .object({ id: z.number().int().positive(), note: freeText(500, { min: 2, multiline: true }) })
      .strict(),
    access: 'inspection',
    mutating: true,
    data: ['findings'],
  }),
  /** 用电检查报告 as PDF: the findings of the query, grouped by severity. */
  'inspection.reportFile': method<OfficeFile>()({
    input: z.object(findingQuery).strict(),
    access: 'inspection',
    mutating: false,
  }),
} as const;
