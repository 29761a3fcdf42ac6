// The tenant's side in training mode, on the sale screen.
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import { formatYuan } from '../../../../shared/units';
import { useFeedback, useNotifyError } from '../../app/hooks';
import {
  useInsertTrainingCardMutation,
  usePutTrainingBlankCardMutation,
  useRunTrainingDayMutation,
} from './trainingApi';

/**
 * The tenant's side in training: the card into the meter; with virtual cards also a blank card onto
 * the reader (to issue) and a trading day in the shop (the meter spends the credit).
 */
export function TrainingCard({ account, virtual }: { account: AccountView; virtual: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const feedback = useFeedback();
  const [insert, inserting] = useInsertTrainingCardMutation();
  const [putBlank, putting] = usePutTrainingBlankCardMutation();
  const [runDay, running] = useRunTrainingDayMutation();
  const report = (
    result: { data: { outcome: string; meterRemainingFen: number } } | { error: unknown },
    key: string,
  ) => {
    if ('error' in result) return notifyError(result.error);
    const text = t(key, { remaining: formatYuan(result.data.meterRemainingFen) });
    if (['loaded', 'write-back-only', 'applied'].includes(result.data.outcome))
      void message.success(text);
    else void message.warning(text);
  };
  return (
    <Space wrap style={{ marginTop: 12 }}>
      <Button
        loading={inserting.isLoading}
        onClick={async () => {
          const result = await insert({ accountId: account.id });
          report(result, `sales.trainingOutcome.${result.data?.outcome ?? 'rejected'}`);
        }}
      >
        {t('sales.trainingInsert')}
      </Button>
      {virtual && (
        <Button
          loading={running.isLoading}
          onClick={async () =>
            report(await runDay({ accountId: account.id }), 'sales.trainingDayDone')
          }
        >
          {t('sales.trainingDay')}
        </Button>
      )}
      {virtual && (
        <Button
          loading={putting.isLoading}
          onClick={async () => {
            const result = await putBlank();
            if (!feedback(result, t('sales.trainingBlankDone'))) return;
          }}
        >
          {t('sales.trainingBlank')}
        </Button>
      )}
    </Space>
  );
}
