// 报警记录报表: the alarms the meter line raised, newest first, with the tenant to call, the credit
// the meter showed, when the cause went away and who dealt with it.
import type { AlarmView } from '../../shared/api/meterLink';
import type { PaperWords } from '../../shared/paper/words';
import { formatMoney } from '../../shared/units';
import { renderPdf, time } from '../receipts/pdf';
import { tableReport } from './reportPage';

function cells(a: AlarmView, w: PaperWords) {
  return [
    { text: w.alarms.kinds[a.kind], bold: a.kind === 'no-answer' },
    time(a.raisedAt),
    a.meterNo,
    [a.customerName, a.shopUnit, a.phone].filter(Boolean).join('\n') || '—',
    a.remainingFen === null ? '' : formatMoney(a.remainingFen),
    a.clearedAt ? time(a.clearedAt) : w.alarms.notCleared,
    a.acknowledgedAt ? `${a.acknowledgedBy ?? ''} ${time(a.acknowledgedAt)}\n${a.note ?? ''}` : '',
  ];
}

export function alarmReportPdf(
  alarms: AlarmView[],
  heading: { officeName: string; printedAt: string; open: boolean },
  w: PaperWords,
): Promise<Buffer> {
  return renderPdf(
    tableReport(
      {
        officeName: heading.officeName,
        printedAt: heading.printedAt,
        scope: heading.open ? w.alarms.open : w.alarms.all,
        title: w.alarms.title,
        headers: w.alarms.headers,
        widths: [56, 80, 80, '*', 60, 80, 150],
        rows: alarms.map((a) => cells(a, w)),
        none: w.alarms.none,
      },
      w,
    ),
    w.alarms.title,
  );
}
