// The pre-printed receipt form (套打): a dot-matrix printer fills in the blanks of a form that
// already carries the office's printed labels and boxes, so only the values are printed, each at a
// position in millimetres from the form's top-left corner. A supervisor moves them until they
// land in the boxes of the office's own forms.

/** The values a form can carry, in the order the editor lists them. */
export const FORM_FIELDS = [
  'receiptNo',
  'soldAt',
  'customerNo',
  'customerName',
  'shopUnit',
  'accountNo',
  'meterNo',
  'purchaseCount',
  'price',
  'energy',
  'amount',
  'amountInWords',
  'paymentMethod',
  'operatorName',
  'mark',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FormFieldPlacement {
  /** From the left edge of the form, in mm. */
  xMm: number;
  /** From the top edge of the form, in mm. */
  yMm: number;
  show: boolean;
}

export interface ReceiptFormLayout {
  /** Paper size of one form; the common continuous form is 241 × 93 mm (9.5 in, 三等分). */
  pageWidthMm: number;
  pageHeightMm: number;
  /** Shifts every field at once, for a printer whose tractor feed sits a little off. */
  offsetXMm: number;
  offsetYMm: number;
  fontSizePt: number;
  fields: Record<FormField, FormFieldPlacement>;
}

export const FORM_LIMITS = {
  pageMinMm: 50,
  pageMaxMm: 420,
  offsetMaxMm: 30,
  fontMinPt: 6,
  fontMaxPt: 20,
} as const;

const at = (xMm: number, yMm: number, show = true): FormFieldPlacement => ({ xMm, yMm, show });

/**
 * A starting point laid out for a 241 × 93 mm two-column form: the office's own forms differ, so
 * the supervisor adjusts these with a calibration print before the first real receipt.
 */
export const DEFAULT_FORM_LAYOUT: ReceiptFormLayout = {
  pageWidthMm: 241,
  pageHeightMm: 93,
  offsetXMm: 0,
  offsetYMm: 0,
  fontSizePt: 10,
  fields: {
    receiptNo: at(185, 12),
    soldAt: at(30, 20),
    customerNo: at(30, 28),
    customerName: at(125, 28),
    shopUnit: at(30, 36),
    accountNo: at(125, 36),
    meterNo: at(30, 44),
    purchaseCount: at(125, 44),
    price: at(30, 52),
    energy: at(125, 52),
    amount: at(30, 62),
    amountInWords: at(125, 62),
    paymentMethod: at(30, 72),
    operatorName: at(125, 72),
    mark: at(185, 20),
  },
};

/** Fields placed outside the paper: they would print on the next form or not at all. */
export function fieldsOffThePage(layout: ReceiptFormLayout): FormField[] {
  return FORM_FIELDS.filter((name) => {
    const field = layout.fields[name];
    if (!field.show) return false;
    const x = field.xMm + layout.offsetXMm;
    const y = field.yMm + layout.offsetYMm;
    return x < 0 || y < 0 || x >= layout.pageWidthMm || y >= layout.pageHeightMm;
  });
}
