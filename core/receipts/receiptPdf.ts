// Receipts (票据) as PDF: an 80 mm thermal roll and an A4 sheet, with the CJK font shipped in
// resources/fonts. A reprint keeps the number and says 补打; a voided number prints as 作废.
import { receiptNumber } from '../../shared/receiptNumber';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { RefundKind } from '../../shared/api/ledgerTypes';
import type { ReceiptLayoutName } from '../../shared/api/printing';
import type { ReceiptFormLayout } from '../../shared/receiptForm';
import { renderFormReceipt } from './formPdf';
import {
  PAYMENT_NAMES,
  takenBackText,
  type CardFeeDetails,
  type ReceiptData,
  type RefundDetails,
} from './receiptData';
import { chineseAmount } from '../../shared/chineseAmount';
import { formatEnergy, formatMoney, formatPrice } from '../../shared/units';
import { MM, renderPdf, time } from './pdf';

const REFUND_KINDS: Record<RefundKind, string> = {
  refund: '退费',
  suspension: '报停退费',
  closing: '销户退费',
};

function refundRows(r: ReceiptData, refund: RefundDetails): [string, string][] {
  const source = refund.remainingSource === 'meter' ? '卡内回写' : '电表显示抄录';
  return [
    ['票据号', receiptNumber(r.receiptNo)],
    ['退费类型', REFUND_KINDS[refund.kind]],
    ['退费原因', r.reason ?? ''],
    ['退费时间', time(r.soldAt)],
    ['户号', r.customerNo],
    ['户名', r.customerName],
    ['铺位', r.shopUnit || '—'],
    ['账户号', r.accountNo],
    ['表号', r.meterNo],
    [
      '表内余额',
      `${formatMoney(refund.meterRemainingFen)}（${source} ${time(refund.remainingAt)}）`,
    ],
    ['退款方式', PAYMENT_NAMES[r.paymentMethod]],
    ['经办人', r.operatorName],
    ['审批主管', refund.approverName],
  ];
}

const CARD_FEE_ITEMS: Record<CardFeeDetails['kind'], string> = {
  issue: '开卡工本费',
  reissue: '补卡工本费',
};

/** A card fee receipt: the fee is its own line, named for the card it paid for. */
function cardFeeRows(r: ReceiptData, fee: CardFeeDetails): [string, string][] {
  return [
    ['票据号', receiptNumber(r.receiptNo)],
    ['收费时间', time(r.soldAt)],
    ['户号', r.customerNo],
    ['户名', r.customerName],
    ['铺位', r.shopUnit || '—'],
    ['账户号', r.accountNo],
    ['卡号', fee.cardNo],
    [CARD_FEE_ITEMS[fee.kind], formatMoney(r.amountFen)],
    ['付款方式', PAYMENT_NAMES[r.paymentMethod]],
    ...cash(r),
    ['收费员', r.operatorName],
  ];
}

const AMOUNT_LABELS: Record<ReceiptData['kind'], string> = {
  sale: '',
  reversal: '冲正金额 ',
  refund: '退款金额 ',
  cardFee: '工本费 ',
};

const FOOTNOTES: Record<ReceiptData['kind'], string> = {
  sale: '请妥善保管，插卡后电表读入本次购电。',
  reversal: '原票据所列购电已从卡中撤回。',
  refund: '退款已付给用户；已退金额须用清零卡从电表中清除。\n用户签字：__________',
  cardFee: '工本费为卡片制作费用，不计入购电金额。',
};

/** A remote recharge is on the meter already: there is no card to insert. */
const footnote = (r: ReceiptData) =>
  r.kind === 'sale' && r.delivery === 'remote'
    ? '本次购电已远程充值到电表，电表已确认。请妥善保管。'
    : FOOTNOTES[r.kind];

function rows(r: ReceiptData): [string, string][] {
  if (r.refund) return refundRows(r, r.refund);
  if (r.cardFee) return cardFeeRows(r, r.cardFee);
  const reversal: [string, string][] =
    r.kind === 'reversal'
      ? [
          ['原票据号', receiptNumber(r.reversedReceiptNo ?? 0)],
          ['冲正原因', r.reason ?? ''],
          ...(r.approverName ? [['审批主管', r.approverName] as [string, string]] : []),
        ]
      : [];
  return [
    ['票据号', receiptNumber(r.receiptNo)],
    ...reversal,
    [r.kind === 'reversal' ? '冲正时间' : '售电时间', time(r.soldAt)],
    ['户号', r.customerNo],
    ['户名', r.customerName],
    ['铺位', r.shopUnit || '—'],
    ['账户号', r.accountNo],
    ['表号', r.meterNo],
    ['购电次数', String(r.purchaseCount)],
    ['电价', `${formatPrice(r.price)} 元/kWh`],
    ['折合电量', `${formatEnergy(r.energy)} kWh`],
    ['付款方式', PAYMENT_NAMES[r.paymentMethod]],
    ...cash(r),
    ['收费员', r.operatorName],
  ];
}

/** 实收 and 找零 of a cash sale, when the cashier entered what was handed over. */
function cash(r: ReceiptData): [string, string][] {
  if (r.tenderedFen === null) return [];
  return [
    ['实收', formatMoney(r.tenderedFen)],
    ['找零', formatMoney(r.tenderedFen - r.amountFen)],
  ];
}

const SUBTITLES = { reversal: '冲正凭证', refund: '退费凭证', cardFee: '工本费收据' } as const;

/** The title block: the office's header, and the kind of document unless the header says it. */
function heading(r: ReceiptData): Content[] {
  const title = r.receiptHeader || r.officeName;
  if (r.kind !== 'sale')
    return [
      { text: title, style: 'title' },
      { text: SUBTITLES[r.kind], style: 'subtitle' },
    ];
  return [
    { text: title, style: 'title' },
    ...(title.includes('收据') ? [] : [{ text: '预付费电费收据', style: 'subtitle' }]),
  ];
}

function marks(r: ReceiptData): Content[] {
  const out: Content[] = [];
  if (r.status === 'void') out.push({ text: '作废  VOID', style: 'void' });
  if (r.takenBack) out.push({ text: takenBackText(r.takenBack, receiptNumber), style: 'void' });
  if (r.reprint > 0) out.push({ text: `补打（第 ${r.reprint} 次）`, style: 'reprint' });
  return out;
}

function thermal(r: ReceiptData): TDocumentDefinitions {
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
      ...heading(r),
      ...marks(r),
      rule(72),
      {
        layout: 'noBorders',
        table: {
          widths: [48, '*'],
          body: rows(r).map(([k, v]) => [{ text: k, color: '#444444' }, v]),
        },
      },
      rule(72),
      {
        text: `${AMOUNT_LABELS[r.kind]}${formatMoney(r.amountFen)}`,
        style: 'amount',
      },
      { text: `人民币 ${chineseAmount(r.amountFen)}`, style: 'capitals' },
      rule(72),
      {
        text: `${r.officeName}  打印于 ${time(r.printedAt)}\n${footnote(r)}`,
        style: 'foot',
      },
    ],
  };
}

function a4(r: ReceiptData): TDocumentDefinitions {
  const body = rows(r);
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
      ...heading(r),
      ...marks(r),
      { table: { widths: [60, '*', 60, '*'], body: pairs }, layout: 'lightHorizontalLines' },
      {
        margin: [0, 14, 0, 0],
        table: {
          widths: [60, '*'],
          body: [
            [
              { text: '金额', style: 'key' },
              { text: formatMoney(r.amountFen), fontSize: 16, bold: true },
            ],
            [{ text: '大写', style: 'key' }, `人民币 ${chineseAmount(r.amountFen)}`],
          ],
        },
      },
      {
        style: 'foot',
        columns: [
          { text: `${r.officeName}\n打印时间 ${time(r.printedAt)}` },
          { text: '收款人签章：__________', alignment: 'right' },
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
): Promise<Buffer> {
  const title = `票据 ${receiptNumber(receipt.receiptNo)}`;
  if (layout === 'form' && receipt.kind === 'sale')
    return renderPdf(renderFormReceipt(receipt, form), title);
  const definition = layout === 'thermal80' ? thermal(receipt) : a4(receipt);
  return renderPdf(definition, title);
}
