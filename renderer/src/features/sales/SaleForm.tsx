// The sale itself, keyboard first: amount, payment key (Alt+1..4), Enter, confirm; the energy it
// buys at the tariff in force, cash tendered and change, and the receipt once sold.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  Modal,
  Segmented,
  Spin,
  Tag,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettingsQuery } from '../settings/settingsApi';
import type { AccountView, PaymentMethod, SaleView } from '../../../../shared/api/ledgerTypes';
import { PAYMENT_METHODS } from '../../../../shared/api/ledgerTypes';
import { energyForMoney, referencePrice } from '../../../../shared/pricing';
import { formatEnergy, formatMoney, formatPrice } from '../../../../shared/units';
import { cardSaleBlock, takesCard, purchaseUnloaded } from '../../../../shared/delivery';
import { useReadCardMutation } from '../cards/cardsApi';
import { typedYuan } from '../../components/typedMoney';
import { receiptNumber } from '../../../../shared/receiptNumber';
import { useAppDispatch, useErrorText } from '../../app/hooks';
import { tillSlice } from '../../app/tillSlice';
import { usePrintingSettingsQuery } from '../settings/printingApi';
import { usePrintReceipt } from '../ledger/usePrintReceipt';
import { useRereadCard } from '../cards/useCardOnReader';
import { useSalesQuery, useSellMutation, useTariffsQuery } from '../ledger/ledgerApi';
import { useQuoteOnDisplayMutation, useRestDisplayMutation } from '../display/displayApi';

export function SaleForm({
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
  const unloaded = purchaseUnloaded(account.purchaseCount, account.loadedCount);
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

  // The tenant sees the amount (and the change) on the customer display while the cashier
  // confirms; a cancelled confirmation greets again. The sale's own screen comes from the core.
  const [quoteOnDisplay] = useQuoteOnDisplayMutation();
  const [restDisplay] = useRestDisplayMutation();
  const confirm = () => {
    if (!canSell || amount === null) return;
    setConfirming(true);
    void quoteOnDisplay({
      accountId: account.id,
      amountFen: amount,
      ...(tendered !== null && { tenderedFen: tendered }),
    });
  };
  const cancel = () => {
    setConfirming(false);
    void restDisplay({});
  };

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
  const cancelRef = useRef(cancel);
  useEffect(() => {
    submitRef.current = submit;
    cancelRef.current = cancel;
  });
  useEffect(() => {
    if (!confirming) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Enter' && !event.repeat) {
        event.preventDefault();
        event.stopPropagation();
        void submitRef.current();
      } else if (event.key === 'Escape') {
        cancelRef.current();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [confirming]);

  return (
    // While the card is written the tenant must leave it on the reader: said over the panel.
    <Spin
      spinning={selling.isLoading && !remote}
      description={t('sales.writingCard')}
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
            confirm();
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
                confirm();
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
          onClick={confirm}
        >
          {t('sales.submit')}
        </Button>
        <Modal
          open={confirming}
          title={t('sales.confirmTitle')}
          okText={t(how ? `sales.confirm${how}` : 'sales.confirmOk')}
          cancelText={t('common.cancel')}
          onOk={submit}
          onCancel={cancel}
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
