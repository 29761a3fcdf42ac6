// 报警记录报表: the alarms the meter line raised, newest first, with the tenant to call, the credit
// the meter showed, when the cause went away and who dealt with it.
import type { AlarmView } from '../../shared/api/meterLink';
import { formatMoney } from '../../shared/units';
import { renderPdf, time } from '../receipts/pdf';
import { tableReport } from './reportPage';

const HEADERS = ['报警', '报警时间', '电表', '商户 / 电话', '表内余额', '解除时间', '处理'];
const KINDS: Record<AlarmView['kind'], string> = {
  'low-credit': '余额不足',
  'no-answer': '电表无应答',
};

function cells(a: AlarmView) {
  return [
    { text: KINDS[a.kind], bold: a.kind === 'no-answer' },
    time(a.raisedAt),
    a.meterNo,
    [a.customerName, a.shopUnit, a.phone].filter(Boolean).join('\n') || '—',
    a.remainingFen === null ? '' : formatMoney(a.remainingFen),
    a.clearedAt ? time(a.clearedAt) : '未解除',
    a.acknowledgedAt ? `${a.acknowledgedBy ?? ''} ${time(a.acknowledgedAt)}\n${a.note ?? ''}` : '',
  ];
}

export function alarmReportPdf(
  alarms: AlarmView[],
  heading: { officeName: string; printedAt: string; scope: string },
): Promise<Buffer> {
  return renderPdf(
    tableReport({
      ...heading,
      title: '报警记录',
      headers: HEADERS,
      widths: [56, 80, 80, '*', 60, 80, 150],
      rows: alarms.map(cells),
      none: '没有报警记录。',
    }),
    '报警记录',
  );
}
