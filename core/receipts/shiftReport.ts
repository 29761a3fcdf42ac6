// The hand-over report (交班报表): a shift's takings per payment method, expected against counted,
// and its sales, with lines for signatures.
import type { Content } from 'pdfmake/interfaces';
import type { PaymentMethod, ShiftView } from '../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../shared/api/ledgerTypes';
import { formatMoney } from '../../shared/units';
import { auditAnchorLine, MM, renderPdf, time } from './pdf';
import type { AuditAnchor } from '../../shared/api/types';
import { receiptNumber } from '../../shared/receiptNumber';

const METHOD_NAMES: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信',
  alipay: '支付宝',
  bank_card: '银行卡',
};
const STATUS_NAMES: Record<string, string> = { committed: '已完成', reversed: '已冲正' };

export interface ShiftSale {
  receiptNo: number;
  createdAt: string;
  customerName: string;
  amountFen: number;
  paymentMethod: PaymentMethod;
  status: string;
}

export function renderShiftReport(
  office: { officeName: string },
  shift: ShiftView,
  sales: ShiftSale[],
  printedAt: string,
  anchor: AuditAnchor,
): Promise<Buffer> {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const counted = shift.counted;
  const expected = shift.expected;
  if (!expected) throw new Error('the hand-over report is printed from the books’ figures');
  const rows: Content[][] = PAYMENT_METHODS.map((m) => [
    METHOD_NAMES[m],
    { text: formatMoney(expected[m]), alignment: 'right' },
    { text: counted ? formatMoney(counted[m]) : '—', alignment: 'right' },
    { text: counted ? formatMoney(counted[m] - expected[m]) : '—', alignment: 'right' },
  ]);
  const expectedTotal = sum(PAYMENT_METHODS.map((m) => expected[m]));
  const countedTotal = counted ? sum(PAYMENT_METHODS.map((m) => counted[m])) : null;
  rows.push([
    { text: '合计', bold: true },
    { text: formatMoney(expectedTotal), alignment: 'right', bold: true },
    {
      text: countedTotal === null ? '—' : formatMoney(countedTotal),
      alignment: 'right',
      bold: true,
    },
    {
      text: countedTotal === null ? '—' : formatMoney(countedTotal - expectedTotal),
      alignment: 'right',
      bold: true,
    },
  ]);

  return renderPdf(
    {
      pageSize: 'A4',
      pageMargins: [18 * MM, 16 * MM, 18 * MM, 16 * MM],
      defaultStyle: { font: 'WenQuanYi', fontSize: 10, lineHeight: 1.25 },
      content: [
        { text: office.officeName, fontSize: 16, bold: true, alignment: 'center' },
        { text: '交班报表', fontSize: 13, alignment: 'center', margin: [0, 4, 0, 12] },
        {
          columns: [
            { text: `收费员：${shift.operatorName}\n班次号：${shift.id}` },
            {
              text: `开班：${time(shift.openedAt)}\n交班：${shift.closedAt ? time(shift.closedAt) : '未交班'}`,
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
                { text: '付款方式', bold: true },
                { text: '应收', bold: true, alignment: 'right' },
                { text: '实收', bold: true, alignment: 'right' },
                { text: '差额', bold: true, alignment: 'right' },
              ],
              ...rows,
            ],
          },
          layout: 'lightHorizontalLines',
        },
        {
          text: `售电 ${shift.salesCount} 笔，冲正 ${shift.reversalsCount} 笔，退费 ${shift.refundsCount} 笔，工本费 ${shift.cardFeesCount} 笔`,
          margin: [0, 8, 0, 0],
        },
        ...(shift.approverName
          ? [{ text: `差额审批主管：${shift.approverName}`, margin: [0, 4, 0, 0] } as Content]
          : []),
        ...(shift.note ? [{ text: `备注：${shift.note}`, margin: [0, 4, 0, 0] } as Content] : []),
        { text: '售电明细', bold: true, margin: [0, 14, 0, 4] },
        {
          table: {
            headerRows: 1,
            widths: [62, 100, '*', 70, 50, 44],
            body: [
              ['票据号', '时间', '户名', { text: '金额', alignment: 'right' }, '付款', '状态'].map(
                (t) => ({ text: t as string, bold: true }),
              ),
              ...sales.map((s) => [
                receiptNumber(s.receiptNo),
                time(s.createdAt),
                s.customerName,
                { text: formatMoney(s.amountFen), alignment: 'right' as const },
                METHOD_NAMES[s.paymentMethod],
                STATUS_NAMES[s.status] ?? s.status,
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        },
        {
          margin: [0, 28, 0, 0],
          columns: [
            { text: '交班人签字：__________' },
            { text: '接班人签字：__________', alignment: 'center' },
            { text: '主管签字：__________', alignment: 'right' },
          ],
        },
        auditAnchorLine(anchor, printedAt),
      ],
    },
    `交班报表 ${shift.id}`,
  );
}
