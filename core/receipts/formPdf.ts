// The pre-printed form (套打): only the values, each at its supervisor-set position, on a page the
// size of one form. The PDF is printed without scaling, so a millimetre here is one on paper.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PaperWords } from '../../shared/paper/words';
import { receiptNumber } from '../../shared/receiptNumber';
import { FORM_FIELDS, type FormField, type ReceiptFormLayout } from '../../shared/receiptForm';
import { formatEnergy, formatMoney, formatPrice } from '../../shared/units';
import { MM, time } from './pdf';
import { takenBackText, type ReceiptData } from './receiptData';

function markText(r: ReceiptData, w: PaperWords): string {
  const marks: string[] = [];
  if (r.status === 'void') marks.push(w.receipt.voidShort);
  if (r.takenBack) marks.push(takenBackText(r.takenBack, w.receipt));
  if (r.reprint > 0) marks.push(w.receipt.reprint(r.reprint));
  return marks.join(' ');
}

export function formValues(r: ReceiptData, w: PaperWords): Record<FormField, string> {
  return {
    receiptNo: receiptNumber(r.receiptNo),
    soldAt: time(r.soldAt),
    customerNo: r.customerNo,
    customerName: r.customerName,
    shopUnit: r.shopUnit,
    accountNo: r.accountNo,
    meterNo: r.meterNo,
    purchaseCount: String(r.purchaseCount),
    price: w.perKwh(formatPrice(r.price)),
    energy: w.kwh(formatEnergy(r.energy)),
    amount: formatMoney(r.amountFen),
    amountInWords: w.amountInWords(r.amountFen),
    paymentMethod: w.paymentMethods[r.paymentMethod],
    operatorName: r.operatorName,
    mark: markText(r, w),
  };
}

/** Where a field's value starts on the page, in points, with the form's overall offset. */
function anchor(layout: ReceiptFormLayout, name: FormField) {
  const field = layout.fields[name];
  return {
    x: (field.xMm + layout.offsetXMm) * MM,
    y: (field.yMm + layout.offsetYMm) * MM,
  };
}

function page(layout: ReceiptFormLayout, content: Content[]): TDocumentDefinitions {
  return {
    pageSize: { width: layout.pageWidthMm * MM, height: layout.pageHeightMm * MM },
    pageMargins: [0, 0, 0, 0],
    defaultStyle: { font: 'WenQuanYi', fontSize: layout.fontSizePt, lineHeight: 1 },
    content,
  };
}

export function renderFormReceipt(
  r: ReceiptData,
  layout: ReceiptFormLayout,
  words: PaperWords,
): TDocumentDefinitions {
  const values = formValues(r, words);
  const content: Content[] = FORM_FIELDS.filter(
    (name) => layout.fields[name].show && values[name] !== '',
  ).map((name) => ({
    text: values[name],
    absolutePosition: anchor(layout, name),
    bold: name === 'mark',
  }));
  return page(layout, content);
}

function scale(layout: ReceiptFormLayout): Content[] {
  const widthMm = Math.floor(layout.pageWidthMm);
  const heightMm = Math.floor(layout.pageHeightMm);
  const lines: {
    type: 'line';
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    lineWidth: number;
  }[] = [];
  const labels: Content[] = [];
  const tick = (mm: number) => (mm % 10 === 0 ? 4 : mm % 5 === 0 ? 2.5 : 1.2);
  for (let mm = 0; mm <= widthMm; mm += 1) {
    lines.push({
      type: 'line',
      x1: mm * MM,
      y1: 0,
      x2: mm * MM,
      y2: tick(mm) * MM,
      lineWidth: 0.3,
    });
    if (mm % 10 === 0 && mm > 0)
      labels.push({
        text: String(mm),
        fontSize: 5,
        absolutePosition: { x: mm * MM + 1, y: 4 * MM },
      });
  }
  for (let mm = 0; mm <= heightMm; mm += 1) {
    lines.push({
      type: 'line',
      x1: 0,
      y1: mm * MM,
      x2: tick(mm) * MM,
      y2: mm * MM,
      lineWidth: 0.3,
    });
    if (mm % 10 === 0 && mm > 0)
      labels.push({
        text: String(mm),
        fontSize: 5,
        absolutePosition: { x: 4.5 * MM, y: mm * MM - 2 },
      });
  }
  return [{ canvas: lines, absolutePosition: { x: 0, y: 0 } }, ...labels];
}

/**
 * The calibration sheet: a millimetre scale along the top and left edges, and for every shown
 * field a cross at its anchor, its name in small grey type above, and a sample value where the
 * real one will print. Printed on a blank form it shows how far each value must move.
 */
export function renderFormCalibration(
  sample: ReceiptData,
  layout: ReceiptFormLayout,
  words: PaperWords,
): TDocumentDefinitions {
  const values = formValues(sample, words);
  const fields: Content[] = FORM_FIELDS.filter((name) => layout.fields[name].show).flatMap(
    (name) => {
      const { x, y } = anchor(layout, name);
      const arm = 1.5 * MM;
      return [
        {
          canvas: [
            { type: 'line', x1: -arm, y1: 0, x2: arm, y2: 0, lineWidth: 0.4 },
            { type: 'line', x1: 0, y1: -arm, x2: 0, y2: arm, lineWidth: 0.4 },
          ],
          absolutePosition: { x, y },
        },
        {
          text: words.receipt.formFields[name],
          fontSize: 5,
          color: '#777777',
          absolutePosition: { x: x + 0.8 * MM, y: y - 2.4 * MM },
        },
        { text: values[name] || words.receipt.sampleMark, absolutePosition: { x, y } },
      ];
    },
  );
  return page(layout, [...scale(layout), ...fields]);
}
