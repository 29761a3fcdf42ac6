// Receipts (票据) as PDF: an 80 mm thermal roll and an A4 sheet, with the CJK font shipped in
// resources/fonts, in the office's receipt language. A reprint keeps the number and says 补打; a
// voided number prints as 作废.
import { receiptNumber } from '../../shared/receiptNumber';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReceiptLayoutName } from '../../shared/api/printing';
import type { ReceiptFormLayout } from '../../shared/receiptForm';
import { renderFormReceipt } from './formPdf';
import {
  takenBackText,
  type CardFeeDetails,
  type ReceiptData,
  type RefundDetails,
} from './receiptData';
import type { PaperWords } from '../../shared/paper/words';
import { formatEnergy, formatMoney, formatPrice } from '../../shared/units';
import { MM, renderPdf, time } from './pdf';

function refundRows(r: ReceiptData, refund: RefundDetails, w: PaperWords): [string, string][] {
  const l = w.receipt.labels;
  return [
    [l.receiptNo, receiptNumber(r.receiptNo)],
    [l.refundKind, w.refundKinds[refund.kind]],
    [l.refundReason, r.reason ?? ''],
    [l.refundTime, time(r.soldAt)],
    [l.customerNo, r.customerNo],
    [l.customerName, r.customerName],
    [l.shopUnit, r.shopUnit || '—'],
    [l.accountNo, r.accountNo],
    [l.meterNo, r.meterNo],
    [
      l.meterBalance,
      w.receipt.balanceWithSource(
        formatMoney(refund.meterRemainingFen),
        w.receipt.remainingSources[refund.takenOffMeter ? 'line' : refund.remainingSource],
        time(refund.remainingAt),
      ),
    ],
    [l.refundMethod, w.paymentMethods[r.paymentMethod]],
    [l.handledBy, r.operatorName],
    [l.approver, refund.approverName],
  ];
}

/** A card fee receipt: the fee is its own line, named for the card it paid for. */
function cardFeeRows(r: ReceiptData, fee: CardFeeDetails, w: PaperWords): [string, string][] {
  const l = w.receipt.labels;
  return [
    [l.receiptNo, receiptNumber(r.receiptNo)],
    [l.feeTime, time(r.soldAt)],
    [l.customerNo, r.customerNo],
    [l.customerName, r.customerName],
    [l.shopUnit, r.shopUnit || '—'],
    [l.accountNo, r.accountNo],
    [l.cardNo, fee.cardNo],
    [w.receipt.cardFeeItems[fee.kind], formatMoney(r.amountFen)],
    [l.paymentMethod, w.paymentMethods[r.paymentMethod]],
    ...cash(r, w),
    [l.cashier, r.operatorName],
  ];
}

/**
 * A remote recharge is on the meter already: there is no card to insert; money refunded over the
 * line has left the meter: there is nothing to clear.
 */
const footnote = (r: ReceiptData, w: PaperWords) =>
  r.kind === 'sale' && r.delivery === 'remote'
    ? w.receipt.footnotes.saleRemote
    : r.kind === 'sale' && r.delivery === 'office'
      ? w.receipt.footnotes.saleOffice
      : r.kind === 'refund' && r.delivery === 'office'
        ? w.receipt.footnotes.refundOffice
        : r.refund?.takenOffMeter
          ? w.receipt.footnotes.refundRemote
          : w.receipt.footnotes[r.kind];

function rows(r: ReceiptData, w: PaperWords): [string, string][] {
  if (r.refund) return refundRows(r, r.refund, w);
  if (r.cardFee) return cardFeeRows(r, r.cardFee, w);
  const l = w.receipt.labels;
  const reversal: [string, string][] =
    r.kind === 'reversal'
      ? [
          [l.originalReceiptNo, receiptNumber(r.reversedReceiptNo ?? 0)],
          [l.reversalReason, r.reason ?? ''],
          ...(r.approverName ? [[l.approver, r.approverName] as [string, string]] : []),
        ]
      : [];
  // Known only where the meter itself said it after the recharge (an NK meter read back), or
  // where the office keeps the balance (主站计费: the books' figure after this purchase).
  const balance: [string, string][] = r.meterBalanceAfter
    ? [
        r.delivery === 'office'
          ? [l.accountBalanceAfter, formatMoney(r.meterBalanceAfter.fen)]
          : [
              l.meterBalanceAfter,
              w.receipt.balanceReadBack(
                formatMoney(r.meterBalanceAfter.fen),
                readLater(r.soldAt, r.meterBalanceAfter.at) ? time(r.meterBalanceAfter.at) : null,
              ),
            ],
      ]
    : [];
  return [
    [l.receiptNo, receiptNumber(r.receiptNo)],
    ...reversal,
    [r.kind === 'reversal' ? l.reversalTime : l.saleTime, time(r.soldAt)],
    [l.customerNo, r.customerNo],
    [l.customerName, r.customerName],
    [l.shopUnit, r.shopUnit || '—'],
    [l.accountNo, r.accountNo],
    [l.meterNo, r.meterNo],
    [l.purchaseCount, String(r.purchaseCount)],
    [l.price, w.perKwh(formatPrice(r.price))],
    [l.energy, w.kwh(formatEnergy(r.energy))],
    ...(r.allowanceMonth
      ? [[l.freeAllowance, w.receipt.allowanceOf(r.allowanceMonth)] as [string, string]]
      : []),
    ...balance,
    [l.paymentMethod, w.paymentMethods[r.paymentMethod]],
    ...cash(r, w),
    [l.cashier, r.operatorName],
  ];
}

/** A read more than a minute after the sale (a recharge settled later) says when it was. */
const readLater = (soldAt: string, readAt: string) =>
  new Date(readAt).getTime() - new Date(soldAt).getTime() > 60_000;

/** 实收 and 找零 of a cash sale, when the cashier entered what was handed over. */
function cash(r: ReceiptData, w: PaperWords): [string, string][] {
  if (r.tenderedFen === null) return [];
  return [
    [w.receipt.labels.tendered, formatMoney(r.tenderedFen)],
    [w.receipt.labels.change, formatMoney(r.tenderedFen - r.amountFen)],
  ];
}

/** The title block: the office's header, and the kind of document unless the header says it. */
function heading(r: ReceiptData, w: PaperWords): Content[] {
  const title = r.receiptHeader || r.officeName;
  if (r.kind !== 'sale')
    return [
      { text: title, style: 'title' },
      { text: w.receipt.subtitles[r.kind], style: 'subtitle' },
    ];
  return [
    { text: title, style: 'title' },
    ...(w.receipt.headerNamesReceipt(title)
      ? []
      : [{ text: w.receipt.saleSubtitle, style: 'subtitle' }]),
  ];
}

function marks(r: ReceiptData, w: PaperWords): Content[] {
  const out: Content[] = [];
  if (r.status === 'void') out.push({ text: w.receipt.void, style: 'void' });
  if (r.takenBack) out.push({ text: takenBackText(r.takenBack, w.receipt), style: 'void' });
  if (r.reprint > 0) out.push({ text: w.receipt.reprint(r.reprint), style: 'reprint' });
  return out;
}

function thermal(r: ReceiptData, w: PaperWords): TDocumentDefinitions {
  return {
    pageSize: { width: 80 * MM, height: 'auto' },
    pageMargins: [4 * MM, 4 * MM, 4 * MM, 6 * MM],
    defaultStyle: { font: 'WenQuanYi', fontSize: 9, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 11, bold: true, alignment: 'center' },
      subtitle: { fontSize: 9, alignment: 'center', margin: [0, 2, 0, 4] },
      amount: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 4, 0, 0] },
      capitals: { fontSize: 9, alignment: 'center', margin: [0, 0, 0, 4] },
      void: {
        fontSize: 14,
        bold: true,
        alignment: 'center',
        color: '#b00000',
        margin: [0, 2, 0, 2],
      },
      reprint: { fontSize: 10, bold: true, alignment: 'center', margin: [0, 2, 0, 2] },
      foot: { fontSize: 7, alignment: 'center', color: '#444444', margin: [0, 6, 0, 0] },
    },
    content: [
      ...heading(r, w),
      ...marks(r, w),
      rule(72),
      {
        layout: 'noBorders',
        table: {
          widths: [w.receipt.labelWidth.thermal, '*'],
          body: rows(r, w).map(([k, v]) => [{ text: k, color: '#444444' }, v]),
        },
      },
      rule(72),
      {
        text: `${w.receipt.amountLabels[r.kind]}${formatMoney(r.amountFen)}`,
        style: 'amount',
      },
      { text: w.receipt.inWordsLine(w.amountInWords(r.amountFen)), style: 'capitals' },
      rule(72),
      {
        text: `${w.receipt.printedBy(r.officeName, time(r.printedAt))}\n${footnote(r, w)}`,
        style: 'foot',
      },
    ],
  };
}

function a4(r: ReceiptData, w: PaperWords): TDocumentDefinitions {
  const body = rows(r, w);
  const pairs: Content[][] = [];
  for (let i = 0; i < body.length; i += 2) {
    const [a, b] = [body[i]!, body[i + 1]];
    pairs.push([
      { text: a[0], style: 'key' },
      a[1],
      { text: b?.[0] ?? '', style: 'key' },
      b?.[1] ?? '',
    ]);
  }
  return {
    pageSize: 'A4',
    pageMargins: [20 * MM, 18 * MM, 20 * MM, 18 * MM],
    defaultStyle: { font: 'WenQuanYi', fontSize: 11, lineHeight: 1.3 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center' },
      subtitle: { fontSize: 13, alignment: 'center', margin: [0, 4, 0, 12] },
      key: { color: '#555555' },
      void: {
        fontSize: 20,
        bold: true,
        alignment: 'center',
        color: '#b00000',
        margin: [0, 0, 0, 8],
      },
      reprint: { fontSize: 13, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      foot: { fontSize: 9, color: '#555555', margin: [0, 16, 0, 0] },
    },
    content: [
      ...heading(r, w),
      ...marks(r, w),
      {
        table: {
          widths: [w.receipt.labelWidth.a4, '*', w.receipt.labelWidth.a4, '*'],
          body: pairs,
        },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 14, 0, 0],
        table: {
          widths: [w.receipt.labelWidth.a4, '*'],
          body: [
            [
              { text: w.receipt.labels.amount, style: 'key' },
              { text: formatMoney(r.amountFen), fontSize: 16, bold: true },
            ],
            [
              { text: w.receipt.labels.inWords, style: 'key' },
              w.receipt.inWordsValue(w.amountInWords(r.amountFen)),
            ],
          ],
        },
      },
      {
        style: 'foot',
        columns: [
          { text: `${r.officeName}\n${w.receipt.printedTime(time(r.printedAt))}` },
          { text: w.receipt.signature, alignment: 'right' },
        ],
      },
    ],
  };
}

function rule(widthMm: number): Content {
  return {
    canvas: [
      { type: 'line', x1: 0, y1: 2, x2: widthMm * MM, y2: 2, lineWidth: 0.5, dash: { length: 2 } },
    ],
    margin: [0, 2, 0, 4],
  };
}

/**
 * The receipt on the chosen paper. The pre-printed form (套打) is a sale receipt's form: a reversal
 * or refund voucher would land in the wrong boxes, so vouchers print on A4 there.
 */
export function renderReceipt(
  receipt: ReceiptData,
  layout: ReceiptLayoutName,
  form: ReceiptFormLayout,
  words: PaperWords,
): Promise<Buffer> {
  const title = words.receipt.documentTitle(receiptNumber(receipt.receiptNo));
  if (layout === 'form' && receipt.kind === 'sale')
    return renderPdf(renderFormReceipt(receipt, form, words), title);
  const definition = layout === 'thermal80' ? thermal(receipt, words) : a4(receipt, words);
  return renderPdf(definition, title);
}
