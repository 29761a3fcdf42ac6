// Customers: find, create, and open an account (开户) on a meter under a tariff; and the dorms
// (宿舍), whose rooms are customers too, in a tab of their own.
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Drawer, Input, Space, Spin, Table, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../../../shared/api/ledgerTypes';
import { useMayCall } from '../../app/permissions';
import { ImportDialog } from './ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { useSearchCustomersQuery } from '../ledger/ledgerApi';
import { CreateCustomer } from './CreateCustomer';
import { CustomerDetail } from './CustomerDetail';

const DormsPanel = lazy(() => import('../dorms/DormsPanel'));
const MessagesPanel = lazy(() => import('../messages/MessagesPanel'));

export function CustomersPage() {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<CustomerMatch | null>(null);
  const [tab, setTab] = useState<'customers' | 'dorms' | 'messages'>('customers');
  const customers = useSearchCustomersQuery({ query, limit: 50 });
  const list = (
    <>
      <Input.Search
        allowClear
        autoFocus
        placeholder={t('sales.searchPlaceholder')}
        style={{ marginBottom: 12, maxWidth: 520 }}
        onSearch={setQuery}
        onChange={(e) => e.target.value === '' && setQuery('')}
      />
      <Table<CustomerMatch>
        rowKey="id"
        size="middle"
        loading={customers.isFetching}
        dataSource={customers.data ?? []}
        pagination={false}
        onRow={(record) => ({ onClick: () => setSelected(record), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('customers.customerNo'), dataIndex: 'customerNo' },
          { title: t('customers.name'), dataIndex: 'name' },
          { title: t('customers.shopUnit'), dataIndex: 'shopUnit' },
          { title: t('customers.phone'), dataIndex: 'phone' },
          {
            title: t('customers.meters'),
            dataIndex: 'meterNos',
            render: (nos: string[]) => nos.join(', '),
          },
        ]}
      />
    </>
  );
  return (
    <div>
      <PageHeader
        title={t('customers.title')}
        extra={
          tab === 'customers' && (
            <Space>
              {mayCall('customers.import') && (
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('import.button')}
                </Button>
              )}
              {mayCall('customers.create') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('customers.add')}
                </Button>
              )}
            </Space>
          )
        }
      />
      {mayCall('dorms.tree') || mayCall('messages.list') ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as typeof tab)}
          items={[
            { key: 'customers', label: t('customers.tabCustomers'), children: list },
            ...(mayCall('dorms.tree')
              ? [
                  {
                    key: 'dorms',
                    label: t('dorms.tab'),
                    children: (
                      <Suspense fallback={<Spin />}>
                        <DormsPanel />
                      </Suspense>
                    ),
                  },
                ]
              : []),
            ...(mayCall('messages.list')
              ? [
                  {
                    key: 'messages',
                    label: t('messages.tab'),
                    children: (
                      <Suspense fallback={<Spin />}>
                        <MessagesPanel />
                      </Suspense>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        list
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {creating && (
        <CreateCustomer
          onClose={() => setCreating(false)}
          onCreated={(c) => setSelected({ ...c, meterNos: [] })}
        />
      )}
      <Drawer
        open={selected !== null}
        size={760}
        title={selected ? `${selected.customerNo} · ${selected.name}` : ''}
        onClose={() => setSelected(null)}
        destroyOnHidden
      >
        {selected && <CustomerDetail customer={selected} />}
      </Drawer>
    </div>
  );
}

export default CustomersPage;
