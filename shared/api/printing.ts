// Printing: which layout receipts use, which printer they go to, and the pre-printed form (套打).
import { z } from 'zod';
import { FORM_FIELDS, FORM_LIMITS, type FormField } from '../receiptForm';
import { method } from './method';
import type { OfficeFile, ReceiptFile } from './ledgerTypes';
import { LANGUAGES, type Language } from '../errors';

export const RECEIPT_LAYOUTS = ['thermal80', 'a4', 'form'] as const;
export type ReceiptLayoutName = (typeof RECEIPT_LAYOUTS)[number];

const mm = (min: number, max: number) => z.number().min(min).max(max).multipleOf(0.1);

const placement = z.object({ xMm: mm(-50, 420), yMm: mm(-50, 420), show: z.boolean() }).strict();

export const receiptFormSchema = z
  .object({
    pageWidthMm: mm(FORM_LIMITS.pageMinMm, FORM_LIMITS.pageMaxMm),
    pageHeightMm: mm(FORM_LIMITS.pageMinMm, FORM_LIMITS.pageMaxMm),
    offsetXMm: mm(-FORM_LIMITS.offsetMaxMm, FORM_LIMITS.offsetMaxMm),
    offsetYMm: mm(-FORM_LIMITS.offsetMaxMm, FORM_LIMITS.offsetMaxMm),
    fontSizePt: z.number().int().min(FORM_LIMITS.fontMinPt).max(FORM_LIMITS.fontMaxPt),
    fields: z
      .object(
        Object.fromEntries(FORM_FIELDS.map((name) => [name, placement])) as Record<
          FormField,
          typeof placement
        >,
      )
      .strict(),
  })
  .strict();

export interface PrintingSettings {
  receiptLayout: ReceiptLayoutName;
  /** The printer receipts go to; null downloads the PDF instead. */
  receiptPrinter: string | null;
  /** With a printer chosen, each sale's receipt prints by itself once the sale is done. */
  autoPrint: boolean;
  /** What receipts and vouchers print in, whoever sells: Chinese unless the office chose English. */
  receiptLanguage: Language;
  form: z.infer<typeof receiptFormSchema>;
}

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
}

export interface PrinterList {
  /** False where this PC has no print system PowerTill can drive (no CUPS `lp`). */
  available: boolean;
  printers: PrinterInfo[];
}

export interface PrintedFile extends OfficeFile {
  /** The printer the PDF was sent to, or null when it is only handed back to download. */
  printer: string | null;
}

/** A receipt printed (or only handed back): its PDF, how many prints before, and where it went. */
export type PrintedReceipt = PrintedFile & ReceiptFile;

export const printingMethods = {
  'printing.settings': method<PrintingSettings>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
    data: ['printing'],
  }),
  /** Receipt layout, printer and form positions: the supervisor's, since they move every till. */
  'printing.updateSettings': method<PrintingSettings>()({
    input: z
      .object({
        receiptLayout: z.enum(RECEIPT_LAYOUTS).optional(),
        receiptPrinter: z.string().trim().min(1).max(200).nullable().optional(),
        autoPrint: z.boolean().optional(),
        receiptLanguage: z.enum(LANGUAGES).optional(),
        form: receiptFormSchema.optional(),
      })
      .strict(),
    access: 'devices',
    mutating: true,
    data: ['printing'],
  }),
  'printing.printers': method<PrinterList>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mutating: false,
  }),
  /**
   * A calibration sheet for the pre-printed form: sample values at every field's position with
   * a mark at each anchor and a millimetre scale along the edges. Printed onto a blank form, it
   * shows how far each value has to move. Uses the given layout (not yet saved) or the saved one.
   */
  'printing.formCalibration': method<PrintedFile>()({
    input: z
      .object({ form: receiptFormSchema.optional(), toPrinter: z.boolean().default(false) })
      .strict(),
    access: 'devices',
    mutating: false,
  }),
} as const;
