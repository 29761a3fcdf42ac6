// Prints (or reprints) a receipt or voucher: the backend sends it to the receipt printer or hands
// it back as PDF, counts it, and marks reprints 补打.
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/hooks';
import { base64ToBytes, downloadFile } from '../../components/download';
import { usePrintReceiptMutation } from './ledgerApi';

export function usePrintReceipt() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [print, state] = usePrintReceiptMutation();
  const run = async (receiptNo: number) => {
    // The office's paper and printer apply (设置 → 打印设置); without a printer the PDF downloads
    // for the system's PDF viewer to print.
    const result = await print({ receiptNo });
    if ('error' in result) return notifyError(result.error);
    if (result.data.printer)
      return void message.success(t('sales.sentToPrinter', { printer: result.data.printer }));
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/pdf');
    void message.info(t('sales.printed', { fileName: result.data.fileName }));
  };
  return [run, state.isLoading] as const;
}
