// receipts.print: the receipt as PDF, counted so that every print after the first says 补打.
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/context';
import { receiptNumber } from '../../shared/receiptNumber';
import { renderReceipt } from '../receipts/receiptPdf';

export const receiptHandlers: HandlerGroup<'receipts.print'> = {
  'receipts.print': async (input, ctx) => {
    const { receipts, settings } = ctx.services;
    const receipt = receipts.printable(input.receiptNo);
    if (!receipt)
      throw new AppError('RECEIPT_NOT_FOUND', { receiptNo: receiptNumber(input.receiptNo) });
    if (receipt.status === 'reserved')
      throw new AppError('RECEIPT_NOT_SETTLED', { receiptNo: receiptNumber(input.receiptNo) });
    const office = settings.read();
    const reprint = ctx.write(
      () => receipts.markPrinted(input.receiptNo, ctx.now.toISOString()),
      (before) => ({ receiptNo: input.receiptNo, reprint: before, layout: input.layout }),
    );
    const pdf = await renderReceipt(
      {
        ...receipt,
        status: receipt.status,
        officeName: office.officeName,
        receiptHeader: office.receiptHeader,
        reprint,
        printedAt: ctx.now.toISOString(),
      },
      input.layout,
    );
    const suffix = reprint > 0 ? `-reprint${reprint}` : '';
    return {
      fileName: `receipt-${receiptNumber(input.receiptNo)}${suffix}.pdf`,
      base64: pdf.toString('base64'),
      reprint,
    };
  },
};
