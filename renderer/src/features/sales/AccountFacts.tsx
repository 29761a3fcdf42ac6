// What the cashier needs to know of an account before selling: meter, tariff, what the meter
// last held, and what the count rule or a closed or suspended account says.
import { purchaseUnloaded } from '../../../../shared/delivery';
import { Alert, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';

export function AccountFacts({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const unloaded = purchaseUnloaded(account.purchaseCount, account.loadedCount);
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'no', label: t('sales.customerNo'), children: account.customer.customerNo },
          { key: 'shop', label: t('sales.shopUnit'), children: account.customer.shopUnit || '—' },
          {
            key: 'meter',
            label: t('sales.meterNo'),
            children: <code>{account.meter.meterNo}</code>,
          },
          { key: 'tariff', label: t('sales.tariff'), children: account.tariffName },
          { key: 'n', label: t('sales.purchaseCount'), children: account.purchaseCount },
          // 主站计费: the office keeps the money; the meter holds none and loads nothing.
          account.billing === 'office'
            ? {
                key: 'm',
                label: t('customers.billing'),
                children: t('customers.billings.office'),
              }
            : { key: 'm', label: t('sales.loadedCount'), children: account.loadedCount },
          account.billing === 'office'
            ? {
                key: 'remaining',
                label: t('customers.officeBalance'),
                children: (
                  <span data-testid="office-balance">
                    {formatMoney(account.officeBalanceFen)}
                    {account.billingTripped && ` · ${t('customers.tripped')}`}
                    {account.keepPower && ` · ${t('customers.keepPowerOn')}`}
                  </span>
                ),
              }
            : {
                key: 'remaining',
                label: t('sales.meterRemaining'),
                children:
                  account.meterRemainingFen === null
                    ? t('sales.unknown')
                    : formatMoney(account.meterRemainingFen),
              },
          {
            key: 'total',
            label: t('sales.totalPurchased'),
            children: formatMoney(account.totalPurchasedFen),
          },
        ]}
      />
      {unloaded && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          title={t('sales.notLoaded', { count: account.purchaseCount })}
        />
      )}
    </>
  );
}
