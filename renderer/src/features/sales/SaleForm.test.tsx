// The sale form as the cashier uses it, with the backend behind a fake bridge (this component's
// unit test), on an NK meter's account (远程充值: no card on the reader is needed): the energy the
// amount buys, the office's sale limits before the confirmation, cash tendered and its change,
// Enter to confirm (the customer display shows the amount) and Enter again to sell, Alt+2 for
// WeChat, and a refusal in the office's words.
import { act, fireEvent, screen } from '@testing-library/react';
import type { AccountView, SaleView } from '../../../../shared/api/ledgerTypes';
import type { ApiResult } from '../../../../shared/errors';
import { setBridge } from '../../app/bridge';
import i18n from '../../i18n';
import { renderAtTheOffice } from '../../test/atTheOffice';
import { stubBrowser } from '../../test/browserStubs';
import { SaleForm } from './SaleForm';

const account: AccountView = {
  id: 4,
  accountNo: '00000004',
  customer: {
    id: 3,
    customerNo: 'C0003',
    name: '海底捞',
    shopUnit: 'L3-301',
    floor: '3',
    area: 'A',
    phone: '',
    notes: '',
    createdAt: '2026-12-01T00:00:00Z',
  },
  meter: {
    id: 9,
    meterNo: '000000000601',
    circuit: 1,
    model: 'DDSY1352-NK',
    kind: 'nk',
    phases: 1,
    ctRatio: 1,
    installedAt: '2026-12-01T00:00:00Z',
    installReading: 0,
    state: 'in_service',
    viaAcrt: false,
    protocol: 'dlt645',
    modbusUnit: null,
  },
  tariffId: 1,
  tariffName: '商业照明',
  state: 'active',
  purchaseCount: 2,
  loadedCount: 2,
  totalPurchasedFen: 30_000,
  meterRemainingFen: 12_000,
  meterRemainingAt: '2026-12-06T01:00:00Z',
  meterCreditOwedFen: 0,
  hoardingLimitFen: 500_000,
  openedAt: '2026-12-01T00:00:00Z',
  card: null,
  billing: 'meter',
  officeBalanceFen: 0,
  billingStarted: false,
  keepPower: false,
  billingTripped: false,
};

const soldAs = (input: { amountFen: number; paymentMethod: string; tenderedFen?: number }) =>
  ({
    id: 31,
    accountId: account.id,
    accountNo: account.accountNo,
    receiptNo: 57,
    amountFen: input.amountFen,
    energy: Math.floor((input.amountFen * 10_000) / 8_500),
    price: 8_500,
    purchaseCount: 3,
    paymentMethod: input.paymentMethod,
    tenderedFen: input.tenderedFen ?? null,
    meterBalanceAfterFen: 12_000 + input.amountFen,
    operatorName: 'li',
    status: 'committed',
    createdAt: '2026-12-06T02:00:00Z',
  }) as SaleView;

/** What the customer display was asked to show while the cashier confirmed. */
let quoted: Record<string, unknown>[] = [];

function office(sell: (input: Record<string, unknown>) => ApiResult<unknown>) {
  const sold: Record<string, unknown>[] = [];
  quoted = [];
  renderAtTheOffice(
    <SaleForm account={account} customerName="海底捞" usesReader={false} />,
    (method, input) => {
      switch (method) {
        case 'tariffs.list':
          return {
            ok: true,
            value: [
              {
                id: 1,
                name: '商业照明',
                current: { definition: { kind: 'flat', price: 8_500 } },
                versions: [],
              },
            ],
          };
        case 'settings.get':
          return { ok: true, value: { minSaleFen: 1_000, maxSaleFen: 200_000 } };
        case 'printing.settings':
          return { ok: true, value: { autoPrint: false, receiptPrinter: null } };
        case 'system.hardwareStatus':
          return { ok: true, value: { reader: { state: 'ready', withCard: [] } } };
        case 'sales.list':
          return { ok: true, value: [] };
        case 'sales.sell':
          sold.push(input as Record<string, unknown>);
          return sell(input as Record<string, unknown>);
        case 'display.quote':
          quoted.push(input as Record<string, unknown>);
          return { ok: true, value: null };
        default:
          return undefined;
      }
    },
  );
  return sold;
}

const amountField = () => screen.getByLabelText('售电金额（元）');
const type = (field: HTMLElement, text: string) =>
  fireEvent.change(field, { target: { value: text } });
const enter = (target: HTMLElement | Window) =>
  act(async () => {
    fireEvent.keyDown(target, { key: 'Enter', code: 'Enter', keyCode: 13 });
  });

describe('the sale form', () => {
  beforeAll(stubBrowser);
  beforeEach(() => act(() => i18n.changeLanguage('zh-CN')));
  afterEach(() => setBridge(null));

  it('shows what the amount buys and the change, then sells on Enter, Enter', async () => {
    const sold = office((input) => ({ ok: true, value: soldAs(input as never) }));
    expect(await screen.findByText('远程充值 · RS485')).toBeTruthy();
    // Below the office's smallest sale: said at once, and the sale cannot go ahead.
    type(amountField(), '5');
    expect(await screen.findByText('本营业厅单笔售电额为 ¥10.00 至 ¥2,000.00')).toBeTruthy();
    expect(screen.getByRole('button', { name: /售\s?电/ }).hasAttribute('disabled')).toBe(true);

    type(amountField(), '50');
    // ¥50.00 at 0.8500 yuan/kWh: 58.82 kWh, the energy fully paid for.
    expect(await screen.findByText('折合电量约 58.82 kWh（按 0.8500 元/kWh）')).toBeTruthy();
    type(screen.getByLabelText('实收'), '100');
    expect(screen.getByTestId('sale-change').textContent).toBe('找零 ¥50.00');

    await enter(amountField());
    expect(await screen.findByText('确认远程充值')).toBeTruthy();
    // The tenant sees the amount and the change on the customer display while the cashier confirms.
    expect(quoted).toEqual([{ accountId: 4, amountFen: 5_000, tenderedFen: 10_000 }]);
    await enter(window);
    expect(sold).toEqual([
      {
        accountId: 4,
        amountFen: 5_000,
        paymentMethod: 'cash',
        tenderedFen: 10_000,
        addToUnloaded: false,
      },
    ]);
    expect(await screen.findByText(/远程充值成功，电表已确认，票据号 00000057/)).toBeTruthy();
    // Ready for the next tenant: the amount cleared, cash again.
    expect((amountField() as HTMLInputElement).value).toBe('');
  });

  it('takes Alt+2 for WeChat (no change asked), and says a refusal in the office’s words', async () => {
    const sold = office(() => ({
      ok: false,
      error: {
        code: 'OVER_HOARDING_LIMIT',
        params: { limit: '5000.00', held: '4990.00', room: '10.00' },
      },
    }));
    type(amountField(), '80');
    await act(async () => {
      fireEvent.keyDown(window, { key: '2', altKey: true });
    });
    expect(screen.queryByLabelText('实收')).toBeNull();
    await enter(amountField());
    await enter(window);
    expect(sold).toEqual([
      { accountId: 4, amountFen: 8_000, paymentMethod: 'wechat', addToUnloaded: false },
    ]);
    expect(
      await screen.findByText(
        '超过囤积限额 5000.00 元：表内及未读入金额已有 4990.00 元，本次最多还可售 10.00 元。',
      ),
    ).toBeTruthy();
  });
});
