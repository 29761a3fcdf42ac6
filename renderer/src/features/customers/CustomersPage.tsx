// Customers: find, create, and open an account (开户) on a meter under a tariff.
import { DownOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Dropdown,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccountView,
  BillingMode,
  CustomerMatch,
  MeterModel,
} from '../../../../shared/api/ledgerTypes';
import { METER_MODELS } from '../../../../shared/api/ledgerTypes';
import { CUSTOMER_LIMITS, PHONE_PATTERN } from '../../../../shared/api/limits';
import { formatMoney, parseEnergy } from '../../../../shared/units';
import { takesCard } from '../../../../shared/delivery';
import { useNotifyError } from '../../app/hooks';
import { parsedRule } from '../../components/formRules';
import { AccountCardButtons } from '../cards/AccountCardButtons';
import { FormDialog } from '../../components/FormDialog';
import { isSupervisor, type Role } from '../../../../shared/roles';
import { AccountActionDialog, actionsFor, type AccountAction } from './AccountActions';
import { ImportDialog } from './ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import {
  useAccountsForCustomerQuery,
  useCreateCustomerMutation,
  useLazyFindMetersQuery,
  useOpenAccountMutation,
  useRegisterMeterMutation,
  useSearchCustomersQuery,
  useTariffsQuery,
} from '../ledger/ledgerApi';

const STATE_COLORS: Record<AccountView['state'], string> = {
  active: 'green',
  suspended: 'orange',
  closed: 'default',
};

export function CustomersPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<CustomerMatch | null>(null);
  const customers = useSearchCustomersQuery({ query, limit: 50 });
  return (
    <div>
      <PageHeader
        title={t('customers.title')}
        extra={
          <Space>
            {isSupervisor(role) && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('import.button')}
              </Button>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('customers.add')}
            </Button>
          </Space>
        }
      />
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
        {selected && <CustomerDetail customer={selected} role={role} />}
      </Drawer>
    </div>
  );
}

function CreateCustomer({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: CustomerMatch) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const [create, { isLoading }] = useCreateCustomerMutation();
  return (
    <FormDialog title={t('customers.add')} form={form} loading={isLoading} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values: Record<string, string | undefined>) => {
          const { customerNo, ...rest } = values;
          const result = await create({
            ...(customerNo ? { customerNo } : {}),
            ...(rest as { name: string }),
          });
          if ('error' in result) return notifyError(result.error, form);
          void message.success(t('customers.created', { customerNo: result.data.customerNo }));
          onCreated({ ...result.data, meterNos: [] });
          onClose();
        }}
      >
        <Form.Item
          name="name"
          label={t('customers.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus maxLength={CUSTOMER_LIMITS.name} showCount />
        </Form.Item>
        <Form.Item
          name="customerNo"
          label={t('customers.customerNo')}
          extra={t('customers.customerNoHint')}
        >
          <Input maxLength={CUSTOMER_LIMITS.customerNo} />
        </Form.Item>
        <Form.Item name="shopUnit" label={t('customers.shopUnit')}>
          <Input maxLength={CUSTOMER_LIMITS.shopUnit} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customers.phone')}
          rules={[{ pattern: PHONE_PATTERN, message: t('customers.phoneDigits') }]}
        >
          <Input maxLength={CUSTOMER_LIMITS.phone} inputMode="tel" />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')}>
          <Input.TextArea rows={2} maxLength={CUSTOMER_LIMITS.notes} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function CustomerDetail({ customer, role }: { customer: CustomerMatch; role: Role }) {
  const { t } = useTranslation();
  const accounts = useAccountsForCustomerQuery(customer.id);
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
          { key: 'notes', label: t('customers.notes'), children: customer.notes || '—' },
        ]}
      />
      <div className="pt-page-header" style={{ marginTop: 16 }}>
        <h3 style={{ margin: 0 }}>{t('customers.accounts')}</h3>
        <Button type="primary" onClick={() => setOpening(true)}>
          {t('customers.openAccount')}
        </Button>
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
                {takesCard(account.meter) && <AccountCardButtons account={account} role={role} />}
                {/* The account's own changes in one menu: the row stays one line at 1366×768,
                    and 销户 never sits where 挂失 was a moment ago. */}
                {actionsFor(account, role).length > 0 && (
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: actionsFor(account, role).map((action) => ({
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
          role={role}
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}

/** Meters that speak DL/T 645 or Modbus-RTU, chosen per device. */
const speaksEither = (model: MeterModel) => model.endsWith('-NK') || model === 'ADM100';
/** Metering meters hold no money: the office bills them from their readings (主站计费). */
const metering = (model: MeterModel | undefined) => model === 'DDSD1352' || model === 'DTSD1352';

interface OpenValues {
  meterNo: string;
  model: MeterModel;
  /** NK meters: recharged from the tenant's card at an ACRT terminal, not over the line. */
  delivery: 'line' | 'acrt';
  /** NK meters: how they speak on the line, and a Modbus meter's unit address. */
  protocol: 'dlt645' | 'modbus';
  modbusUnit?: number;
  /** ADF300: which circuit of the box is this tenant's. */
  circuit?: number;
  ctRatio: number;
  tariffId: number;
  installReading: string;
  /** A meter on the line that holds money: billed by itself, or by the office (主站计费). */
  billing: BillingMode;
}

function OpenAccount({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<OpenValues>();
  const tariffs = useTariffsQuery();
  const [findMeters] = useLazyFindMetersQuery();
  const [registerMeter] = useRegisterMeterMutation();
  const [openAccount, { isLoading }] = useOpenAccountMutation();
  const usable = (tariffs.data ?? []).filter((tariff) => tariff.current);
  // The form may open before the tariffs arrive (a fresh sign-in): the first one is chosen then.
  const firstTariff = usable[0]?.id;
  useEffect(() => {
    if (firstTariff !== undefined && form.getFieldValue('tariffId') === undefined)
      form.setFieldValue('tariffId', firstTariff);
  }, [firstTariff, form]);
  const model = Form.useWatch('model', form);
  const protocol = Form.useWatch('protocol', form);
  const delivery = Form.useWatch('delivery', form);
  // Who may keep the money: only a meter on the line can be billed by the office.
  const onLine =
    model !== undefined &&
    (model.endsWith('-NK') ? delivery !== 'acrt' : !['DDSY1352', 'DTSY1352'].includes(model));

  const submit = async (values: OpenValues) => {
    // An existing meter (in stock, or back from another account) is reused; a new one registered.
    const circuit = values.model === 'ADF300' ? (values.circuit ?? 0) : 0;
    const found = (await findMeters(values.meterNo)).data?.find(
      (m) => m.meterNo === values.meterNo && m.circuit === circuit,
    );
    let meterId = found?.id;
    if (!meterId) {
      const registered = await registerMeter({
        meterNo: values.meterNo,
        circuit,
        model: values.model,
        ctRatio: values.ctRatio,
        viaAcrt: values.model.endsWith('-NK') && values.delivery === 'acrt',
        ...(speaksEither(values.model) &&
          values.protocol === 'modbus' && { protocol: 'modbus', modbusUnit: values.modbusUnit! }),
      });
      if ('error' in registered) return notifyError(registered.error, form);
      meterId = registered.data.id;
    }
    const opened = await openAccount({
      customerId,
      meterId,
      tariffId: values.tariffId,
      installReading: values.installReading?.trim() ? parseEnergy(values.installReading.trim()) : 0,
      ...(metering(values.model)
        ? { billing: 'office' as const }
        : onLine && { billing: values.billing }),
    });
    if ('error' in opened) return notifyError(opened.error, form);
    void message.success(t('customers.opened', { accountNo: opened.data.accountNo }));
    onClose();
  };

  return (
    <FormDialog
      title={t('customers.openAccount')}
      form={form}
      loading={isLoading}
      disabled={usable.length === 0}
      onClose={onClose}
    >
      {usable.length === 0 && !tariffs.isLoading && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.noTariff')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<OpenValues>
        form={form}
        layout="vertical"
        initialValues={{
          model: 'DDSY1352',
          delivery: 'line',
          protocol: 'dlt645',
          ctRatio: 1,
          installReading: '0',
          tariffId: usable[0]?.id,
          billing: 'meter',
        }}
        onFinish={submit}
      >
        <Form.Item
          name="meterNo"
          label={t('customers.meterNo')}
          rules={[{ required: true, pattern: /^\d{12}$/, message: t('customers.meterNoInvalid') }]}
        >
          <Input autoFocus maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="model" label={t('customers.model')}>
          <Select options={METER_MODELS.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        {model === 'ADF300' && (
          <Form.Item
            name="circuit"
            label={t('customers.circuit')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber min={1} max={36} precision={0} />
          </Form.Item>
        )}
        {model?.endsWith('-NK') && (
          <Form.Item name="delivery" label={t('customers.delivery')}>
            <Radio.Group
              options={[
                { value: 'line', label: t('customers.deliveries.line') },
                { value: 'acrt', label: t('customers.deliveries.acrt') },
              ]}
            />
          </Form.Item>
        )}
        {model && speaksEither(model) && (
          <>
            <Space align="start">
              <Form.Item name="protocol" label={t('customers.protocol')}>
                <Select
                  style={{ width: 160 }}
                  options={[
                    { value: 'dlt645', label: 'DL/T 645-2007' },
                    { value: 'modbus', label: 'Modbus-RTU' },
                  ]}
                />
              </Form.Item>
              {protocol === 'modbus' && (
                <Form.Item
                  name="modbusUnit"
                  label={t('customers.modbusUnit')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <InputNumber min={1} max={247} precision={0} />
                </Form.Item>
              )}
            </Space>
          </>
        )}
        {metering(model) ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('customers.meteringBilledByOffice')}
          />
        ) : (
          onLine && (
            <Form.Item
              name="billing"
              label={t('customers.billing')}
              extra={t('customers.billingHint')}
            >
              <Radio.Group
                options={[
                  { value: 'meter', label: t('customers.billings.meter') },
                  { value: 'office', label: t('customers.billings.office') },
                ]}
              />
            </Form.Item>
          )
        )}
        <Form.Item name="ctRatio" label={t('customers.ctRatio')}>
          <InputNumber min={1} max={10_000} precision={0} />
        </Form.Item>
        <Form.Item
          name="tariffId"
          label={t('customers.tariff')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={usable.map((tariff) => ({ value: tariff.id, label: tariff.name }))} />
        </Form.Item>
        <Form.Item
          name="installReading"
          label={t('customers.installReading')}
          rules={[parsedRule(parseEnergy, t('accountActions.readingInvalid'))]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

export default CustomersPage;
