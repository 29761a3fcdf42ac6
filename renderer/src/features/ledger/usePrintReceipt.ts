// Prints (or reprints) a receipt or voucher: the backend counts it and marks reprints 补打.
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
    const result = await print({ receiptNo, layout: 'thermal80' });
    if ('error' in result) return notifyError(result.error);
    // In the browser the PDF is downloaded for the system's PDF viewer to print; the desktop app
    // will send it to the receipt printer directly.
    downloadFile(result.data.fileName, base64ToBytes(result.data.base64), 'application/pdf');
    void message.info(t('sales.printed', { fileName: result.data.fileName }));
  };
  return [run, state.isLoading] as const;
}
