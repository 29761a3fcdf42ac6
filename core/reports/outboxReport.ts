// 短信发件箱 on paper: the messages the office sent its tenants (or tried to), newest first, with
// their state and, for one that failed or was not sent, why — for the office's file or a tenant
// who says they were never told.
import type { MessageState, MessageView } from '../../shared/api/messages';
import type { PaperWords } from '../../shared/paper/words';
import { isOutboxReason } from '../../shared/sms/reasons';
import { renderPdf, time } from '../receipts/pdf';
import { tableReport } from './reportPage';

function cells(m: MessageView, w: PaperWords) {
  return [
    time(m.createdAt),
    [m.customerName, m.phone].filter(Boolean).join('\n'),
    w.outbox.kinds[m.kind],
    m.text,
    { text: w.outbox.states[m.state], bold: m.state === 'failed' },
    m.lastError && m.state !== 'delivered' && m.state !== 'sent'
      ? isOutboxReason(m.lastError)
        ? w.outbox.reasons[m.lastError]
        : m.lastError
      : '',
  ];
}

export function outboxReportPdf(
  messages: MessageView[],
  heading: { officeName: string; printedAt: string; state: MessageState | null },
  w: PaperWords,
): Promise<Buffer> {
  return renderPdf(
    tableReport(
      {
        officeName: heading.officeName,
        printedAt: heading.printedAt,
        scope: heading.state ? w.outbox.states[heading.state] : w.outbox.all,
        title: w.outbox.title,
        headers: w.outbox.headers,
        widths: [70, 90, 50, '*', 44, 120],
        rows: messages.map((m) => cells(m, w)),
        none: w.outbox.none,
      },
      w,
    ),
    w.outbox.title,
  );
}
