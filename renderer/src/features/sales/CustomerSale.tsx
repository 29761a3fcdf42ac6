// One tenant at the counter: their accounts (one per meter) to choose from, the chosen account's
// facts, the sale form, the last sales, and in training the tenant's side of the card.
import { Alert, Card, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../../../shared/api/ledgerTypes';
import { takesCard } from '../../../../shared/delivery';
import { useAccountsForCustomerQuery } from '../ledger/ledgerApi';
import { AccountFacts } from './AccountFacts';
import { RecentSales } from './RecentSales';
import { SaleForm } from './SaleForm';
import { TrainingCard } from '../training/TrainingCard';

export function CustomerSale({
  customer,
  training,
  initialAccountId,
}: {
  customer: CustomerMatch;
  training: 'simulated' | 'virtual' | null;
  initialAccountId: number | null;
}) {
  const { t } = useTranslation();
  // Read afresh whenever the tenant is opened: the meter line's batches and polls change
  // accounts in the background (a charge, a trip), and a copy kept from a minute ago would hide it.
  const accounts = useAccountsForCustomerQuery(
    { customerId: customer.id },
    { refetchOnMountOrArgChange: true },
  );
  const open = (accounts.data ?? []).filter((a) => a.state !== 'closed');
  const [accountId, setAccountId] = useState<number | null>(initialAccountId);
  // A card of this customer's put on the reader picks its account (adjusted while rendering, as
  // React recommends for state that follows a prop).
  const [cardAccount, setCardAccount] = useState(initialAccountId);
  if (initialAccountId !== cardAccount) {
    setCardAccount(initialAccountId);
    if (initialAccountId !== null) setAccountId(initialAccountId);
  }
  const account = open.find((a) => a.id === accountId) ?? open[0];

  if (accounts.isLoading) return <Card loading />;
  if (!account) return <Alert type="warning" showIcon title={t('sales.noAccount')} />;
  return (
    <div className="pt-sale-grid">
      <Card
        size="small"
        title={`${customer.name} · ${t('sales.account')} ${account.accountNo}`}
        extra={
          open.length > 1 && (
            <Segmented<number>
              size="small"
              value={account.id}
              options={open.map((a) => ({ label: a.meter.meterNo, value: a.id }))}
              onChange={setAccountId}
            />
          )
        }
      >
        <AccountFacts account={account} />
        {/* The trainee carries a card only to meters that take one; NK meters on the line need none. */}
        {training && takesCard(account.meter) && (
          <TrainingCard account={account} virtual={training === 'virtual'} />
        )}
      </Card>
      <SaleForm
        key={account.id}
        account={account}
        customerName={customer.name}
        usesReader={training !== 'simulated'}
      />
      <RecentSales accountId={account.id} loadedCount={account.loadedCount} />
    </div>
  );
}
