// Runs a card operation from an account's buttons and says how it ended (the card number, its fee's
// receipt) or what went wrong, in the office's words.
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/hooks';
import { usePrintReceipt } from '../ledger/usePrintReceipt';
import { useRereadCard } from './useCardOnReader';

type Done = { data: { cardNo: string; fee?: { receiptNo: number } | null } } | { error: unknown };

export function useRun() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [printReceipt] = usePrintReceipt();
  const rereadCard = useRereadCard();
  return async (call: () => Promise<Done>, done: string, params: Record<string, string> = {}) => {
    const result = await call();
    if ('error' in result) {
      notifyError(result.error);
      return false;
    }
    rereadCard();
    void message.success(t(done, { cardNo: result.data.cardNo, ...params }));
    // The card fee's receipt goes out with the card, as a sale's does.
    if (result.data.fee) await printReceipt(result.data.fee.receiptNo);
    return true;
  };
}
