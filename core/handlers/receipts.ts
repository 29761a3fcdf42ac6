// receipts.print: the receipt as PDF on the office's paper, sent to the receipt printer when one
// is set, and counted only once it is out, so every print after the first says 补打 and a print
// that failed is not mistaken for one that happened.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';
import { receiptNumber } from '../../shared/receiptNumber';
import { renderReceipt } from '../receipts/receiptPdf';
import { paperWords } from '../../shared/paper/words';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = 'printers' | 'receipts' | 'settings';

export const receiptHandlers: HandlerGroup<'receipts.print', Area> = {
  'receipts.print': async (input, ctx) => {
    const { receipts, settings, printers } = ctx.services;
    const receipt = receipts.printable(input.receiptNo);
    if (!receipt)
      throw new AppError('RECEIPT_NOT_FOUND', { receiptNo: receiptNumber(input.receiptNo) });
    if (receipt.status === 'reserved')
      throw new AppError('RECEIPT_NOT_SETTLED', { receiptNo: receiptNumber(input.receiptNo) });
    const office = settings.read();
    const printing = settings.printing();
    const layout = input.layout ?? printing.receiptLayout;
    const number = receiptNumber(input.receiptNo);
    const reprint = receipts.printCount(input.receiptNo);
    const pdf = await renderReceipt(
      {
        ...receipt,
        status: receipt.status,
        officeName: office.officeName,
        receiptHeader: office.receiptHeader,
        reprint,
        printedAt: ctx.now.toISOString(),
      },
      layout,
      printing.form,
      paperWords(printing.receiptLanguage),
    );
    const printer = printing.receiptPrinter;
    if (printer) await printers.print(pdf, printer, `PowerTill ${number}`);
    ctx.write(
      () => receipts.markPrinted(input.receiptNo, ctx.now.toISOString()),
      () => ({ receiptNo: input.receiptNo, reprint, layout, printer }),
    );
    const suffix = reprint > 0 ? `-reprint${reprint}` : '';
    return { ...officeFile(`receipt-${number}${suffix}.pdf`, pdf), reprint, printer };
  },
};
