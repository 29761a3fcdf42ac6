// Printing settings (打印设置), the printer list and the pre-printed form's calibration sheet.
import { AppError } from '../../shared/errors';
import { fieldsOffThePage, type ReceiptFormLayout } from '../../shared/receiptForm';
import { operatorLanguage, type AreaContext, type HandlerGroup } from '../api/context';
import { paperWords, type PaperWords } from '../../shared/paper/words';
import { renderPdf } from '../receipts/pdf';
import { renderFormCalibration } from '../receipts/formPdf';
import type { ReceiptData } from '../receipts/receiptData';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = 'printers' | 'settings';

function assertOnThePage(form: ReceiptFormLayout, ctx: AreaContext<Area>) {
  const off = fieldsOffThePage(form);
  if (off.length === 0) return;
  const words = paperWords(operatorLanguage(ctx)).receipt;
  throw new AppError('FORM_FIELD_OFF_PAGE', {
    fields: off.map((name) => words.formFields[name]).join(words.listSeparator),
  });
}

async function assertPrinterExists(ctx: AreaContext<Area>, printer: string) {
  const list = await ctx.services.printers.list();
  if (!list.available) throw new AppError('PRINTING_UNAVAILABLE');
  if (!list.printers.some((p) => p.name === printer))
    throw new AppError('PRINTER_NOT_FOUND', { printer });
}

/** What the calibration sheet prints where the real values go. */
function calibrationSample(ctx: AreaContext<Area>, words: PaperWords): ReceiptData {
  const office = ctx.services.settings.read();
  return {
    kind: 'sale',
    delivery: 'card',
    refund: null,
    takenBack: null,
    reversedReceiptNo: null,
    reason: null,
    officeName: office.officeName,
    receiptHeader: office.receiptHeader,
    receiptNo: 1,
    status: 'issued',
    reprint: 0,
    soldAt: ctx.now.toISOString(),
    printedAt: ctx.now.toISOString(),
    customerNo: 'C000123',
    customerName: words.receipt.sampleCustomer,
    shopUnit: 'B1-018',
    accountNo: 'A000123',
    meterNo: '000000000161',
    amountFen: 123_450,
    energy: 205_750,
    price: 6_000,
    purchaseCount: 12,
    paymentMethod: 'cash',
    tenderedFen: null,
    operatorName: words.receipt.sampleCashier,
    meterBalanceAfter: null,
  };
}

export const printingHandlers: HandlerGroup<
  | 'printing.settings'
  | 'printing.updateSettings'
  | 'printing.printers'
  | 'printing.formCalibration',
  Area
> = {
  'printing.settings': (_input, ctx) => ctx.services.settings.printing(),

  'printing.updateSettings': async (input, ctx) => {
    if (input.form) assertOnThePage(input.form, ctx);
    if (input.receiptPrinter) await assertPrinterExists(ctx, input.receiptPrinter);
    const { settings } = ctx.services;
    const before = settings.printing();
    return ctx.write(
      () => settings.writePrinting(input),
      (after) => ({ before, after }),
    );
  },

  'printing.printers': (_input, ctx) => ctx.services.printers.list(),

  'printing.formCalibration': async (input, ctx) => {
    const printing = ctx.services.settings.printing();
    const form = input.form ?? printing.form;
    assertOnThePage(form, ctx);
    const words = paperWords(printing.receiptLanguage);
    const pdf = await renderPdf(
      renderFormCalibration(calibrationSample(ctx, words), form, words),
      words.receipt.calibrationTitle,
    );
    let printer: string | null = null;
    if (input.toPrinter) {
      printer = printing.receiptPrinter;
      if (!printer) throw new AppError('PRINTER_NOT_SET');
      await ctx.services.printers.print(
        pdf,
        printer,
        `PowerTill ${words.receipt.calibrationTitle}`,
      );
    }
    return { ...officeFile('receipt-form-calibration.pdf', pdf), printer };
  },
};
