// The cashier's sale screen, keyboard first: type to find the shop, Enter, amount, payment key,
// Enter, confirm. The sale is written through the journal; the result or a translated error shows.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../../../shared/api/ledgerTypes';
import type { CardReadView } from '../../../../shared/api/cards';
import type { SystemInfo } from '../../../../shared/api/types';
import { PageHeader } from '../../components/PageHeader';
import { CardPanel } from '../cards/CardPanel';
import { useLazyCustomerQuery } from '../ledger/ledgerApi';
import { CustomerPicker } from './CustomerPicker';
import { CustomerSale } from './CustomerSale';

export function SalesPage({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<CustomerMatch | null>(null);
  const [cardAccountId, setCardAccountId] = useState<number | null>(null);
  const [fetchCustomer] = useLazyCustomerQuery();
  // The tenant's card on the reader picks the customer and the account, as typing would.
  const onTenant = useCallback(
    async (card: CardReadView) => {
      const ledger = card.ledger!;
      const found = await fetchCustomer({ id: ledger.customerId });
      if (!found.data) return;
      setCustomer({ ...found.data, meterNos: [ledger.meterNo] });
      setCardAccountId(ledger.accountId);
    },
    [fetchCustomer],
  );
  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader title={t('sales.title')} />
      {(!info.demo || info.trainingCards === 'virtual') && <CardPanel onTenant={onTenant} />}
      <CustomerPicker
        onPick={(picked) => {
          setCustomer(picked);
          setCardAccountId(null);
        }}
      />
      {customer && (
        <CustomerSale
          // Keyed by the customer only: the same tenant's card read again (after a sale wrote
          // it) must not throw away the sale just made and its print button.
          key={customer.id}
          customer={customer}
          training={info.demo ? (info.trainingCards ?? 'simulated') : null}
          initialAccountId={cardAccountId}
        />
      )}
    </div>
  );
}

export default SalesPage;
