// Printing a receipt from the till: sent to the office's receipt printer when one is chosen
// (设置 → 打印设置); otherwise the PDF opens in the print dialog and a copy downloads. Every print
// is remembered as the till's last receipt, for the reprint key.
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useNotifyError } from '../../app/hooks';
import { tillSlice } from '../../app/tillSlice';
import { base64ToBytes, downloadFile, printPdf } from '../../components/download';
import { usePrintReceiptMutation } from './ledgerApi';

export function usePrintReceipt() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const dispatch = useAppDispatch();
  const [print, state] = usePrintReceiptMutation();
  const run = async (receiptNo: number) => {
    dispatch(tillSlice.actions.receiptMade(receiptNo));
    const result = await print({ receiptNo });
    if ('error' in result) return notifyError(result.error);
    if (result.data.printer)
      return void message.success(
        t(result.data.reprint > 0 ? 'sales.reprintedTo' : 'sales.sentToPrinter', {
          printer: result.data.printer,
          count: result.data.reprint,
        }),
      );
    const bytes = base64ToBytes(result.data.base64);
    downloadFile(result.data.fileName, bytes, 'application/pdf');
    printPdf(bytes);
    void message.info(t('sales.printed', { fileName: result.data.fileName }));
  };
  return [run, state.isLoading] as const;
}
