// One tenant: their details and accounts (one per meter) with each account's state, meter,
// tariff and money, the card buttons and the account's actions; a supervisor opens another account.
import { DownOutlined } from '@ant-design/icons';
import { Button, Descriptions, Dropdown, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, CustomerMatch } from '../../../../shared/api/ledgerTypes';
import { formatMoney } from '../../../../shared/units';
import { takesCard } from '../../../../shared/delivery';
import { AccountCardButtons } from '../cards/AccountCardButtons';
import { useMayCall } from '../../app/permissions';
import { AccountActionDialog, actionsFor, type AccountAction } from './AccountActions';
import { useAccountsForCustomerQuery } from '../ledger/ledgerApi';
import { OpenAccount } from './OpenAccount';
import { SmsOptOut } from '../messages/SmsOptOut';

const STATE_COLORS: Record<AccountView['state'], string> = {
  active: 'green',
  suspended: 'orange',
  closed: 'default',
};

export function CustomerDetail({ customer }: { customer: CustomerMatch }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  // Read afresh whenever the tenant is opened: the meter line's batches and polls change
  // accounts in the background (a charge, a trip), and a copy kept from a minute ago would hide it.
  const accounts = useAccountsForCustomerQuery(
    { customerId: customer.id },
    { refetchOnMountOrArgChange: true },
  );
  const [opening, setOpening] = useState(false);
  const [acting, setActing] = useState<{ account: AccountView; action: AccountAction } | null>(
    null,
  );
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'shop', label: t('customers.shopUnit'), children: customer.shopUnit || '—' },
          { key: 'phone', label: t('customers.phone'), children: customer.phone || '—' },
          {
            key: 'sms',
            label: t('customers.sms'),
            children: <SmsOptOut customerId={customer.id} />,
          },
          { key: 'notes', label: t('customers.notes'), children: customer.notes || '—' },
        ]}
      />
      <div className="pt-page-header" style={{ marginTop: 16 }}>
        <h3 style={{ margin: 0 }}>{t('customers.accounts')}</h3>
        {mayCall('accounts.open') && (
          <Button type="primary" onClick={() => setOpening(true)}>
            {t('customers.openAccount')}
          </Button>
        )}
      </div>
      <Table<AccountView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={accounts.isLoading}
        dataSource={accounts.data ?? []}
        columns={[
          { title: t('sales.account'), dataIndex: 'accountNo' },
          { title: t('sales.meterNo'), key: 'meter', render: (_, a) => a.meter.meterNo },
          { title: t('sales.tariff'), dataIndex: 'tariffName' },
          {
            title: t('sales.totalPurchased'),
            dataIndex: 'totalPurchasedFen',
            render: (fen: number) => formatMoney(fen),
          },
          {
            title: t('customers.accountState'),
            dataIndex: 'state',
            // The account may be in use while its card is not: a lost card shows beside it.
            render: (s: AccountView['state'], account: AccountView) => (
              <>
                <Tag color={STATE_COLORS[s]}>{t(`customers.state.${s}`)}</Tag>
                {s === 'active' && account.card?.status === 'lost' && (
                  <Tag color="red">{t('cards.ledgerStatuses.lost')}</Tag>
                )}
                {s === 'active' && account.card?.status === 'issuing' && (
                  <Tag color="gold">{t('cards.ledgerStatuses.issuing')}</Tag>
                )}
                {s !== 'closed' && account.billing === 'office' && (
                  <Tag color="blue">{t('customers.billings.office')}</Tag>
                )}
                {s !== 'closed' && account.keepPower && (
                  <Tag color="cyan">{t('customers.keepPowerOn')}</Tag>
                )}
                {s !== 'closed' && account.billingTripped && (
                  <Tag color="red">{t('customers.tripped')}</Tag>
                )}
              </>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, account) => (
              <Space size={4} wrap>
                {takesCard(account.meter) && <AccountCardButtons account={account} />}
                {/* The account's own changes in one menu: the row stays one line at 1366×768,
                    and 销户 never sits where 挂失 was a moment ago. */}
                {actionsFor(account, mayCall).length > 0 && (
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: actionsFor(account, mayCall).map((action) => ({
                        key: action,
                        danger: action === 'close',
                        label: t(
                          `accountActions.${action === 'keepPower' && account.keepPower ? 'keepPowerEnd' : action}.button`,
                        ),
                      })),
                      onClick: ({ key }) => setActing({ account, action: key as AccountAction }),
                    }}
                  >
                    <Button size="small">
                      {t('accountActions.more')} <DownOutlined />
                    </Button>
                  </Dropdown>
                )}
              </Space>
            ),
          },
        ]}
      />
      {opening && <OpenAccount customerId={customer.id} onClose={() => setOpening(false)} />}
      {acting && (
        <AccountActionDialog
          account={acting.account}
          action={acting.action}
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}
