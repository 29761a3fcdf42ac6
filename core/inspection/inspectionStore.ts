// Meters' reports and what the inspection rules found in them. A report is stored once (the same
// card read twice reports nothing new); each new report is inspected against the meter's earlier
// ones and the books, and its findings wait for a supervisor to acknowledge them.
import type { BlockValues } from '../../card/layout/fields';
import type { FindingView } from '../../shared/api/inspection';
import { prepared, type Db } from '../db/open';
import type { BoxViolation } from '../../shared/api/boxControls';
import {
  inspect,
  REPEATS,
  violationFinding,
  type Finding,
  type LedgerFacts,
  type MeterReport,
} from './rules';

/** A meter's report as the card carries it (a write-back block or a check-card record). */
export function meterReportOf(values: BlockValues): MeterReport {
  return {
    loadedCount: values.loadedCount as number,
    remainingFen: values.remainingFen as number,
    cumulativeEnergy: values.cumulativeEnergy as number,
    illegalInsertCount: values.illegalInsertCount as number,
    tamperFlags: values.tamperFlags as number,
    writtenAt: values.writtenAt as string | null,
  };
}

/** Earlier reports the consumption rule looks at. */
const HISTORY = 60;

export interface ReportInput {
  meterId: number;
  accountId: number | null;
  source: 'write-back' | 'check-card' | 'bus-reading';
  cardNo: string;
  report: MeterReport;
}

interface ReportRow {
  loaded_count: number;
  remaining_fen: number;
  cumulative_energy: number;
  illegal_insert_count: number;
  tamper_flags: number;
  written_at: string | null;
}

const asReport = (r: ReportRow): MeterReport => ({
  loadedCount: r.loaded_count,
  remainingFen: r.remaining_fen,
  cumulativeEnergy: r.cumulative_energy,
  illegalInsertCount: r.illegal_insert_count,
  tamperFlags: r.tamper_flags,
  writtenAt: r.written_at,
});

export interface FindingFilter {
  id?: number;
  open?: boolean;
  from?: string;
  to?: string;
  meterNo?: string;
  limit: number;
}

export class InspectionStore {
  constructor(private readonly db: Db) {}

  /** Sales on the account since it came onto this meter, plus the credit carried to it. */
  ledgerFacts(accountId: number, meterId: number): LedgerFacts {
    const row = prepared<LedgerFacts>(
      this.db,
      `WITH moved AS (
         SELECT carried_fen, created_at FROM meter_replacements
         WHERE account_id = :accountId AND new_meter_id = :meterId ORDER BY id DESC LIMIT 1)
       SELECT a.purchase_count AS purchaseCount,
         coalesce((SELECT carried_fen FROM moved), 0) + coalesce((
           SELECT sum(s.amount_fen) FROM sales s WHERE s.account_id = :accountId
             AND s.status IN ('pending', 'committed')
             AND s.created_at >= coalesce((SELECT created_at FROM moved), '')), 0) AS creditGivenFen
       FROM accounts a WHERE a.id = :accountId`,
    ).get({ accountId, meterId })!;
    return row;
  }

  /**
   * Stores the report and its findings; null when this report was stored before. Call inside the
   * transaction that takes the card's contents into the books.
   */
  takeReport(input: ReportInput, at: string): { reportId: number; findings: Finding[] } | null {
    const r = input.report;
    const inserted = prepared(
      this.db,
      `INSERT OR IGNORE INTO meter_reports (meter_id, account_id, source, card_no, loaded_count, remaining_fen,
         cumulative_energy, illegal_insert_count, tamper_flags, written_at, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.meterId,
      input.accountId,
      input.source,
      input.cardNo,
      r.loadedCount,
      r.remainingFen,
      r.cumulativeEnergy,
      r.illegalInsertCount,
      r.tamperFlags,
      r.writtenAt,
      at,
    );
    if (inserted.changes === 0) return null;
    const reportId = Number(inserted.lastInsertRowid);
    const earlier = prepared<ReportRow>(
      this.db,
      `SELECT loaded_count, remaining_fen, cumulative_energy, illegal_insert_count, tamper_flags, written_at
         FROM meter_reports WHERE meter_id = ? AND id < ? ORDER BY id DESC LIMIT ${HISTORY}`,
    )
      .all(input.meterId, reportId)
      .reverse()
      .map(asReport);
    const ledger =
      input.accountId === null ? null : this.ledgerFacts(input.accountId, input.meterId);
    const findings = inspect(r, earlier, ledger);
    const insert = prepared(
      this.db,
      `INSERT INTO inspection_findings (report_id, meter_id, account_id, rule, severity, details, found_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of findings)
      insert.run(
        reportId,
        input.meterId,
        input.accountId,
        f.rule,
        f.severity,
        JSON.stringify(f.details),
        at,
      );
    return { reportId, findings };
  }

  /** The newest violation record kept of a box circuit: where the next read starts. */
  lastViolation(meterId: number): { seq: number; at: string } | null {
    return (
      prepared<{ seq: number; at: string }>(
        this.db,
        'SELECT seq, at FROM box_violations WHERE meter_id = ? ORDER BY id DESC LIMIT 1',
      ).get(meterId) ?? null
    );
  }

  /**
   * Keeps a box circuit's violation records (oldest first), each once, each raising its finding:
   * worse as the same kind repeats on the circuit within REPEATS.days. Call inside the reading's
   * transaction. Returns the findings of the records new to the books.
   */
  takeViolations(
    meterId: number,
    accountId: number | null,
    records: readonly BoxViolation[],
    readAt: string,
  ): Finding[] {
    const insert = prepared(
      this.db,
      `INSERT OR IGNORE INTO box_violations (meter_id, account_id, seq, kind, at, power_w, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const repeats = prepared<{ n: number }>(
      this.db,
      `SELECT count(*) AS n FROM box_violations
        WHERE meter_id = ? AND kind = ? AND at > ? AND at <= ?`,
    );
    const finding = prepared(
      this.db,
      `INSERT INTO inspection_findings (violation_id, meter_id, account_id, rule, severity, details, found_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const found: Finding[] = [];
    for (const v of records) {
      const inserted = insert.run(meterId, accountId, v.seq, v.kind, v.at, v.powerW, readAt);
      if (inserted.changes === 0) continue;
      const since = new Date(Date.parse(`${v.at.replace(' ', 'T')}Z`) - REPEATS.days * 86_400_000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
      const { n } = repeats.get(meterId, v.kind, since, v.at)!;
      const f = violationFinding(v, n);
      finding.run(
        Number(inserted.lastInsertRowid),
        meterId,
        accountId,
        f.rule,
        f.severity,
        JSON.stringify(f.details),
        readAt,
      );
      found.push(f);
    }
    return found;
  }

  /** Whether the line already reported this meter on this office day ("YYYY-MM-DD"). */
  hasBusReadingOn(meterId: number, day: string): boolean {
    return (
      prepared(
        this.db,
        "SELECT 1 FROM meter_reports WHERE meter_id = ? AND source = 'bus-reading' AND substr(written_at, 1, 10) = ?",
      ).get(meterId, day) !== undefined
    );
  }

  /**
   * What is still open from a report stored before: the same card read again shows the same
   * warning until a supervisor has dealt with it.
   */
  openFindingsOf(meterId: number, report: MeterReport): Pick<Finding, 'rule' | 'severity'>[] {
    return prepared<Pick<Finding, 'rule' | 'severity'>>(
      this.db,
      `SELECT f.rule, f.severity FROM inspection_findings f JOIN meter_reports r ON r.id = f.report_id
       WHERE r.meter_id = :meterId AND r.loaded_count = :loadedCount
         AND r.cumulative_energy = :cumulativeEnergy AND r.written_at IS :writtenAt
         AND f.acknowledged_at IS NULL ORDER BY f.id`,
    ).all({
      meterId,
      loadedCount: report.loadedCount,
      cumulativeEnergy: report.cumulativeEnergy,
      writtenAt: report.writtenAt,
    });
  }

  list(filter: FindingFilter): FindingView[] {
    const rows = prepared<Omit<FindingView, 'details'> & { details: string }>(
      this.db,
      `SELECT f.id, f.rule, f.severity, f.details, f.found_at AS foundAt, m.meter_no AS meterNo,
         a.account_no AS accountNo, c.name AS customerName, c.shop_unit AS shopUnit,
         coalesce(r.source, 'box-record') AS source, coalesce(r.card_no, '') AS cardNo,
         coalesce(r.written_at, v.at) AS writtenAt,
         f.acknowledged_at AS acknowledgedAt, o.display_name AS acknowledgedBy, f.note
       FROM inspection_findings f LEFT JOIN meter_reports r ON r.id = f.report_id
       LEFT JOIN box_violations v ON v.id = f.violation_id
       JOIN meters m ON m.id = f.meter_id
       LEFT JOIN accounts a ON a.id = f.account_id LEFT JOIN customers c ON c.id = a.customer_id
       LEFT JOIN operators o ON o.id = f.acknowledged_by
       WHERE (:id IS NULL OR f.id = :id) AND (:open = 0 OR f.acknowledged_at IS NULL)
         AND (:from IS NULL OR f.found_at >= :from) AND (:to IS NULL OR f.found_at < :to)
         AND (:meterNo IS NULL OR m.meter_no = :meterNo)
       ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.id DESC
       LIMIT :limit`,
    ).all({
      id: filter.id ?? null,
      open: filter.open ? 1 : 0,
      from: filter.from ?? null,
      to: filter.to ?? null,
      meterNo: filter.meterNo ?? null,
      limit: filter.limit,
    });
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) }));
  }

  byId(id: number): FindingView | undefined {
    return this.list({ id, limit: 1 })[0];
  }

  acknowledge(id: number, operatorId: number, note: string, at: string): boolean {
    return (
      prepared(
        this.db,
        `UPDATE inspection_findings SET acknowledged_at = ?, acknowledged_by = ?, note = ?
         WHERE id = ? AND acknowledged_at IS NULL`,
      ).run(at, operatorId, note, id).changes === 1
    );
  }
}
