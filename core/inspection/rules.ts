// Inspection rules (用电检查): what a meter's own report (a user card's write-back, a check card's
// record) says against the meter's earlier reports and the books. Pure: the store feeds it and
// keeps what it finds. Each rule names what it saw, so the supervisor can judge it.
import type { BoxViolation } from '../../shared/api/boxControls';

export interface MeterReport {
  loadedCount: number;
  remainingFen: number;
  /** 0.01 kWh. */
  cumulativeEnergy: number;
  illegalInsertCount: number;
  tamperFlags: number;
  /** The meter's clock, "YYYY-MM-DD hh:mm:ss", or null when it wrote none. */
  writtenAt: string | null;
}

/** What the books say about the account on this meter. */
export interface LedgerFacts {
  /** Purchases sold on the account (count N). */
  purchaseCount: number;
  /** Money the office put on this meter: sales since it was installed plus credit carried to it. */
  creditGivenFen: number;
}

export type Severity = 'critical' | 'warning' | 'notice';

export const INSPECTION_RULES = [
  'tamper',
  'illegal-inserts',
  'count-ahead',
  'credit-not-sold',
  'credit-jump',
  'energy-went-back',
  'consumption-low',
  'consumption-high',
  // From a dorm box's violation records (违规记录), not from a report.
  'malignant-load',
  'over-power',
  'forced-control',
] as const;
export type InspectionRule = (typeof INSPECTION_RULES)[number];

export interface Finding {
  rule: InspectionRule;
  severity: Severity;
  details: Record<string, number | string>;
}

export const TAMPER_BITS = [
  [1, 'cover-opened'],
  [2, 'magnetic-field'],
  [4, 'reverse-current'],
] as const;

/** How far a day's consumption may stray from the shop's usual before it is named. */
export const CONSUMPTION = {
  /** Intervals of history needed before "usual" means anything. */
  minIntervals: 3,
  /** An interval shorter than this (hours) says little about a day. */
  minHours: 24,
  lowRatio: 0.2,
  highRatio: 3,
} as const;

const hoursBetween = (a: string, b: string) =>
  (Date.parse(`${b.replace(' ', 'T')}Z`) - Date.parse(`${a.replace(' ', 'T')}Z`)) / 3_600_000;

/** kWh×100 per day between two reports, or null when they are too close or undated. */
export function dailyConsumption(from: MeterReport, to: MeterReport): number | null {
  if (!from.writtenAt || !to.writtenAt) return null;
  const hours = hoursBetween(from.writtenAt, to.writtenAt);
  if (!(hours >= CONSUMPTION.minHours)) return null;
  const used = to.cumulativeEnergy - from.cumulativeEnergy;
  return used < 0 ? null : (used * 24) / hours;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Findings for `report`, given the meter's earlier reports (oldest first, the last one being the
 * report just before) and the books (null for a meter no account holds).
 */
export function inspect(
  report: MeterReport,
  earlier: MeterReport[],
  ledger: LedgerFacts | null,
): Finding[] {
  const findings: Finding[] = [];
  const previous = earlier[earlier.length - 1];

  const newTamper = report.tamperFlags & ~(previous?.tamperFlags ?? 0);
  if (newTamper !== 0)
    findings.push({
      rule: 'tamper',
      severity: 'critical',
      details: {
        flags: TAMPER_BITS.filter(([bit]) => newTamper & bit)
          .map(([, name]) => name)
          .join(','),
      },
    });

  const illegalBefore = previous?.illegalInsertCount ?? 0;
  // A clear card resets the count; only a rise since the last report is news.
  if (report.illegalInsertCount > illegalBefore)
    findings.push({
      rule: 'illegal-inserts',
      severity: 'warning',
      details: { before: illegalBefore, after: report.illegalInsertCount },
    });

  if (ledger && report.loadedCount > ledger.purchaseCount)
    findings.push({
      rule: 'count-ahead',
      severity: 'critical',
      details: { meterCount: report.loadedCount, soldCount: ledger.purchaseCount },
    });

  if (ledger && report.remainingFen > ledger.creditGivenFen)
    findings.push({
      rule: 'credit-not-sold',
      severity: 'critical',
      details: { remainingFen: report.remainingFen, givenFen: ledger.creditGivenFen },
    });

  if (previous) {
    if (report.loadedCount === previous.loadedCount && report.remainingFen > previous.remainingFen)
      findings.push({
        rule: 'credit-jump',
        severity: 'critical',
        details: { beforeFen: previous.remainingFen, afterFen: report.remainingFen },
      });
    if (report.cumulativeEnergy < previous.cumulativeEnergy)
      findings.push({
        rule: 'energy-went-back',
        severity: 'critical',
        details: { before: previous.cumulativeEnergy, after: report.cumulativeEnergy },
      });
  }

  const now = previous ? dailyConsumption(previous, report) : null;
  const usual: number[] = [];
  for (let i = 1; i < earlier.length; i += 1) {
    const daily = dailyConsumption(earlier[i - 1]!, earlier[i]!);
    if (daily !== null) usual.push(daily);
  }
  if (now !== null && usual.length >= CONSUMPTION.minIntervals) {
    const typical = median(usual);
    const details = { dailyE2: Math.round(now), usualDailyE2: Math.round(typical) };
    // Far below the shop's usual: the classic sign of a bypass; far above: a fault or a new load.
    if (typical > 0 && now < typical * CONSUMPTION.lowRatio)
      findings.push({ rule: 'consumption-low', severity: 'warning', details });
    else if (now > typical * CONSUMPTION.highRatio && now > 0)
      findings.push({ rule: 'consumption-high', severity: 'notice', details });
  }
  return findings;
}

/** How long repeated box violations count against a circuit, and how many make it worse. */
export const REPEATS = { days: 30, escalateAt: 3 } as const;

/**
 * The finding a box's violation record raises: a forbidden load (a heater) is a warning, and
 * critical once it is the third in 30 days on the circuit; an over-power trip a notice, then a
 * warning; the office's own forcing a notice for the record. `repeats` counts this one.
 */
export function violationFinding(
  violation: Pick<BoxViolation, 'kind' | 'at' | 'powerW'>,
  repeats: number,
): Finding {
  const again = repeats >= REPEATS.escalateAt;
  const details = { at: violation.at, powerW: violation.powerW, repeats, kind: violation.kind };
  switch (violation.kind) {
    case 'malignantLoad':
      return { rule: 'malignant-load', severity: again ? 'critical' : 'warning', details };
    case 'overPower':
      return { rule: 'over-power', severity: again ? 'warning' : 'notice', details };
    default:
      return { rule: 'forced-control', severity: 'notice', details };
  }
}
