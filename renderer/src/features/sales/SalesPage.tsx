// The cashier's sale screen, keyboard first: type to find the shop, Enter, amount, payment key,
// Enter, confirm. The sale is written through the journal; the result or a translated error shows.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Input,
  List,
  Modal,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/roles';
import { useSettingsQuery } from '../settings/settingsApi';
import {
  ApprovalFields,
  approvalComplete,
  NO_APPROVAL,
  type Approval,
} from '../../components/ApprovalFields';
import type {
  AccountView,
  CustomerMatch,
  PaymentMethod,
  SaleView,
} from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import type { CardReadView } from '../../../../shared/api/cards';
import type { SystemInfo } from '../../../../shared/api/types';
import { energyForMoney, referencePrice } from '../../../../shared/pricing';
import { formatEnergy, formatMoney, formatPrice, formatYuan } from '../../../../shared/units';
import { cardSaleBlock, takesCard } from '../../../../shared/delivery';
import { useReadCardMutation } from '../cards/cardsApi';
import { typedYuan } from '../../components/typedMoney';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { useAppDispatch, useErrorText, useNotifyError } from '../../app/hooks';
import { tillSlice } from '../../app/tillSlice';
import { usePrintingSettingsQuery } from '../settings/printingApi';
import { usePrintReceipt } from '../ledger/usePrintReceipt';
import { formatOfficeTime } from '../../components/officeClock';
import { PageHeader } from '../../components/PageHeader';
import { CardPanel } from '../cards/CardPanel';
import { useRereadCard } from '../cards/useCardOnReader';
import {
  useAccountsForCustomerQuery,
  useInsertTrainingCardMutation,
  usePutTrainingBlankCardMutation,
  useRunTrainingDayMutation,
  useLazyCustomerQuery,
  useReverseSaleMutation,
  useSalesQuery,
  useSearchCustomersQuery,
  useSellMutation,
  useTariffsQuery,
} from '../ledger/ledgerApi';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function SalesPage({ info, role }: { info: SystemInfo; role: Role }) {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<CustomerMatch | null>(null);
  const [cardAccountId, setCardAccountId] = useState<number | null>(null);
  const [fetchCustomer] = useLazyCustomerQuery();
  // The tenant's card on the reader picks the customer and the account, as typing would.
  const onTenant = useCallback(
    async (card: CardReadView) => {
      const ledger = card.ledger!;
      const found = await fetchCustomer(ledger.customerId);
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
          role={role}
        />
      )}
    </div>
  );
}

function CustomerPicker({ onPick }: { onPick: (customer: CustomerMatch) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [open, setOpen] = useState(false);
  const debounced = useDebounced(query.trim(), 150);
  const results = useSearchCustomersQuery(
    { query: debounced, limit: 8 },
    { skip: debounced === '' },
  );
  const matches = debounced === '' ? [] : (results.data ?? []);

  const pick = (customer: CustomerMatch | undefined) => {
    if (!customer) return;
    onPick(customer);
    setOpen(false);
    setQuery(`${customer.customerNo} ${customer.name}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setHighlight((h) => Math.min(h + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(matches[highlight]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div style={{ position: 'relative', marginBottom: 16 }}>
      <Input.Search
        size="large"
        autoFocus
        allowClear
        value={query}
        aria-label={t('sales.searchPlaceholder')}
        placeholder={t('sales.searchPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setHighlight(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onSearch={() => pick(matches[highlight])}
      />
      {open && debounced !== '' && (
        <Card size="small" className="pt-search-results" styles={{ body: { padding: 0 } }}>
          <List
            size="small"
            locale={{ emptyText: results.isFetching ? t('common.loading') : t('sales.noMatch') }}
            dataSource={matches}
            renderItem={(c, index) => (
              <List.Item
                role="option"
                aria-selected={index === highlight}
                className={
                  index === highlight ? 'pt-search-hit pt-search-hit-active' : 'pt-search-hit'
                }
                onMouseEnter={() => setHighlight(index)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                <span className="pt-search-no">{c.customerNo}</span>
                <span className="pt-search-name">{c.name}</span>
                <span className="pt-search-meta">
                  {[c.shopUnit, c.phone, ...c.meterNos].filter(Boolean).join(' · ')}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
      {debounced === '' && (
        <div className="pt-hint">
          {t('sales.pickHint')}
          <br />
          {t('sales.keysHint')}
        </div>
      )}
    </div>
  );
}

function CustomerSale({
  customer,
  training,
  initialAccountId,
  role,
}: {
  customer: CustomerMatch;
  training: 'simulated' | 'virtual' | null;
  initialAccountId: number | null;
  role: Role;
}) {
  const { t } = useTranslation();
  const accounts = useAccountsForCustomerQuery(customer.id);
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
      <RecentSales accountId={account.id} loadedCount={account.loadedCount} role={role} />
    </div>
  );
}

function AccountFacts({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const unloaded = account.purchaseCount > account.loadedCount;
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

function SaleForm({
  account,
  customerName,
  usesReader,
}: {
  account: AccountView;
  customerName: string;
  /** Card sales go through the office's reader (not training's simulated delivery). */
  usesReader: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const tariffs = useTariffsQuery();
  const [sell, selling] = useSellMutation();
  const [amountText, setAmountText] = useState('');
  const [payment, setPayment] = useState<PaymentMethod>('cash');
  const [addToUnloaded, setAddToUnloaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [lastSale, setLastSale] = useState<SaleView | null>(null);
  const [printReceipt, printing] = usePrintReceipt();
  const amountRef = useRef<HTMLInputElement>(null);
  const unloaded = account.purchaseCount > account.loadedCount;
  // NK meters take the purchase over the RS485 line (远程充值), not from the tenant's card.
  const remote = !takesCard(account.meter);
  // 主站计费: the money stays in the office's balance; nothing is written to the meter.
  const billedByOffice = account.billing === 'office';
  const how = billedByOffice ? 'Office' : remote ? 'Remote' : '';

  const office = useSettingsQuery().data;
  const printingSettings = usePrintingSettingsQuery().data;
  const rereadCard = useRereadCard();
  const dispatch = useAppDispatch();
  const typed = useMemo(() => {
    const fen = typedYuan(amountText);
    return fen && fen > 0 ? fen : null;
  }, [amountText]);
  // The office's sales rules, known before the confirmation rather than refused after it.
  const outOfRange =
    typed !== null &&
    office !== undefined &&
    (typed < office.minSaleFen || typed > office.maxSaleFen);
  const amount = outOfRange ? null : typed;
  // 实收 for cash: optional; when typed, the change (找零) is shown and printed on the receipt.
  const [tenderedText, setTenderedText] = useState('');
  const tendered = useMemo(() => {
    if (payment !== 'cash') return null;
    const fen = typedYuan(tenderedText);
    return fen === undefined ? null : (fen ?? Number.NaN);
  }, [payment, tenderedText]);
  const change = tendered !== null && amount !== null ? tendered - amount : null;
  const tenderedWrong = tendered !== null && (Number.isNaN(tendered) || (change ?? 0) < 0);
  // The account's own live card must be the one on the reader: said before the confirmation.
  const [, cardOnReader] = useReadCardMutation({ fixedCacheKey: 'card-on-reader' });
  const block = usesReader && !remote ? cardSaleBlock(account, cardOnReader.data ?? null) : null;
  const canSell = amount !== null && !tenderedWrong && block === null;
  // What the cashier last sold here, as the ledger now has it (a reversal shows at once).
  const recent = useSalesQuery({ accountId: account.id, limit: 10 });
  const lastShown = lastSale
    ? (recent.data?.find((sale) => sale.id === lastSale.id) ?? lastSale)
    : null;
  const definition = tariffs.data?.find((tariff) => tariff.id === account.tariffId)?.current
    ?.definition;
  const preview = amount !== null && definition ? energyForMoney(definition, amount).energy : null;

  useEffect(() => {
    amountRef.current?.focus();
  }, [account.id]);

  // Alt+1..4 choose the payment method without leaving the amount field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const index = Number(event.key) - 1;
      if (!event.altKey || !(index >= 0 && index < PAYMENT_METHODS.length)) return;
      event.preventDefault();
      setPayment(PAYMENT_METHODS[index]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submitting = useRef(false);
  const submit = async () => {
    if (!canSell || amount === null || submitting.current) return;
    submitting.current = true;
    setConfirming(false);
    const result = await sell({
      accountId: account.id,
      amountFen: amount,
      paymentMethod: payment,
      ...(tendered !== null && { tenderedFen: tendered }),
      addToUnloaded: unloaded && addToUnloaded,
    });
    if ('data' in result && result.data) {
      setLastSale(result.data);
      dispatch(tillSlice.actions.receiptMade(result.data.receiptNo));
      // The card now holds this purchase: the banner shows the card as it is now.
      if (!remote) rereadCard();
      // With a receipt printer chosen, the receipt goes out without being asked for.
      if (printingSettings?.autoPrint && printingSettings.receiptPrinter)
        void printReceipt(result.data.receiptNo);
      setAmountText('');
      setTenderedText('');
      // The next tenant most often pays cash: the method goes back to it after each sale.
      setPayment('cash');
      setAddToUnloaded(false);
    }
    submitting.current = false;
    amountRef.current?.focus();
  };

  // While the confirmation is open, Enter confirms and Escape cancels wherever focus happens to
  // be (the dialog may not have taken focus yet when a fast cashier presses Enter again).
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  useEffect(() => {
    if (!confirming) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Enter' && !event.repeat) {
        event.preventDefault();
        event.stopPropagation();
        void submitRef.current();
      } else if (event.key === 'Escape') {
        setConfirming(false);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [confirming]);

  return (
    // While the card is written the tenant must leave it on the reader: said over the panel.
    <Spin
      spinning={selling.isLoading && !remote}
      tip={t('sales.writingCard')}
      size="large"
      data-testid="writing-card"
    >
      <Card
        size="small"
        title={t('sales.amount')}
        extra={
          billedByOffice ? (
            <Tag color="blue">{t('customers.billings.office')}</Tag>
          ) : (
            remote && <Tag color="blue">{t('sales.remote')}</Tag>
          )
        }
      >
        <Input
          ref={(input) => {
            amountRef.current = input?.input ?? null;
          }}
          size="large"
          inputMode="decimal"
          aria-label={t('sales.amount')}
          prefix="¥"
          value={amountText}
          status={amountText !== '' && amount === null ? 'error' : undefined}
          onChange={(e) => setAmountText(e.target.value)}
          onPressEnter={(event) => {
            // The dialog takes focus during this keydown; without this the same Enter would go on
            // to "click" the dialog's close button and cancel it at once.
            event.preventDefault();
            if (canSell) setConfirming(true);
          }}
          style={{ fontSize: 22 }}
        />
        <div className="pt-hint" style={{ minHeight: 22 }}>
          {outOfRange && office
            ? t('sales.amountOutOfRange', {
                min: formatMoney(office.minSaleFen),
                max: formatMoney(office.maxSaleFen),
              })
            : amountText !== '' && amount === null
              ? t('sales.amountInvalid')
              : preview !== null && definition
                ? // What the figure assumes: a purchase has no time of day (TOU: the flat rate),
                  // and a stepped tariff is counted from the month's first step.
                  t(
                    definition.kind === 'tou'
                      ? 'sales.energyTou'
                      : definition.kind === 'stepped'
                        ? 'sales.energyStepped'
                        : 'sales.energy',
                    {
                      energy: formatEnergy(preview),
                      price: formatPrice(referencePrice(definition)),
                    },
                  )
                : ''}
        </div>
        <div style={{ margin: '12px 0 4px' }}>{t('sales.payment')}</div>
        <Segmented<PaymentMethod>
          block
          value={payment}
          onChange={setPayment}
          options={PAYMENT_METHODS.map((method) => ({
            value: method,
            label: t(`payment.${method}`),
          }))}
        />
        <div className="pt-hint">{t('sales.paymentHint')}</div>
        {payment === 'cash' && (
          <div style={{ marginTop: 8 }}>
            <Input
              inputMode="decimal"
              prefix={`${t('sales.tendered')} ¥`}
              aria-label={t('sales.tendered')}
              value={tenderedText}
              status={tenderedWrong ? 'error' : undefined}
              onChange={(e) => setTenderedText(e.target.value)}
              onPressEnter={(event) => {
                event.preventDefault();
                if (canSell) setConfirming(true);
              }}
            />
            <div className="pt-hint" style={{ minHeight: 22 }} data-testid="sale-change">
              {tenderedWrong && amount !== null
                ? t('sales.tenderedShort', { amount: formatMoney(amount) })
                : change !== null
                  ? t('sales.change', { change: formatMoney(change) })
                  : ''}
            </div>
          </div>
        )}
        {unloaded && (
          <Checkbox
            style={{ marginTop: 12 }}
            checked={addToUnloaded}
            onChange={(e) => setAddToUnloaded(e.target.checked)}
          >
            {t('sales.addToUnloaded')}
          </Checkbox>
        )}
        {block && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="card-sale-block"
            title={t(`sales.cardBlock.${block.reason}`, {
              ...block,
              ...(block.reason === 'cardNotLive' && {
                status: t(`cards.ledgerStatuses.${block.status}`),
              }),
            })}
          />
        )}
        {selling.error && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(selling.error)} />
        )}
        {lastShown && !selling.error && lastShown.status === 'reversed' && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t('sales.lastReversed', { receiptNo: receiptNumber(lastShown.receiptNo) })}
          />
        )}
        {lastShown && lastSale && !selling.error && lastShown.status !== 'reversed' && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            title={`${t(how ? `sales.done${how}` : 'sales.done', {
              receiptNo: receiptNumber(lastSale.receiptNo),
            })}${
              lastSale.tenderedFen !== null
                ? t('sales.doneChange', {
                    change: formatMoney(lastSale.tenderedFen - lastSale.amountFen),
                  })
                : ''
            }${
              // 主站计费 keeps its balance in the books, shown beside the account; not read back.
              lastShown.meterBalanceAfterFen !== null && !billedByOffice
                ? t('sales.doneBalance', { balance: formatMoney(lastShown.meterBalanceAfterFen) })
                : ''
            }`}
            action={
              <Button
                size="small"
                loading={printing}
                onClick={() => void printReceipt(lastSale.receiptNo)}
              >
                {t('sales.print')} (Ctrl+P)
              </Button>
            }
          />
        )}
        <Button
          type="primary"
          size="large"
          block
          style={{ marginTop: 12 }}
          disabled={!canSell}
          loading={selling.isLoading}
          onClick={() => setConfirming(true)}
        >
          {t('sales.submit')}
        </Button>
        <Modal
          open={confirming}
          title={t('sales.confirmTitle')}
          okText={t(how ? `sales.confirm${how}` : 'sales.confirmOk')}
          cancelText={t('common.cancel')}
          onOk={submit}
          onCancel={() => setConfirming(false)}
          okButtonProps={{ autoFocus: true }}
          // The modal gives focus back to where it came from (the 实收 field, say); the next sale
          // starts at the amount.
          afterClose={() => amountRef.current?.focus()}
          destroyOnHidden
        >
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'c',
                label: t('sales.account'),
                children: `${customerName} · ${account.accountNo} · ${account.meter.meterNo}`,
              },
              {
                key: 'a',
                label: t('sales.amount'),
                children: (
                  <strong style={{ fontSize: 20 }}>
                    {amount !== null ? formatMoney(amount) : ''}
                  </strong>
                ),
              },
              { key: 'p', label: t('sales.payment'), children: t(`payment.${payment}`) },
              ...(tendered !== null && change !== null && !tenderedWrong
                ? [
                    { key: 't', label: t('sales.tendered'), children: formatMoney(tendered) },
                    {
                      key: 'g',
                      label: t('sales.changeLabel'),
                      children: <strong style={{ fontSize: 18 }}>{formatMoney(change)}</strong>,
                    },
                  ]
                : []),
              ...(preview !== null
                ? [{ key: 'e', label: 'kWh', children: formatEnergy(preview) }]
                : []),
            ]}
          />
        </Modal>
      </Card>
    </Spin>
  );
}

function RecentSales({
  accountId,
  loadedCount,
  role,
}: {
  accountId: number;
  loadedCount: number;
  role: Role;
}) {
  const office = useSettingsQuery().data;
  const needsApproval = role === 'cashier' && office?.reversalNeedsApproval === true;
  const { t, i18n } = useTranslation();
  const [reversing, setReversing] = useState<SaleView | null>(null);
  const sales = useSalesQuery({ accountId, limit: 10 });
  const [printReceipt] = usePrintReceipt();
  // Only the latest sale, while the meter has not loaded it, can be reversed (the backend checks
  // again against the card).
  const latest = (sales.data ?? []).find((s) => s.status === 'committed');
  const reversible = latest && latest.purchaseCount > loadedCount ? latest.id : undefined;
  return (
    <Card size="small" title={t('sales.recent')} className="pt-sale-recent">
      <Table<SaleView>
        size="small"
        rowKey="id"
        pagination={false}
        loading={sales.isLoading}
        dataSource={sales.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="—" /> }}
        columns={[
          {
            title: t('sales.receiptNo'),
            dataIndex: 'receiptNo',
            render: (n: number) => receiptNumber(n),
          },
          {
            title: t('sales.time'),
            dataIndex: 'createdAt',
            render: (at: string) => formatOfficeTime(at, i18n.language),
          },
          {
            title: t('sales.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (fen: number) => formatYuan(fen),
          },
          { title: 'N', dataIndex: 'purchaseCount', align: 'right' },
          {
            title: t('sales.payment'),
            dataIndex: 'paymentMethod',
            render: (m: PaymentMethod) => t(`payment.${m}`),
          },
          { title: t('sales.operator'), dataIndex: 'operatorName' },
          {
            title: t('sales.status'),
            dataIndex: 'status',
            render: (status: SaleView['status']) => (
              <Tag
                color={status === 'committed' ? 'green' : status === 'voided' ? 'default' : 'gold'}
              >
                {t(`saleStatus.${status}`)}
              </Tag>
            ),
          },
          {
            title: '',
            key: 'print',
            render: (_, sale) => (
              <Space size={0}>
                {sale.status !== 'pending' && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => void printReceipt(sale.receiptNo)}
                  >
                    {t('sales.reprint')}
                  </Button>
                )}
                {sale.id === reversible && (
                  <Button type="link" size="small" danger onClick={() => setReversing(sale)}>
                    {t('sales.reverse')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {reversing && (
        <ReverseDialog
          sale={reversing}
          needsApproval={needsApproval}
          onClose={() => setReversing(null)}
          onPrint={printReceipt}
        />
      )}
    </Card>
  );
}

function ReverseDialog({
  sale,
  needsApproval,
  onClose,
  onPrint,
}: {
  sale: SaleView;
  /** The office asks a supervisor to approve a cashier's reversal at the till (设置). */
  needsApproval: boolean;
  onClose: () => void;
  onPrint: (receiptNo: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>(NO_APPROVAL);
  const rereadCard = useRereadCard();
  const [reverse, { isLoading, error }] = useReverseSaleMutation();
  const ready = reason.trim().length >= 2 && (!needsApproval || approvalComplete(approval));
  return (
    <Modal
      open
      title={t('sales.reverseTitle', { receiptNo: receiptNumber(sale.receiptNo) })}
      okText={t('sales.reverse')}
      okButtonProps={{ danger: true, disabled: !ready }}
      cancelText={t('common.cancel')}
      confirmLoading={isLoading}
      onCancel={onClose}
      onOk={async () => {
        const result = await reverse({
          saleId: sale.id,
          reason: reason.trim(),
          ...(needsApproval && { approval }),
        });
        if ('error' in result) return setApproval((a) => ({ ...a, password: '' }));
        rereadCard();
        onClose();
        const receiptNo = result.data.receiptNo;
        modal.success({
          title: t('sales.reversed', { receiptNo: receiptNumber(receiptNo) }),
          okText: t('sales.printVoucher'),
          onOk: () => onPrint(receiptNo),
        });
      }}
    >
      <p>{t('sales.reverseText', { amount: formatMoney(sale.amountFen) })}</p>
      <Input
        autoFocus
        placeholder={t('sales.reverseReason')}
        aria-label={t('sales.reverseReason')}
        value={reason}
        maxLength={200}
        onChange={(e) => setReason(e.target.value)}
      />
      {needsApproval && (
        <div style={{ marginTop: 12 }}>
          <ApprovalFields
            hint={t('sales.reverseApprovalHint')}
            value={approval}
            onChange={setApproval}
          />
        </div>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(error)} />}
    </Modal>
  );
}

/**
 * The tenant's side in training: the card into the meter; with virtual cards also a blank card onto
 * the reader (to issue) and a trading day in the shop (the meter spends the credit).
 */
function TrainingCard({ account, virtual }: { account: AccountView; virtual: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
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
          const result = await insert(account.id);
          report(result, `sales.trainingOutcome.${result.data?.outcome ?? 'rejected'}`);
        }}
      >
        {t('sales.trainingInsert')}
      </Button>
      {virtual && (
        <Button
          loading={running.isLoading}
          onClick={async () => report(await runDay(account.id), 'sales.trainingDayDone')}
        >
          {t('sales.trainingDay')}
        </Button>
      )}
      {virtual && (
        <Button
          loading={putting.isLoading}
          onClick={async () => {
            const result = await putBlank();
            if ('error' in result) return notifyError(result.error);
            void message.success(t('sales.trainingBlankDone'));
          }}
        >
          {t('sales.trainingBlank')}
        </Button>
      )}
    </Space>
  );
}

export default SalesPage;
