// The hand-over report (交班报表), in the operator's language: a shift's takings per payment
// method, expected against counted, and its sales, with lines for signatures.
import type { Content } from 'pdfmake/interfaces';
import type { PaymentMethod, ShiftView } from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../shared/api/ledgerTypes';
import type { PaperWords } from '../../shared/paper/words';
import { formatMoney } from '../../shared/units';
import { auditAnchorLine, MM, renderPdf, time } from './pdf';
import type { AuditAnchor } from '../../shared/api/types';
import { receiptNumber } from '../../shared/receiptNumber';

export interface ShiftSale {
  receiptNo: number;
  createdAt: string;
  customerName: string;
  amountFen: number;
  paymentMethod: PaymentMethod;
  status: string;
}

const right = (text: string, bold = false): Content => ({ text, alignment: 'right', bold });

export function renderShiftReport(
  office: { officeName: string },
  shift: ShiftView,
  sales: ShiftSale[],
  printedAt: string,
  anchor: AuditAnchor,
  w: PaperWords,
): Promise<Buffer> {
  const words = w.shift;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const counted = shift.counted;
  const expected = shift.expected;
  if (!expected) throw new Error('the hand-over report is printed from the books’ figures');
  const rows: Content[][] = PAYMENT_METHODS.map((m) => [
    w.paymentMethods[m],
    right(formatMoney(expected[m])),
    right(counted ? formatMoney(counted[m]) : '—'),
    right(counted ? formatMoney(counted[m] - expected[m]) : '—'),
  ]);
  const expectedTotal = sum(PAYMENT_METHODS.map((m) => expected[m]));
  const countedTotal = counted ? sum(PAYMENT_METHODS.map((m) => counted[m])) : null;
  rows.push([
    { text: w.total, bold: true },
    right(formatMoney(expectedTotal), true),
    right(countedTotal === null ? '—' : formatMoney(countedTotal), true),
    right(countedTotal === null ? '—' : formatMoney(countedTotal - expectedTotal), true),
  ]);
  const status = (s: string) => (s === 'committed' || s === 'reversed' ? w.saleStates[s] : s);
  const c = words.lineColumns;

  return renderPdf(
    {
      pageSize: 'A4',
      pageMargins: [18 * MM, 16 * MM, 18 * MM, 16 * MM],
      defaultStyle: { font: 'WenQuanYi', fontSize: 10, lineHeight: 1.25 },
      content: [
        { text: office.officeName, fontSize: 16, bold: true, alignment: 'center' },
        { text: words.title, fontSize: 13, alignment: 'center', margin: [0, 4, 0, 12] },
        {
          columns: [
            { text: `${words.cashier(shift.operatorName)}\n${words.shiftNo(shift.id)}` },
            {
              text: `${words.opened(time(shift.openedAt))}\n${words.closed(shift.closedAt ? time(shift.closedAt) : null)}`,
              alignment: 'right',
            },
          ],
        },
        {
          margin: [0, 12, 0, 0],
          table: {
            headerRows: 1,
            widths: ['*', 90, 90, 90],
            body: [
              [
                { text: words.columns.method, bold: true },
                right(words.columns.expected, true),
                right(words.columns.counted, true),
                right(words.columns.difference, true),
              ],
              ...rows,
            ],
          },
          layout: 'lightHorizontalLines',
        },
        { text: words.counts(shift), margin: [0, 8, 0, 0] },
        ...(shift.approverName
          ? [{ text: words.approver(shift.approverName), margin: [0, 4, 0, 0] } as Content]
          : []),
        ...(shift.note ? [{ text: words.note(shift.note), margin: [0, 4, 0, 0] } as Content] : []),
        { text: words.salesSection, bold: true, margin: [0, 14, 0, 4] },
        {
          table: {
            headerRows: 1,
            widths: [62, 100, '*', 70, 50, 44],
            body: [
              [
                { text: c.receiptNo, bold: true },
                { text: c.time, bold: true },
                { text: c.customerName, bold: true },
                right(c.amount, true),
                { text: c.payment, bold: true },
                { text: c.status, bold: true },
              ],
              ...sales.map((s) => [
                receiptNumber(s.receiptNo),
                time(s.createdAt),
                s.customerName,
                right(formatMoney(s.amountFen)),
                w.paymentMethods[s.paymentMethod],
                status(s.status),
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        },
        {
          margin: [0, 28, 0, 0],
          columns: [
            { text: words.signatures[0] },
            { text: words.signatures[1], alignment: 'center' },
            { text: words.signatures[2], alignment: 'right' },
          ],
        },
        auditAnchorLine(anchor, printedAt, w),
      ],
    },
    words.documentTitle(shift.id),
  );
}
