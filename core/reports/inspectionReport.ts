// 用电检查报告: the findings a supervisor takes on a site visit, most serious first, each with what
// the meter reported, what it likely means and a line to sign off.
import type { FindingView } from '../../shared/api/inspection';
import { describeFinding, SEVERITY_NAMES } from '../../shared/inspectionText';
import type { PaperWords } from '../../shared/paper/words';
import { renderPdf, time } from '../receipts/pdf';
import { tableReport } from './reportPage';

const SEVERITY_COLORS: Record<string, string> = { critical: '#b42318', warning: '#b54708' };

function cells(f: FindingView, w: PaperWords) {
  const words = w.inspection;
  const text = describeFinding(f.rule, f.details, w.language);
  const where = [
    words.meter(f.meterNo),
    f.accountNo ? words.account(f.accountNo) : words.noAccount,
    [f.customerName, f.shopUnit].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join('\n');
  const handled = f.acknowledgedAt
    ? `${f.acknowledgedBy ?? ''} ${time(f.acknowledgedAt)}\n${f.note ?? ''}`
    : '';
  return [
    {
      text: SEVERITY_NAMES[w.language][f.severity] ?? f.severity,
      bold: f.severity === 'critical',
      color: SEVERITY_COLORS[f.severity] ?? '#000000',
    },
    `${time(f.foundAt)}\n${words.sources[f.source]} ${f.cardNo}`,
    where,
    `${text.title}\n${text.detail}`,
    text.advice,
    handled,
  ];
}

export interface InspectionReportHeading {
  officeName: string;
  printedAt: string;
  /** Open findings only or all of them, the range and the meter, as the supervisor chose. */
  open: boolean;
  from?: string;
  to?: string;
  meterNo?: string;
}

function scopeOf(heading: InspectionReportHeading, w: PaperWords): string {
  const words = w.inspection;
  const range =
    heading.from || heading.to
      ? words.range(
          heading.from ? time(new Date(heading.from).toISOString()) : '',
          heading.to ? time(new Date(heading.to).toISOString()) : '',
        )
      : '';
  return [
    heading.open ? words.open : words.all,
    range,
    heading.meterNo && words.meter(heading.meterNo),
  ]
    .filter(Boolean)
    .join('  ');
}

export function inspectionReportPdf(
  findings: FindingView[],
  heading: InspectionReportHeading,
  w: PaperWords,
): Promise<Buffer> {
  return renderPdf(
    tableReport(
      {
        officeName: heading.officeName,
        printedAt: heading.printedAt,
        scope: scopeOf(heading, w),
        title: w.inspection.title,
        headers: w.inspection.headers,
        widths: [28, 92, 110, '*', 150, 90],
        rows: findings.map((f) => cells(f, w)),
        none: w.inspection.none,
        after: [{ text: w.inspection.signLine, margin: [0, 18, 0, 0] }],
      },
      w,
    ),
    w.inspection.title,
  );
}
