// A supervisor's management cards from an account's row: 清零卡 once refunded credit is owed off
// the meter, 换表卡 after a replacement.
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import { useMeterHistoryQuery } from './cardsApi';
import { MakeButton } from './MakeButton';

export function ManagementButtons({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const history = useMeterHistoryQuery({ accountId: account.id });
  const latest = history.data?.at(-1);
  const replaced = latest && latest.newMeterNo === account.meter.meterNo ? latest : null;
  const owed = account.state !== 'active' && account.meterCreditOwedFen > 0;
  return (
    <>
      {owed && (
        <MakeButton
          order={{ kind: 'clear', accountId: account.id }}
          label={t('management.clearButton')}
          confirm={t('management.clearConfirm', { meterNo: account.meter.meterNo })}
        />
      )}
      {replaced && (
        <MakeButton
          order={{ kind: 'meterChange', replacementId: replaced.id }}
          label={t('management.meterChangeButton')}
          confirm={t('management.meterChangeConfirm', {
            from: replaced.oldMeterNo,
            to: replaced.newMeterNo,
          })}
        />
      )}
    </>
  );
}
