// The account's card on its row (用户 → 账户): 发卡 when it has none, 挂失 / 重写 while it has one,
// 补卡 once it is lost (or to replace a damaged card); and for supervisors the account's own
// management cards: 清零卡 once refunded credit is owed off the meter, 换表卡 after a replacement.
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { ManagementButtons } from './ManagementButtons';
import { TenantCardButtons } from './TenantCardButtons';

export function AccountCardButtons({ account, role }: { account: AccountView; role: Role }) {
  const supervisor = isSupervisor(role);
  return (
    <>
      {account.state === 'active' && <TenantCardButtons account={account} />}
      {supervisor && <ManagementButtons account={account} />}
    </>
  );
}
