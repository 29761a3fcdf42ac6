// The account's card on its row (用户 → 账户): 发卡 when it has none, 挂失 / 重写 while it has one,
// 补卡 once it is lost (or to replace a damaged card); and for who makes management cards the account's own
// management cards: 清零卡 once refunded credit is owed off the meter, 换表卡 after a replacement.
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import { useMayCall } from '../../app/permissions';
import { ManagementButtons } from './ManagementButtons';
import { TenantCardButtons } from './TenantCardButtons';

export function AccountCardButtons({ account }: { account: AccountView }) {
  const mayCall = useMayCall();
  return (
    <>
      {account.state === 'active' && <TenantCardButtons account={account} />}
      {mayCall('cards.makeManagement') && <ManagementButtons account={account} />}
    </>
  );
}
